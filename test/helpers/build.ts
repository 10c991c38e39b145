import { mkdtemp } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build, type BuildOptions, type BuildResult } from '../../src/index.js';

export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const SAMPLES = path.join(REPO_ROOT, 'stories');
/** The two real files users have; beside the repository in CI and on developer machines. */
export const SHARED_STORIES = path.resolve(REPO_ROOT, '../shared/stories');
/** 2023-11-14T22:13:20Z: a fixed date so builds are reproducible in tests. */
export const FIXED_EPOCH = 1_700_000_000;

export interface BuiltLibrary {
  out: string;
  result: BuildResult;
  /** Path of the written book with this title; fails when there is none. */
  book(title: string): string;
}

/** Builds a folder of stories into a fresh temporary folder through the library API. */
export async function buildInto(input: string, options: Partial<BuildOptions> = {}): Promise<BuiltLibrary> {
  const out = await mkdtemp(path.join(os.tmpdir(), 'ficbind-out-'));
  const result = await build({
    input,
    out,
    covers: path.join(input, '..', 'no-covers-here'),
    sourceDateEpoch: FIXED_EPOCH,
    ...options,
  });
  return {
    out,
    result,
    book(title) {
      const found = result.books.find((b) => b.title === title);
      if (!found) throw new Error(`no book titled "${title}"; built: ${result.books.map((b) => b.title).join(', ')}`);
      return found.path;
    },
  };
}
