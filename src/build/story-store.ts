import type { Book } from '../model/book.js';
import type { BuildCache } from './cache/build-cache.js';
import type { ChapterSpill } from './cache/chapter-spill.js';
import { storyKey } from './cache/keys.js';
import { cleanStory } from '../clean/clean-story.js';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { detached } from './detached.js';
import type { FoundSource, StorySource } from '../model/source.js';
import type { BuildOptions } from '../config/options.js';
import { countWords } from '../parse/count-words.js';
import type { Chapter, Story } from '../model/story.js';
import { parseStory, type ParsedStory } from '../parse/parse-story.js';

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
}

/**
 * What a build knows of a story's chapters without reading them: their counts, the key of the
 * parse that made them (with a cache), and how to read them back when the array is an empty
 * stand-in. The chapters array is the same wherever the story goes (config and grouping copy
 * stories, not chapters), so it is the handle.
 */
interface KnownChapters {
  key?: string;
  words: number;
  count: number;
  load?: () => Promise<Chapter[]>;
}
const knownChapters = new WeakMap<readonly Chapter[], KnownChapters>();

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

/**
 * Parse and clean one story, or take it from the cache when its files (by the digests taken when
 * they were found) and options are unchanged: then its text is not even read again.
 */
export async function parseInto(
  store: StoryStore,
  found: FoundSource,
  options: BuildOptions,
  readText: ReadText,
): Promise<ParsedStory> {
  const { cache, spill } = store;
  const parseOptions = { keepJunk: options.keepJunk, notes: options.notes, typography: options.typography };
  if (cache) {
    const key = storyKey(found, parseOptions, store.code);
    const cached = await cache.story(key);
    if (cached) {
      const known = { key, words: cached.words, count: cached.chapterCount, load: fromCache(cache, key, found.path) };
      return cached.story ? withStandIn(cached.story, known, cached.diagnostics) : { diagnostics: cached.diagnostics };
    }
  }
  const read = await readText();
  if (!read.source) return { diagnostics: read.diagnostics };
  const cleaned = parseAndClean(read.source, options);
  cleaned.diagnostics.unshift(...read.diagnostics);
  if (!cache) {
    return spill && cleaned.story
      ? setAside(cleaned.story, cleaned.diagnostics, {}, (chapters) =>
          spill.put(chapters).then((load) => lostUnless(load, found.path)),
        )
      : cleaned;
  }
  // Keyed by the text as read now (the same as found, unless the file changed in between).
  const key = storyKey(read.source, parseOptions, store.code);
  if (!cleaned.story) {
    const diagnostics = detached(cleaned.diagnostics);
    await cache.saveStory(key, { diagnostics, words: 0, chapterCount: 0 }, []).catch(() => undefined);
    return { diagnostics };
  }
  return setAside(cleaned.story, cleaned.diagnostics, { key }, async (chapters, entry) => {
    await cache.saveStory(key, { ...entry, chapterCount: entry.count }, chapters);
    return fromCache(cache, key, found.path);
  });
}

/** The book with every story's chapters in memory again. */
export async function withChapters(book: Book): Promise<Book> {
  const stories = await Promise.all(
    book.stories.map(async (story) => {
      const load = knownChapters.get(story.chapters)?.load;
      return load ? { ...story, chapters: await load() } : story;
    }),
  );
  return { ...book, stories };
}

/** Key of the parse that made these chapters, when the cache knows it (bookKey uses it for the text). */
export function chaptersKey(chapters: readonly Chapter[]): string | undefined {
  return knownChapters.get(chapters)?.key;
}

export function chapterCount(story: Story): number {
  return knownChapters.get(story.chapters)?.count ?? story.chapters.length;
}

export function wordCount(story: Story): number {
  return knownChapters.get(story.chapters)?.words ?? countWords(story);
}

type Entry = { story: Omit<Story, 'chapters'>; diagnostics: Diagnostic[]; words: number; count: number };

/**
 * Sets a parsed story's chapters aside through `put`, keeping the rest. When they cannot be set
 * aside (a full disk, a read-only cache), they stay in memory and the build goes on.
 */
async function setAside(
  parsed: Story,
  parseDiagnostics: Diagnostic[],
  known: { key?: string },
  put: (chapters: readonly Chapter[], entry: Entry) => Promise<() => Promise<Chapter[]>>,
): Promise<ParsedStory> {
  const { chapters, ...rest } = parsed;
  // Its own strings, not slices of the source text, which is let go once parsed (see detached).
  const entry: Entry = {
    story: detached(rest),
    diagnostics: detached(parseDiagnostics),
    words: countWords(parsed),
    count: chapters.length,
  };
  const counts = { ...known, words: entry.words, count: entry.count };
  const load = await put(chapters, entry).catch(() => undefined);
  if (!load) {
    knownChapters.set(chapters, counts);
    return { story: parsed, diagnostics: parseDiagnostics };
  }
  return withStandIn(entry.story, { ...counts, load }, entry.diagnostics);
}

function withStandIn(story: Omit<Story, 'chapters'>, known: KnownChapters, diagnostics: Diagnostic[]): ParsedStory {
  const standIn: Chapter[] = [];
  knownChapters.set(standIn, known);
  return { story: { ...story, chapters: standIn }, diagnostics };
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

function parseAndClean(source: StorySource, options: BuildOptions): ParsedStory {
  const parsed = parseStory(source, { keepJunk: options.keepJunk });
  if (!parsed.story) return parsed;
  const cleaned = cleanStory(parsed.story, options);
  return { story: cleaned.story, diagnostics: [...parsed.diagnostics, ...cleaned.diagnostics] };
}
