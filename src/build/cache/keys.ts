import { createHash } from 'node:crypto';
import type { Book } from '../../model/book.js';
import type { FoundFile, SourceFile, StorySource } from '../../model/source.js';
import type { StoryHead } from '../../model/story.js';

/** SHA-256 of a JSON value, hex: the cache's content keys. */
function digest(value: unknown): string {
  return createHash('sha256').update(JSON.stringify(value)).digest('hex');
}

/**
 * Key of one story's parse: its files (paths, dates, contents), the options parsing and cleaning
 * read, and the code that parses. Same key, same parsed story. A file read from disk is known by
 * the digest of its bytes, taken when it was found, so an unchanged story is keyed without
 * reading its text again; a file made in memory, by its text.
 */
export function storyKey(source: StorySource<FoundFile | SourceFile>, options: unknown, code: string): string {
  const files = source.files.map((file) => [file.path, file.modified, contentDigest(file)]);
  return digest({ code, options, path: source.path, files });
}

function contentDigest(file: FoundFile | SourceFile): string {
  if (file.digest !== undefined) return file.digest;
  if ('text' in file) return createHash('sha256').update(file.text).digest('hex');
  throw new Error(`${file.path}: a found file without the digest of its bytes`);
}

/**
 * Key of one book's bytes: the whole book model (cover by its hash) and the code. Each story
 * stands by the key of the parse that made its chapters: the key stands for them, and hashing it
 * is much cheaper than reading and hashing their text again.
 */
export function bookKey(book: Book<StoryHead>, code: string): string {
  const cover = book.cover
    ? { mediaType: book.cover.mediaType, sha256: createHash('sha256').update(book.cover.data).digest('hex') }
    : undefined;
  const stories = book.stories.map((story) => {
    if (story.parseKey === undefined) throw new Error(`${story.source}: a story without the key of its parse`);
    const part = story.firstChapter === undefined ? {} : { firstChapter: story.firstChapter };
    return { source: story.source, meta: story.meta, modified: story.modified, parsedAs: story.parseKey, ...part };
  });
  return digest({ code, book: { ...book, stories, cover } });
}
