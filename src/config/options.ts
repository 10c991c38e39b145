import { z, type ZodIssue } from 'zod';
import type { BookShape } from '../model/book.js';
import { describeIssue, keyPath } from './issues.js';

/** Thrown for options a user must correct before anything is built (exit code 2). */
export class UsageError extends Error {
  override name = 'UsageError';
}

export const BOOK_SHAPES = ['series', 'story'] as const satisfies readonly BookShape[];
/** Where author's notes go: left in place (marked), moved to the end of their chapter, or dropped. */
export const NOTES_PLACEMENTS = ['keep', 'end', 'drop'] as const;
export type NotesPlacement = (typeof NOTES_PLACEMENTS)[number];

/** A BCP 47 tag, in its canonical spelling (`pt-br` → `pt-BR`). */
const languageCode = z.string().transform((tag, context) => {
  try {
    const [canonical] = Intl.getCanonicalLocales(tag);
    if (canonical !== undefined) return canonical;
  } catch {
    // Not a tag at all: reported below, as an empty one is.
  }
  context.addIssue({ code: 'custom', message: `"${tag}" is not a language code; use one like en, de or pt-BR` });
  return z.NEVER;
});

/** A whole number, or its digits as typed on a command line or in the environment. */
const wholeNumber = (least: number, expected: string) =>
  z.union([z.number(), z.string()]).transform((value, context) => {
    const number = typeof value === 'number' ? value : /^\s*\d+\s*$/.test(value) ? Number(value) : NaN;
    if (Number.isInteger(number) && number >= least) return number;
    context.addIssue({ code: 'custom', message: `expected ${expected}, got "${String(value)}"` });
    return z.NEVER;
  });

/** A size in megabytes above 0, or its digits as typed on a command line (`20`, `0.5`). */
const megabytes = z.union([z.number(), z.string()]).transform((value, context) => {
  const number = typeof value === 'number' ? value : /^\s*\d+(?:\.\d+)?\s*$/.test(value) ? Number(value) : NaN;
  if (Number.isFinite(number) && number > 0) return number;
  context.addIssue({ code: 'custom', message: `expected a number of megabytes above 0, got "${String(value)}"` });
  return z.NEVER;
});

/**
 * The build options: one schema for the command line, the library API and the config file (whose
 * `book` and `language` are these, see schema.ts). Types, defaults and checks all come from here.
 */
export const buildOptionsSchema = z
  .object({
    /** Folder of stories. */
    input: z.string().min(1).default('stories'),
    /** Folder the books are written to. */
    out: z.string().min(1).default('out'),
    /** Folder of cover images (`<book name>.jpg|png`). */
    covers: z.string().min(1).default('covers'),
    /** BCP 47 language for stories that do not name one. */
    language: languageCode.default('en'),
    /** One book per series (default) or one per story. */
    book: z.enum(BOOK_SHAPES).default('series'),
    /** Keep web-page leftovers instead of removing them. */
    keepJunk: z.boolean().default(false),
    /** Curly quotes, dashes and ellipses in the text. */
    typography: z.boolean().default(true),
    /** Author's notes: in place (marked), at the end of their chapter, or left out. */
    notes: z.enum(NOTES_PLACEMENTS).default('keep'),
    /** Check each written book with EPUBCheck and the reader rules; their findings join the result. */
    check: z.boolean().default(false),
    /** With `check` (which it implies), also check accessibility with Ace by DAISY, where it is installed. */
    accessibility: z.boolean().default(false),
    /** Draw a cover for books with no cover image. */
    cover: z.boolean().default(true),
    /** Also write `NAME.kepub.epub`, the Kobo variant. */
    kobo: z.boolean().default(false),
    /**
     * Worker threads that parse stories and make books; 1 does it all in the main thread. One by
     * default: on two cores, 2 workers took 5-10 % less time with covers and none without, for
     * 30-40 % more CPU and +130-170 MiB peak memory (session 9, docs/decisions.md "Worker threads").
     */
    jobs: wholeNumber(1, 'a whole number of 1 or more').default(1),
    /** Folder of the incremental-build cache, or false for none (the library's default). */
    cache: z.union([z.string().min(1), z.literal(false)]).default(false),
    /** Seconds since the epoch for `dcterms:modified` and zip dates; defaults to SOURCE_DATE_EPOCH. */
    sourceDateEpoch: wholeNumber(0, 'a whole number of seconds').optional(),
    /** Mark chapters and stories new (or changed) since the previous build "(New)" in the contents and on their heading. */
    markNew: z.boolean().default(false),
    /** Split a book larger than this many megabytes (10^6 bytes) into volumes. */
    maxBookSize: megabytes.optional(),
  })
  .strict();

export type BuildOptions = z.output<typeof buildOptionsSchema>;
/** What a caller passes: every option may be left out, and numbers may be given as digits. */
export type BuildOptionsInput = z.input<typeof buildOptionsSchema>;

/** How each option is named where a person sets it, for messages (`--lang: …`). */
export const OPTION_FLAGS: Readonly<Record<keyof BuildOptions, string>> = {
  input: 'input folder',
  out: '--out',
  covers: '--covers',
  language: '--lang',
  book: '--book',
  keepJunk: '--keep-junk',
  typography: '--no-typography',
  notes: '--notes',
  check: '--check',
  accessibility: '--accessibility',
  cover: '--no-cover',
  kobo: '--kobo',
  jobs: '--jobs',
  cache: '--cache',
  sourceDateEpoch: 'SOURCE_DATE_EPOCH',
  markNew: '--mark-new',
  maxBookSize: '--max-book-size',
};

export const DEFAULT_OPTIONS: BuildOptions = buildOptionsSchema.parse({});

/** Where the command line keeps its cache unless told otherwise. */
export const DEFAULT_CACHE_FOLDER = '.ficbind-cache';

/**
 * Options from several places (environment, config file, caller), later ones winning, defaults
 * filled, checked before any story is read. A key left undefined is not given.
 */
export function resolveOptions(...layers: ReadonlyArray<BuildOptionsInput>): BuildOptions {
  const merged = Object.assign({}, ...layers.map(given)) as BuildOptionsInput;
  const result = buildOptionsSchema.safeParse(merged);
  if (result.success) return result.data;
  const problems = result.error.issues.map((issue) => `${optionName(issue)}: ${describeIssue(issue)}`);
  throw new UsageError(
    problems.length === 1
      ? (problems[0] as string)
      : `${problems.length} options are not valid:\n  ${problems.join('\n  ')}`,
  );
}

/** The flag a person typed (`--lang`), or the key an API caller passed. */
function optionName(issue: ZodIssue): string {
  const key = issue.path[0];
  if (typeof key === 'string' && Object.hasOwn(OPTION_FLAGS, key)) return OPTION_FLAGS[key as keyof BuildOptions];
  return issue.path.length === 0 ? 'options' : keyPath(issue);
}

function given<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}
