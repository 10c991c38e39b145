import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import pLimit from 'p-limit';
import { groupLibrary, withUniqueFileNames } from '../group/group.js';
import type { Book } from '../model/book.js';
import { BuildCache, codeFingerprint } from './cache/build-cache.js';
import { ChapterSpill } from './cache/chapter-spill.js';
import { bookKey } from './cache/keys.js';
import { checkBooks } from '../check/index.js';
import { hasErrors } from '../diagnostics/count.js';
import { diagnostic, type Diagnostic } from '../diagnostics/diagnostic.js';
import { listCovers, readCover } from './covers.js';
import { epubCover } from './epub-cover.js';
import type { FoundSource } from '../model/source.js';
import { findStories, readStoryText } from './discover.js';
import { writeFileAtomic } from './write.js';
import { workPool, type WorkPool } from './workers/pool.js';
import {
  DEFAULT_OPTIONS,
  resolveOptions,
  UsageError,
  type BuildOptions,
  type BuildOptionsInput,
} from '../config/options.js';
import { optionsInConfig } from '../config/schema.js';
import { drawnCover, generatedCoverKey } from '../render/generated-cover.js';
import {
  applyConfig,
  checkConfigPaths,
  configCover,
  configIdentifier,
  excludeSources,
  namesSeries,
  withConfigAnswers,
} from '../config/apply.js';
import { loadConfig } from './config-file.js';
import type { Story, StoryHead, StoryInfo } from '../model/story.js';
import { ChaptersLostError, parseInto, withChapters, type ParsedHead, type StoryStore } from './story-store.js';
import { compareBook, changeMarks, withMarks, type BookChanges } from './book-changes.js';
import { describeBook, type BookRecord } from './book-record.js';
import { readLibraryRecord, sha256, writeLibraryRecord, type LibraryRecord } from './library-record.js';
import { removeStaleBooks, type StaleBook } from './stale-books.js';
import { MEGABYTE, splitIntoVolumes } from './volumes.js';

export interface WrittenBook {
  /** Path of the written `.epub`. */
  path: string;
  /** Its `dc:identifier`, the same across rebuilds while the book is the same book. */
  identifier: string;
  title: string;
  stories: string[];
  chapters: number;
  words: number;
  /** True when the book on disk was already made from the same input and was left as it was. */
  upToDate: boolean;
  /** What changed since the previous build into the same output folder; absent on the first build there. */
  changes?: BookChanges;
}

export interface BuildResult {
  books: WrittenBook[];
  /** Books the previous build into the output folder wrote and this one no longer makes, and what became of them. */
  stale: StaleBook[];
  diagnostics: Diagnostic[];
  /** True when some input could not become a book (the others were still written). */
  failed: boolean;
  /** Wall time of the build, milliseconds. */
  elapsedMs: number;
}

/** What a build reports while it runs, for a progress display. */
export type BuildEvent =
  | { kind: 'planned'; books: number }
  | { kind: 'book-started'; title: string; index: number }
  | { kind: 'book-done'; book: WrittenBook; index: number };

export interface BuildHooks {
  onEvent?: (event: BuildEvent) => void;
}

/** What a build would make, before anything is rendered or written. */
export interface BuildPlan<S extends StoryInfo = Story> {
  options: BuildOptions;
  /** The books a build would write, in order, with their stories (and chapters, for `plan()`; not rendered). */
  books: Array<Book<S>>;
  /** Every story source found, with its files (paths, encodings; not their text). */
  sources: FoundSource[];
  diagnostics: Diagnostic[];
  /** The config file read at the input root, if any. */
  configFile?: string;
  /** Cover file the config names for each book, by book file name. */
  configCovers: Map<string, string>;
}

/**
 * read → parse → clean → group: everything up to rendering, for `ficbind list`. A config file at
 * the input root is read first; a bad one stops here (ConfigError), before any book is written.
 */
export async function plan(partial: BuildOptionsInput = {}): Promise<BuildPlan> {
  const planned = await planHeads(partial, { code: '' });
  return { ...planned, books: await Promise.all(planned.books.map(withChapters)) };
}

