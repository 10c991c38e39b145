import type { Book } from '../model/book.js';
import type { BuildCache, CachedStory } from './cache/build-cache.js';
import type { ChapterSpill } from './cache/chapter-spill.js';
import { storyKey } from './cache/keys.js';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { detached } from './detached.js';
import type { FoundSource, StorySource } from '../model/source.js';
import type { BuildOptions } from '../config/options.js';
import type { Chapter, Story, StoryHead, StoryInfo, StoryStats } from '../model/story.js';
import { parseJob, type ParseJob, type ParsedStory } from './parse-job.js';

/**
 * Where a build's parsed stories wait for their book. Grouping needs only what a story says about
 * itself, so its chapters are set aside (in the cache, or a spill folder when there is none) and
 * read back when its book is made: memory holds a few books' text at a time, not the library's,
 * and a rebuild reads nothing of a story whose book is up to date.
 */
export interface StoryStore {
  cache?: BuildCache;
  /** Fingerprint of ficbind's code, part of every cache key. */
  code: string;
  /** Without a cache: where chapters wait. Without either, they stay in memory. */
  spill?: ChapterSpill;
  /** Where stories are parsed: on worker threads (workers/pool.ts), or by default in this thread. */
  parse?: (job: ParseJob) => Promise<ParsedStory>;
}

/** A story's chapters, set aside during the build, were gone when its book was made. */
export class ChaptersLostError extends Error {
  constructor(readonly source: string) {
    super(
      'its chapters, set aside while the build ran, were gone when its book was made (was the cache or temporary folder changed meanwhile?); the book was not written',
    );
  }
}

/** A found story's text, read when it is to be parsed (discover.ts readStoryText). */
export type ReadText = () => Promise<{ source?: StorySource; diagnostics: Diagnostic[] }>;

/** A parsed story as the build carries it, or the diagnostics that say why there is none. */
export interface ParsedHead {
  head?: StoryHead;
  diagnostics: Diagnostic[];
}

/**
 * Parse and clean one story, or take it from the cache when its files (by the digests taken when
 * they were found) and options are unchanged: then its text is not even read again.
 */
export async function parseInto(
  store: StoryStore,
  found: FoundSource,
  options: BuildOptions,
  readText: ReadText,
): Promise<ParsedHead> {
  const { cache, spill } = store;
  const parseOptions = { keepJunk: options.keepJunk, notes: options.notes, typography: options.typography };
  if (cache) {
    const key = storyKey(found, parseOptions, store.code);
    const cached = await cache.story(key);
    // An entry without prints was made by code that did not keep them: parsed anew.
    if (cached && (!cached.story || Array.isArray(cached.prints))) {
      const stats = { words: cached.words, chapters: cached.chapterCount, prints: cached.prints ?? [] };
      const load = fromCache(cache, key, found.path);
      return {
        ...(cached.story ? { head: headOf(cached.story, stats, key, load) } : {}),
        diagnostics: cached.diagnostics,
      };
    }
  }
  const read = await readText();
  if (!read.source) return { diagnostics: read.diagnostics };
  const cleaned = await (store.parse ?? parseJob)({ source: read.source, options: parseOptions });
  cleaned.diagnostics.unshift(...read.diagnostics);
  if (!cache) {
    if (!cleaned.story) return { diagnostics: cleaned.diagnostics };
    if (!spill) return { head: heldInMemory(cleaned.story, cleaned.stats), diagnostics: cleaned.diagnostics };
    return setAside(cleaned, undefined, (chapters) => spill.put(chapters).then((load) => lostUnless(load, found.path)));
  }
  // Keyed by the text as read now (the same as found, unless the file changed in between).
  const key = storyKey(read.source, parseOptions, store.code);
  if (!cleaned.story) {
    const diagnostics = detached(cleaned.diagnostics);
    await cache.saveStory(key, { diagnostics, words: 0, chapterCount: 0, prints: [] }, []).catch(() => undefined);
    return { diagnostics };
  }
  return setAside(cleaned, key, async (chapters, entry) => {
    await cache.saveStory(key, entry, chapters);
    return fromCache(cache, key, found.path);
  });
}

