import { createHash } from 'node:crypto';
import type { Book } from '../book/model.js';
import type { StorySource } from '../io/discover.js';
import type { Chapter } from '../story/model.js';

/** SHA-256 of a JSON value, hex: the cache's content keys. */
function digest(value: unknown): string {
  return createHash('sha256').update(JSON.stringify(value)).digest('hex');
}

/**
 * Key of one story's parse: its files (paths, texts, dates), the options parsing and cleaning
 * read, and the code that parses. Same key, same parsed story.
 */
export function storyKey(source: StorySource, options: unknown, code: string): string {
  // The texts are hashed one by one, each after its length, rather than inside one JSON string
  // that would copy the whole library once more.
  const hash = createHash('sha256').update(JSON.stringify({ code, options, path: source.path, files: source.files.map((f) => [f.path, f.modified, f.text.length]) }));
  for (const file of source.files) hash.update(file.text);
  return hash.digest('hex');
}

/**
 * Key of one book's bytes: the whole book model (cover by its hash) and the code. A story whose
 * chapters came from a parse with a known key is represented by that key: the key stands for
 * the chapters, and hashing it is much cheaper than hashing their text again.
 */
export function bookKey(book: Book, code: string, chaptersKey: (chapters: readonly Chapter[]) => string | undefined = () => undefined): string {
  const cover = book.cover ? { mediaType: book.cover.mediaType, sha256: createHash('sha256').update(book.cover.data).digest('hex') } : undefined;
  const stories = book.stories.map((story) => {
    const key = chaptersKey(story.chapters);
    return key === undefined ? story : { ...story, chapters: { parsedAs: key } };
  });
  return digest({ code, book: { ...book, stories, cover } });
}
