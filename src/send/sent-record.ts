import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { writeDurably } from './write-durably.js';

/**
 * The record ficbind keeps beside the books it copies (a dotfile in the target folder): which
 * files it wrote, from which book, with which bytes. It is how `send` knows a file is its own to
 * replace, and that a book is already there unchanged; files not in it are never touched.
 */
export const RECORD_NAME = '.ficbind-sent.json';

export interface SentFile {
  /** The book's identifier (`dc:identifier`). */
  identifier: string;
  /** SHA-256 of the book in the output folder it was made from. */
  source: string;
  /** SHA-256 of the bytes written on the device. */
  written: string;
  size: number;
}

export type SentRecord = Map<string, SentFile>;

/** Reads the record; a missing one is empty, and so is a damaged one (which makes every file not ours). */
export async function readSentRecord(
  target: string,
  name = RECORD_NAME,
): Promise<{ record: SentRecord; damaged: boolean }> {
  let text: string;
  try {
    text = await readFile(path.join(target, name), 'utf8');
  } catch {
    return { record: new Map(), damaged: false };
  }
  try {
    const parsed = JSON.parse(text) as { files?: Record<string, SentFile> };
    const files = Object.entries(parsed.files ?? {}).filter(
      ([, f]) => typeof f?.written === 'string' && typeof f.source === 'string' && typeof f.identifier === 'string',
    );
    return { record: new Map(files), damaged: false };
  } catch {
    return { record: new Map(), damaged: true };
  }
}

export async function writeSentRecord(target: string, record: SentRecord, name = RECORD_NAME): Promise<void> {
  const files = Object.fromEntries([...record].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
  const text = `${JSON.stringify({ version: 1, writtenBy: 'ficbind send', files }, null, 2)}\n`;
  await writeDurably(path.join(target, name), new TextEncoder().encode(text));
}