/** The book with every story's chapters in hand again, to be made. */
export async function withChapters(book: Book<StoryHead>): Promise<Book> {
  const stories = await Promise.all(
    book.stories.map(async (head): Promise<Story> => ({
      source: head.source,
      meta: head.meta,
      chapters: await head.loadChapters(),
      modified: head.modified,
      ...(head.firstChapter === undefined ? {} : { firstChapter: head.firstChapter }),
    })),
  );
  return { ...book, stories };
}

/**
 * A story cut down to chapters `from` up to `to` (of those it holds), for one volume of a book.
 * Its chapters stay set aside: the slice reads them back and keeps its part.
 */
export function sliceStory(head: StoryHead, from: number, to: number): StoryHead {
  const prints = head.stats.prints.slice(from, to);
  const load = head.loadChapters;
  return {
    ...head,
    firstChapter: (head.firstChapter ?? 0) + from,
    stats: { words: prints.reduce((n, p) => n + p.words, 0), chapters: to - from, prints },
    // The part's own key: a book's key must tell a volume's chapters from the whole story's.
    ...(head.parseKey === undefined ? {} : { parseKey: `${head.parseKey}#${from}-${to}` }),
    loadChapters: async () => (await load()).slice(from, to),
  };
}

/**
 * Sets a parsed story's chapters aside through `put`, keeping the rest. When they cannot be set
 * aside (a full disk, a read-only cache), they stay in memory and the build goes on.
 */
async function setAside(
  cleaned: Extract<ParsedStory, { story: Story }>,
  parseKey: string | undefined,
  put: (chapters: readonly Chapter[], entry: CachedStory) => Promise<() => Promise<Chapter[]>>,
): Promise<ParsedHead> {
  const { story: parsed, stats, diagnostics: parseDiagnostics } = cleaned;
  const { chapters, ...info } = parsed;
  // Its own strings, not slices of the source text, which is let go once parsed (see detached).
  const entry = {
    story: detached(info),
    diagnostics: detached(parseDiagnostics),
    words: stats.words,
    chapterCount: stats.chapters,
    prints: stats.prints,
  };
  const load = await put(chapters, entry).catch(() => undefined);
  if (!load) return { head: heldInMemory(parsed, stats, parseKey), diagnostics: parseDiagnostics };
  return { head: headOf(entry.story, stats, parseKey, load), diagnostics: entry.diagnostics };
}

/** A head whose chapters stay in memory: with nowhere to set them aside (`ficbind list`), or when that failed. */
function heldInMemory(story: Story, stats: StoryStats, parseKey?: string): StoryHead {
  const { chapters, ...info } = story;
  return headOf(info, stats, parseKey, () => Promise.resolve(chapters));
}

function headOf(
  info: StoryInfo,
  stats: StoryStats,
  parseKey: string | undefined,
  loadChapters: () => Promise<Chapter[]>,
): StoryHead {
  return { ...info, stats, ...(parseKey === undefined ? {} : { parseKey }), loadChapters };
}

/** Reads a story's chapters back from the cache; a story found without them is forgotten, to be parsed anew next time. */
function fromCache(cache: BuildCache, key: string, sourcePath: string): () => Promise<Chapter[]> {
  // Made apart from parseInto so the closure holds the key and path, not the source and its text.
  return lostUnless(async () => {
    const chapters = await cache.chapters(key);
    if (!chapters) await cache.forgetStory(key).catch(() => undefined);
    return chapters;
  }, sourcePath);
}

function lostUnless(read: () => Promise<Chapter[] | undefined>, sourcePath: string): () => Promise<Chapter[]> {
  return async () => {
    const chapters = await read();
    if (!chapters) throw new ChaptersLostError(sourcePath);
    return chapters;
  };
}
