import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

/** calibre's converter, found on PATH unless a path is given. */
export const EBOOK_CONVERT = 'ebook-convert';
/** A book of a few MB converts in seconds; this bounds a stuck converter. */
const CONVERT_TIMEOUT_MS = 5 * 60_000;

/** Whether calibre's `ebook-convert` can be run. */
export function converterAvailable(command = EBOOK_CONVERT): Promise<boolean> {
  return new Promise((resolve) => {
    execFile(command, ['--version'], { timeout: 60_000 }, (error) => resolve(!error));
  });
}

/**
 * EPUB → AZW3 (the format a Kindle reads over USB, with the book's fonts, covers and table of
 * contents) through calibre's `ebook-convert`, in a temporary folder removed afterwards.
 */
export async function convertToAzw3(epub: string, command = EBOOK_CONVERT): Promise<Uint8Array> {
  const folder = await mkdtemp(path.join(os.tmpdir(), 'ficbind-azw3-'));
  const output = path.join(folder, 'book.azw3');
  try {
    await new Promise<void>((resolve, reject) => {
      execFile(
        command,
        [epub, output],
        { timeout: CONVERT_TIMEOUT_MS, maxBuffer: 16 * 1024 * 1024 },
        (error, _stdout, stderr) => {
          if (!error) return resolve();
          const last = stderr.trim().split('\n').slice(-3).join(' ').trim();
          reject(new Error(`ebook-convert failed${last ? `: ${last}` : ''}`));
        },
      );
    });
    return new Uint8Array(await readFile(output));
  } finally {
    await rm(folder, { recursive: true, force: true });
  }
}