/** plan() for build(): the stories' chapters set aside in the store until their book is made (story-store.ts). */
async function planHeads(
  partial: BuildOptionsInput,
  store: StoryStore,
  pool?: (jobs: number) => WorkPool,
): Promise<BuildPlan<StoryHead>> {
  const input = partial.input ?? DEFAULT_OPTIONS.input;
  await requireFolder(input);
  const loaded = await loadConfig(input);
  const config = loaded?.config ?? {};
  // The environment, then the config file, then what the caller asked for.
  const options = resolveOptions({ sourceDateEpoch: sourceDateEpochFromEnv() }, optionsInConfig(config), partial);

  // Digests key the cache; a build without one does not hash every file.
  const digests = store.cache !== undefined;
  const discovered = await findStories(options.input, {
    digests,
    out: options.out,
    ...(store.cache ? { index: store.cache.fileIndex(store.code) } : {}),
  });
  const diagnostics = discovered.diagnostics;
  if (loaded) checkConfigPaths(config, discovered.sources, loaded.file);
  const { sources, diagnostics: excluded } = loaded
    ? excludeSources(discovered.sources, config, loaded.file)
    : { sources: discovered.sources, diagnostics: [] };
  diagnostics.push(...excluded);
  // A few at a time, so reading files and cache entries overlaps; the results are taken in source
  // order. A story's text is read again only to be parsed, and let go once it is.
  // With --jobs 2 or more, stories are parsed on worker threads while this one reads the next.
  const parsing: StoryStore = pool ? { ...store, parse: pool(options.jobs).parser(sources.length) } : store;
  const parsed: ParsedHead[] = await pLimit(Math.max(4, options.jobs * 2)).map(sources, (found) =>
    parseInto(parsing, found, options, () => readStoryText(options.input, found, { digests })),
  );
  let stories: StoryHead[] = [];
  for (const { head, diagnostics: said } of parsed) {
    diagnostics.push(...said);
    if (head) stories.push(head);
  }
  if (discovered.sources.length === 0) {
    diagnostics.push(diagnostic('input/no-stories', options.input, 'no stories found'));
  }
  if (loaded) {
    stories = applyConfig(stories, config);
    diagnostics.splice(0, diagnostics.length, ...withConfigAnswers(diagnostics, config));
  }

  const grouped = groupLibrary(stories, {
    shape: options.book,
    language: options.language,
    ...(options.sourceDateEpoch !== undefined ? { modified: options.sourceDateEpoch } : {}),
    ...(loaded
      ? {
          pinnedIdentifier: (book: Pick<Book<StoryInfo>, 'stories' | 'series'>) => configIdentifier(book, config),
          configSeries: (name: string) => namesSeries(config, name),
        }
      : {}),
  });
  const books = grouped.books;
  diagnostics.push(...grouped.diagnostics);
  const configCovers = new Map<string, string>();
  for (const book of books) {
    const cover = loaded ? configCover(book, config) : undefined;
    if (loaded && cover) configCovers.set(book.fileName, path.resolve(path.dirname(loaded.file), cover));
  }
  return { options, books, sources, diagnostics, configCovers, ...(loaded ? { configFile: loaded.file } : {}) };
}

/**
 * The whole pipeline: read → parse → clean → group (plan) → render → pack → write (→ check, with
 * `check`). The only place that touches the file system; every stage in between is a pure
 * transform. With a cache folder, stories and books whose inputs did not change are reused.
 */
export async function build(partial: BuildOptionsInput = {}, hooks: BuildHooks = {}): Promise<BuildResult> {
  const started = performance.now();
  // The cache opens before the config file is read (the config does not set it).
  const cacheFolder = resolveOptions(partial).cache;
  const cache = cacheFolder === false ? undefined : await BuildCache.open(cacheFolder);
  // Without a cache, parsed chapters wait for their book in a spill folder (failing that, in memory).
  const spill = cache ? undefined : await ChapterSpill.open().catch(() => undefined);
  const store: StoryStore = cache
    ? { cache, code: await codeFingerprint() }
    : { code: '', ...(spill ? { spill } : {}) };
  // One pool of workers for parsing and making books, started when there is enough of either.
  let pool: WorkPool | undefined;
  const poolFor = (jobs: number): WorkPool => (pool ??= workPool(jobs));
  try {
    return await buildFrom(store, partial, hooks, started, poolFor);
  } finally {
    await pool?.close();
    await spill?.remove().catch(() => undefined);
  }
}

