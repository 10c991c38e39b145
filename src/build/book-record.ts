import { createHash } from 'node:crypto';
import { storyIdentity } from '../group/identifier.js';
import type { Book, ChangeMark } from '../model/book.js';
import type { Block, Chapter, ChapterPrint, StoryInfo, StoryMeta } from '../model/story.js';
import { countChapterWords } from '../parse/count-words.js';
import { chapterDocumentName, storyKeys } from '../render/document-names.js';
import { headingAt } from '../render/plan.js';

/**
 * What a build remembers of each book it wrote, in the output folder (library-record.ts): enough
 * to say what the next build changed, to keep `dcterms:modified` while the content stays the
 * same, and to remove the book's files once no story makes it.
 */
export interface BookRecord {
  identifier: string;
  title: string;
  /** The files written for the book, relative to the output folder, with the SHA-256 of their bytes. */
  files: Array<{ name: string; sha256: string }>;
  /** `dcterms:modified` as written. */
  modified: number;
  /** The input folder it was built from, relative to the output folder: only a build of that folder may remove it. */
  input: string;
  /** Digest of everything the book says (metadata, stories, chapters, a given cover), not of when it was made. */
  content: string;
  /** Digests of the book's own metadata fields (title, authors, language, series, cover, volume). */
  metadata: Record<string, string>;
  stories: StoryRecord[];
}

export interface StoryRecord {
  /** What the story is (group/identifier.ts storyIdentity): how a story is found again in the next build. */
  identity: string;
  title: string;
  source: string;
  /** Digests of the story's metadata fields (title, author, summary, …). */
  metadata: Record<string, string>;
  /** Place in the story of the first chapter recorded (a later volume starts further in). */
  first: number;
  chapters: ChapterRecord[];
  /** Marked new (`--mark-new`): kept while the book's content stays the same. */
  mark?: 'new';
}

export interface ChapterRecord {
  /** Document name in the book, without `.xhtml`. */
  document: string;
  label: string;
  digest: string;
  mark?: ChangeMark;
}

/** A chapter's print; where in its file it came from (`line`, `file`) plays no part in the digest. */
export function chapterPrint(chapter: Chapter): ChapterPrint {
  // An image is shown by its bytes: their digest stands for them.
  const shown = JSON.stringify(chapter, (key, value: unknown) =>
    key === 'line' || key === 'file' ? undefined : value instanceof Uint8Array ? sha256(value) : value,
  );
  return {
    ...(chapter.title !== undefined ? { title: chapter.title } : {}),
    digest: sha256(shown).slice(0, 32),
    words: countChapterWords(chapter),
    bytes: textBytes(chapter.blocks),
    ...(chapter.images?.length ? { imageBytes: chapter.images.reduce((n, image) => n + image.data.length, 0) } : {}),
  };
}

function textBytes(blocks: readonly Block[]): number {
  let bytes = 0;
  for (const block of blocks) {
    if (block.kind === 'note') bytes += textBytes(block.blocks);
    else if (block.kind === 'paragraph')
      for (const inline of block.inlines) bytes += Buffer.byteLength(inline.text, 'utf8');
  }
  return bytes;
}

/** A book's record without the files, date and marks a build adds once it has written the book. */
export type BookDescription = Omit<BookRecord, 'files' | 'modified' | 'input'>;

/** The record of a book as planned, from the prints of its stories' chapters (the text need not be in memory). */
export function describeBook<S extends StoryInfo>(
  book: Book<S>,
  prints: (story: S) => readonly ChapterPrint[],
): BookDescription {
  const keys = storyKeys(book.stories);
  const stories = book.stories.map((story, index): StoryRecord => {
    const first = story.firstChapter ?? 0;
    return {
      identity: storyIdentity(story.meta),
      title: story.meta.title,
      source: story.source,
      metadata: metadataDigests(story.meta),
      first,
      chapters: prints(story).map((print, i) => ({
        document: chapterDocumentName(keys[index] as string, first + i),
        label: headingAt(story, first + i, print.title),
        digest: print.digest,
      })),
    };
  });
  const metadata = metadataDigests({
    title: book.title,
    authors: book.authors,
    language: book.language,
    series: book.series,
    volume: book.volume,
    cover: book.cover ? sha256(book.cover.data) : undefined,
  });
  const content = sha256(
    JSON.stringify({
      identifier: book.identifier,
      metadata,
      stories: stories.map((s) => [s.identity, s.metadata, s.first, s.chapters.map((c) => c.digest)]),
    }),
  );
  return { identifier: book.identifier, title: book.title, content, metadata, stories };
}

function metadataDigests(fields: Partial<StoryMeta> | Record<string, unknown>): Record<string, string> {
  const digests: Record<string, string> = {};
  for (const [key, value] of Object.entries(fields)) {
    if (value === undefined || (Array.isArray(value) && value.length === 0)) continue;
    digests[key] = sha256(JSON.stringify(value)).slice(0, 16);
  }
  return digests;
}

function sha256(data: string | Uint8Array): string {
  return createHash('sha256').update(data).digest('hex');
}
