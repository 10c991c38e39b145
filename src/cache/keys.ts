import { createHash } from 'node:crypto';
import type { Book } from '../book/model.js';
import type { StorySource } from '../io/discover.js';

/** SHA-256 of a JSON value, hex: the cache's content keys. */
function digest(value: unknown): string {
  return createHash('sha256').update(JSON.stringify(value)).digest('hex');
}

/**
 * Key of one story's parse: its files (paths, texts, dates), the options parsing and cleaning
 * read, and the code that parses. Same key, same parsed story.
 */
export function storyKey(source: StorySource, options: unknown, code: string): string {
  return digest({ code, options, path: source.path, files: source.files.map((f) => [f.path, f.modified, f.text]) });
}

/** Key of one book's bytes: the whole book model (cover by its hash), the target name and the code. */
export function bookKey(book: Book, code: string): string {
  const cover = book.cover ? { mediaType: book.cover.mediaType, sha256: createHash('sha256').update(book.cover.data).digest('hex') } : undefined;
  return digest({ code, book: { ...book, cover } });
}