async function buildFrom(
  store: StoryStore,
  partial: BuildOptionsInput,
  hooks: BuildHooks,
  started: number,
  poolFor: (jobs: number) => WorkPool,
): Promise<BuildResult> {
  const { cache, code } = store;
  const emit = hooks.onEvent ?? (() => undefined);
  const { options, books: planned, diagnostics, configCovers } = await planHeads(partial, store, poolFor);
  const books = volumesOf(planned, options, configCovers);

  emit({ kind: 'planned', books: books.length });
  const covers = await listCovers(options.covers);
  const previous = await readLibraryRecord(options.out);
  const before = new Map(previous?.books.map((record) => [record.identifier, record]));
  const make = poolFor(options.jobs).maker(books.length);
  const done: Array<WrittenBook | undefined> = [];
  const records: Array<BookRecord | undefined> = [];
  // Per book, then joined in book order: the report is the same however the work interleaves.
  const bookDiagnostics: Diagnostic[][] = books.map(() => []);
  // Books are made in parallel (workers, when there are enough) and each written as soon as it is done;
  // only a few are in hand at once, so memory stays bounded however large the library.
  await pLimit(Math.max(1, options.jobs) * 2).map(books, async (book, index) => {
    const own = bookDiagnostics[index] as Diagnostic[];
    const found = await readCover(covers, book, configCovers.get(book.fileName));
    own.push(...found.diagnostics);
    // Without one from covers/ or the config, the cover an EPUB input came with.
    const cover = found.cover ?? (await epubCover(options.input, book));
    const target = path.join(options.out, `${book.fileName}.epub`);
    const koboTarget = path.join(options.out, `${book.fileName}.kepub.epub`);
    try {
      const withCover: Book<StoryHead> = cover ? { ...book, cover } : book;
      const { made, record, changes } = withHistory(withCover, before.get(book.identifier), previous, options);
      // The key covers the cover file and the wish for a drawn one: drawing is the slow part, so it comes after.
      const key = cache ? bookKey(made, `${code}\0cover=${options.cover}\0kobo=${options.kobo}`) : '';
      const upToDate =
        cache !== undefined &&
        (await cache.isFresh(target, key)) &&
        (!options.kobo || (await cache.isFresh(koboTarget, key)));
      const files = upToDate
        ? await filesOnRecord(options.out, [target, ...(options.kobo ? [koboTarget] : [])], before.get(book.identifier))
        : [];
      if (!upToDate) {
        emit({ kind: 'book-started', title: book.title, index });
        // A cover drawn before for the same words (this build or another, any output folder) is not drawn again.
        const coverKey = cache && options.cover && !made.cover ? generatedCoverKey(made) : undefined;
        const drawnBefore = coverKey ? await cache?.cover(coverKey) : undefined;
        // Described by its words, as a cover drawn now is: the book is the same bytes either way.
        const toMake = drawnBefore ? { ...made, cover: drawnCover(made, drawnBefore) } : made;
        const job = { book: await withChapters(toMake), generateCover: options.cover, kobo: options.kobo };
        const bytes = await make(job).catch((error: unknown) => {
          throw new BookNotMadeError(error instanceof Error ? error.message : String(error));
        });
        own.push(...bytes.diagnostics);
        if (coverKey && bytes.drawnCover) await cache?.saveCover(coverKey, bytes.drawnCover).catch(() => undefined);
        if (options.maxBookSize !== undefined && bytes.epub.length > options.maxBookSize * MEGABYTE)
          own.push(overSize(target, bytes.epub.length, options.maxBookSize));
        await writeFileAtomic(target, bytes.epub);
        await cache?.recordBook(target, key);
        files.push({ name: path.basename(target), sha256: sha256(bytes.epub) });
        if (bytes.kepub) {
          await writeFileAtomic(koboTarget, bytes.kepub);
          await cache?.recordBook(koboTarget, key);
          files.push({ name: path.basename(koboTarget), sha256: sha256(bytes.kepub) });
        }
      }
      records[index] = { ...record, files };
      done[index] = summarise(made, target, upToDate, changes);
      emit({ kind: 'book-done', book: done[index], index });
    } catch (error) {
      // A book not made this time keeps its record: its files are still the ones of the last build.
      records[index] = before.get(book.identifier);
      own.push(bookFailure(error, target));
    }
  });
  const written = done.filter((b): b is WrittenBook => b !== undefined);
  diagnostics.push(...bookDiagnostics.flat());
  const current = records.filter((r): r is BookRecord => r !== undefined);
  const canRemove = !hasErrors(diagnostics);
  const { stale, kept } = await removeStaleBooks(options.out, previous, current, {
    input: inputOnRecord(options),
    canRemove,
  });
  if (previous || current.length > 0) {
    await writeLibraryRecord(options.out, [...current, ...kept]).catch((error: Error) => {
      diagnostics.push(
        diagnostic(
          'output/record-failed',
          options.out,
          `could not save the record of the books written: ${error.message}`,
        ),
      );
    });
  }
  await cache?.save().catch((error: Error) => {
    diagnostics.push(
      diagnostic(
        'cache/write-failed',
        options.cache || '.ficbind-cache',
        `could not save the build cache: ${error.message}`,
      ),
    );
  });
  if ((options.check || options.accessibility) && written.length > 0) {
    const checked = await checkBooks(
      written.map((b) => b.path),
      { accessibility: options.accessibility },
    );
    diagnostics.push(...checked.diagnostics);
  }
  return {
    books: written,
    stale,
    diagnostics,
    failed: hasErrors(diagnostics),
    elapsedMs: Math.round(performance.now() - started),
  };
}

