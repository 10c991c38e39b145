import { createHash } from 'node:crypto';
import { readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import type { BookRecord } from './book-record.js';
import { writeFileAtomic } from './write.js';

/** The record of the books a build wrote, kept in the output folder beside them. */
export const RECORD_FILE = '.ficbind-books.json';

// Only a book file directly in the output folder: a damaged or foreign record can never name another file to remove.
const BOOK_FILE = /^(?!\.)[^/\\]+\.epub$/;

const chapterRecord = z.object({
  document: z.string(),
  label: z.string(),
  digest: z.string(),
  mark: z.enum(['new', 'updated']).optional(),
});
const storyRecord = z.object({
  identity: z.string(),
  title: z.string(),
  source: z.string(),
  metadata: z.record(z.string(), z.string()),
  first: z.number().int().min(0),
  chapters: z.array(chapterRecord),
  mark: z.literal('new').optional(),
});
const bookRecord = z.object({
  identifier: z.string().min(1),
  title: z.string(),
  files: z.array(z.object({ name: z.string().regex(BOOK_FILE), sha256: z.string().regex(/^[0-9a-f]{64}$/) })),
  modified: z.number().int().min(0),
  input: z.string(),
  content: z.string(),
  metadata: z.record(z.string(), z.string()),
  stories: z.array(storyRecord),
});
const libraryRecord = z.object({ ficbind: z.literal(1), books: z.array(bookRecord) });

export type LibraryRecord = z.infer<typeof libraryRecord>;

/** The previous build's record in `folder`; undefined when there is none, or it is damaged or not ficbind's. */
export async function readLibraryRecord(folder: string): Promise<LibraryRecord | undefined> {
  const text = await readFile(path.join(folder, RECORD_FILE), 'utf8').catch(() => undefined);
  if (text === undefined) return undefined;
  try {
    const parsed = libraryRecord.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

export async function writeLibraryRecord(folder: string, books: readonly BookRecord[]): Promise<void> {
  const record: LibraryRecord = { ficbind: 1, books: [...books] };
  await writeFileAtomic(path.join(folder, RECORD_FILE), Buffer.from(`${JSON.stringify(record, null, 1)}\n`));
}

export function sha256(data: Uint8Array): string {
  return createHash('sha256').update(data).digest('hex');
}

/** What became of a file ficbind wrote earlier and no longer makes. */
export type Removal = 'removed' | 'gone' | 'changed';

/**
 * Removes a book file ficbind wrote, only while it still holds the bytes ficbind wrote: a file
 * changed since (edited in calibre, replaced by hand) is no longer ficbind's, and is left.
 */
export async function removeWrittenFile(folder: string, file: { name: string; sha256: string }): Promise<Removal> {
  if (!BOOK_FILE.test(file.name)) return 'changed';
  const target = path.join(folder, file.name);
  const bytes = await readFile(target).catch(() => undefined);
  if (bytes === undefined) return 'gone';
  if (sha256(bytes) !== file.sha256) return 'changed';
  await rm(target, { force: true });
  return 'removed';
}
