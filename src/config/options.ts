import type { BookShape } from '../model/book.js';

/** Where author's notes go: left in place (marked), moved to the end of their chapter, or dropped. */
export type NotesPlacement = 'keep' | 'end' | 'drop';
export const NOTES_PLACEMENTS: readonly NotesPlacement[] = ['keep', 'end', 'drop'];

export interface BuildOptions {
  /** Folder of stories. */
  input: string;
  /** Folder the books are written to. */
  out: string;
  /** Folder of cover images (`<book name>.jpg|png`). */
  covers: string;
  /** BCP 47 language for stories that do not name one. */
  language: string;
  /** One book per series (default) or one per story. */
  book: BookShape;
  /** Keep web-page leftovers instead of removing them. */
  keepJunk: boolean;
  /** Curly quotes, dashes and ellipses in the text. */
  typography: boolean;
  /** Author's notes: in place (marked), at the end of their chapter, or left out. */
  notes: NotesPlacement;
  /** Check each written book with EPUBCheck and the reader rules; their findings join the result. */
  check: boolean;
  /** Draw a cover for books with no cover image. */
  cover: boolean;
  /** Also write `NAME.kepub.epub`, the Kobo variant. */
  kobo: boolean;
  /** Books made at once on worker threads; 1 (the default) makes them in the main thread. */
  jobs: number;
  /** Folder of the incremental-build cache, or false for none (the library's default). */
  cache: string | false;
  /** Seconds since the epoch for `dcterms:modified` and zip dates; defaults to SOURCE_DATE_EPOCH. */
  sourceDateEpoch?: number;
}

export const DEFAULT_OPTIONS: BuildOptions = {
  input: 'stories',
  out: 'out',
  covers: 'covers',
  language: 'en',
  book: 'series',
  keepJunk: false,
  typography: true,
  notes: 'keep',
  check: false,
  cover: true,
  kobo: false,
  cache: false,
  // One thread by default: worker threads drawing covers grew to ~2 GB peak memory on the bench
  // corpus (resvg's native memory, not reclaimed there), for 30 % less time (docs/benchmark.md).
  jobs: 1,
};

/** Where the command line keeps its cache unless told otherwise. */
export const DEFAULT_CACHE_FOLDER = '.ficbind-cache';

/** Thrown for options a user must correct before anything is built (exit code 2). */
export class UsageError extends Error {
  override name = 'UsageError';
}

/** Fills defaults and checks what can be checked before reading any story. */
export function resolveOptions(partial: Partial<BuildOptions>): BuildOptions {
  const options: BuildOptions = { ...DEFAULT_OPTIONS, ...stripUndefined(partial) };
  try {
    const [canonical] = Intl.getCanonicalLocales(options.language);
    if (canonical === undefined) throw new RangeError('empty');
    options.language = canonical;
  } catch {
    throw new UsageError(`--lang: "${options.language}" is not a language code; use one like en, de or pt-BR`);
  }
  if (options.book !== 'series' && options.book !== 'story') {
    throw new UsageError(`--book: expected "series" or "story", got "${String(options.book)}"`);
  }
  if (!(Number.isInteger(options.jobs) && options.jobs >= 1))
    throw new UsageError(`--jobs: expected a whole number of 1 or more, got "${String(options.jobs)}"`);
  if (!NOTES_PLACEMENTS.includes(options.notes)) {
    throw new UsageError(
      `--notes: expected ${NOTES_PLACEMENTS.map((p) => `"${p}"`).join(', ')}, got "${String(options.notes)}"`,
    );
  }
  if (
    options.sourceDateEpoch !== undefined &&
    !(Number.isInteger(options.sourceDateEpoch) && options.sourceDateEpoch >= 0)
  ) {
    throw new UsageError(`SOURCE_DATE_EPOCH: expected a whole number of seconds, got "${options.sourceDateEpoch}"`);
  }
  return options;
}

function stripUndefined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}