/** With `--max-book-size`, books over it as volumes; each volume takes its book's cover from the config. */
function volumesOf(
  books: Array<Book<StoryHead>>,
  options: BuildOptions,
  configCovers: Map<string, string>,
): Array<Book<StoryHead>> {
  const limit = options.maxBookSize;
  if (limit === undefined) return books;
  const split = books.flatMap((book) => {
    const volumes = splitIntoVolumes(book, limit * MEGABYTE);
    const cover = configCovers.get(book.fileName);
    if (cover !== undefined) for (const volume of volumes) configCovers.set(volume.fileName, cover);
    return volumes;
  });
  return split.length === books.length ? books : withUniqueFileNames(split);
}

function overSize(target: string, bytes: number, limit: number): Diagnostic {
  return diagnostic(
    'output/over-size',
    target,
    `the book is ${(bytes / MEGABYTE).toFixed(1)} MB, over the ${limit} MB of --max-book-size`,
  );
}

/** Making a book's bytes failed (not reading its chapters, not writing the file). */
class BookNotMadeError extends Error {}

function bookFailure(error: unknown, target: string): Diagnostic {
  if (error instanceof ChaptersLostError) return diagnostic('cache/lost', error.source, error.message);
  if (error instanceof BookNotMadeError)
    return diagnostic('output/not-made', target, `could not make the book: ${error.message}`);
  return diagnostic('output/write-failed', target, `could not write the book: ${(error as Error).message}`);
}

/**
 * The book as this build makes it, given what the previous build into the folder wrote of it:
 * `dcterms:modified` stays while the content is the same (a rebuild under another clock, or of
 * another book, does not make this one look new), and with `--mark-new` the changes are marked.
 * Also the record to keep of it, and the changes to report (when there was a previous build).
 */
function withHistory(
  book: Book<StoryHead>,
  earlier: BookRecord | undefined,
  previous: LibraryRecord | undefined,
  options: BuildOptions,
): { made: Book<StoryHead>; record: Omit<BookRecord, 'files'>; changes?: BookChanges } {
  const planned = describeBook(book, (story) => story.stats.prints);
  const marks = options.markNew ? changeMarks(earlier, planned) : undefined;
  const modified = earlier !== undefined && earlier.content === planned.content ? earlier.modified : book.modified;
  const made: Book<StoryHead> = { ...book, modified, ...(marks ? { marks } : {}) };
  const record = { ...withMarks(planned, marks), modified, input: inputOnRecord(options) };
  if (!previous) return { made, record };
  const changes = compareBook(earlier, planned);
  const earlierName = earlier?.files[0]?.name;
  if (earlierName !== undefined && earlierName !== `${book.fileName}.epub`) changes.renamedFrom = earlierName;
  return { made, record, changes };
}

/**
 * The input folder as the record keeps it: relative to the output folder, so that moving both
 * together (or renaming the output folder beside it) keeps it, and the record holds no absolute path.
 */
function inputOnRecord(options: BuildOptions): string {
  const relative = path.relative(path.resolve(options.out), path.resolve(options.input));
  return relative.split(path.sep).join('/') || '.';
}

/** The files of a book left as they were: as the record has them, else (no record) hashed again. */
async function filesOnRecord(
  folder: string,
  targets: readonly string[],
  earlier: BookRecord | undefined,
): Promise<BookRecord['files']> {
  return Promise.all(
    targets.map(async (target) => {
      const name = path.basename(target);
      const known = earlier?.files.find((f) => f.name === name);
      return known ?? { name, sha256: sha256(await readFile(path.join(folder, name))) };
    }),
  );
}

function summarise(
  book: Book<StoryHead>,
  target: string,
  upToDate: boolean,
  changes: BookChanges | undefined,
): WrittenBook {
  return {
    path: target,
    identifier: book.identifier,
    title: book.title,
    stories: book.stories.map((s) => s.source),
    chapters: book.stories.reduce((n, s) => n + s.stats.chapters, 0),
    words: book.stories.reduce((n, s) => n + s.stats.words, 0),
    upToDate,
    ...(changes ? { changes } : {}),
  };
}

async function requireFolder(folder: string): Promise<void> {
  const info = await stat(folder).catch(() => undefined);
  if (!info?.isDirectory())
    throw new UsageError(
      `input folder "${folder}" does not exist or is not a folder; pass the folder that holds your stories`,
    );
}

/** SOURCE_DATE_EPOCH as set, or undefined when it is not (or blank); resolveOptions checks it. */
function sourceDateEpochFromEnv(): string | undefined {
  const value = process.env.SOURCE_DATE_EPOCH;
  return value === undefined || value.trim() === '' ? undefined : value;
}
