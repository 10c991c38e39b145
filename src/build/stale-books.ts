import path from 'node:path';
import type { BookRecord } from './book-record.js';
import { removeWrittenFile, type LibraryRecord } from './library-record.js';

/** A book file the previous build wrote that this build no longer makes, and what became of it. */
export interface StaleBook {
  /** Path of the file, in the output folder. */
  path: string;
  title: string;
  identifier: string;
  /** `removed`; `kept` when the build had errors (the story may be back once they are fixed); `changed` when the file is no longer what ficbind wrote; `gone` when it was already deleted. */
  outcome: 'removed' | 'kept' | 'changed' | 'gone';
  /** Why the build no longer makes it: where its stories went, or the name it is written under now. */
  reason: string;
}

/**
 * Removes from the output folder the book files the previous build wrote and this one does not:
 * books no story makes any more (a lone part now in its series book, a story deleted) and the
 * old names of renamed books. Only files the record names, and only while they hold the bytes
 * ficbind wrote. A build with errors removes nothing: a story that failed to parse is not a
 * story that left, so its book stays (and stays on record) until a build without errors. Books
 * built from another input folder into the same output folder are another library's: left, and
 * kept on record. Returns what it did, and the previous records still to keep.
 */
export async function removeStaleBooks(
  folder: string,
  previous: LibraryRecord | undefined,
  current: readonly BookRecord[],
  build: { input: string; canRemove: boolean },
): Promise<{ stale: StaleBook[]; kept: BookRecord[] }> {
  const { canRemove } = build;
  const stale: StaleBook[] = [];
  const kept: BookRecord[] = [];
  if (!previous) return { stale, kept };
  const now = new Map(current.map((record) => [record.identifier, record]));
  // A file this build wrote for another book (a book whose identity changed, under the same name) is that book's now.
  const writtenNow = new Set(current.flatMap((record) => record.files.map((f) => f.name)));
  for (const record of previous.books) {
    const successor = now.get(record.identifier);
    if (!successor && record.input !== build.input) {
      kept.push(record);
      continue;
    }
    const names = new Set(successor?.files.map((f) => f.name) ?? []);
    const leftover = record.files.filter((f) => !names.has(f.name) && !writtenNow.has(f.name));
    if (leftover.length === 0) continue;
    const reason = !successor
      ? whereStoriesWent(record, current)
      : leftover.every((f) => f.name.endsWith('.kepub.epub')) &&
          !successor.files.some((f) => f.name.endsWith('.kepub.epub'))
        ? 'no Kobo copy was asked for (--kobo) this time'
        : `the book is now written as "${successor.files[0]?.name ?? successor.title}"`;
    if (!successor && !canRemove) kept.push(record);
    for (const file of leftover) {
      const outcome = successor || canRemove ? await removeWrittenFile(folder, file) : 'kept';
      stale.push({
        path: path.join(folder, file.name),
        title: record.title,
        identifier: record.identifier,
        outcome,
        reason,
      });
    }
  }
  return { stale, kept };
}

function whereStoriesWent(record: BookRecord, current: readonly BookRecord[]): string {
  const homes = record.stories.flatMap((story) => {
    const home = current.find((book) => book.stories.some((s) => s.identity === story.identity));
    return home ? [home.title] : [];
  });
  if (homes.length === 0) return 'none of its stories is in the library any more';
  const where = [...new Set(homes)].map((title) => `"${title}"`).join(', ');
  if (homes.length < record.stories.length)
    return `some of its stories are now in ${where}, the others are no longer in the library`;
  return `its ${record.stories.length === 1 ? 'story is' : 'stories are'} now in ${where}`;
}
