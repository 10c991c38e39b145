import pLimit from 'p-limit';
import path from 'node:path';
import { countBySeverity, hasErrors } from '../diagnostics/count.js';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { ACE_MISSING_RULE, checkAccessibility, type AceBook } from './accessibility.js';
import { viewBook } from './book-view.js';
import { epubcheckBooks, JAVA_MISSING_RULE } from './epubcheck.js';
import { readEpub } from './read-epub.js';
import { runReaderRules } from './reader-rules.js';

// Books read at once for the reader rules: each is held unzipped until its rules have run.
const READ_AT_ONCE = 4;

export interface CheckedBook {
  path: string;
  errors: number;
  warnings: number;
}

export interface CheckResult {
  books: CheckedBook[];
  diagnostics: Diagnostic[];
  /** True when some book has an error (or could not be checked). */
  failed: boolean;
}

export interface CheckOptions {
  /**
   * How many JVMs run EPUBCheck at once (each ~0.3 GB; the books are shared among them). Default 1:
   * one JVM already keeps more than one core busy, and on two cores a second one made 40 books
   * slower, not faster (docs/benchmark.md).
   */
  concurrency?: number;
  /** Also run Ace by DAISY, where it is installed (check/accessibility.ts). */
  accessibility?: boolean;
  /** Folders to look for Ace from, instead of beside ficbind, the working folder and npm's global one. */
  aceSearchFrom?: readonly string[];
}

/** Reported once for the whole check, not once per book. */
const ONCE = new Set<string>([JAVA_MISSING_RULE, ACE_MISSING_RULE]);

/** EPUBCheck's findings, then ficbind's reader rules, for one `.epub`. */
export async function checkBook(file: string): Promise<Diagnostic[]> {
  return (await checkBooks([file])).diagnostics;
}

/**
 * Checks several books: first reads each (a few at a time) for the reader rules, then runs
 * EPUBCheck on those that could be read, all in one JVM (a JVM start costs seconds, a book checked
 * in a running JVM a fraction of that). A book that cannot be read gets that one diagnostic; a
 * missing Java runtime is reported once, not per book.
 */
export async function checkBooks(files: readonly string[], options: CheckOptions = {}): Promise<CheckResult> {
  const fromReading = await pLimit(READ_AT_ONCE).map(files, async (file) => {
    const read = await readEpub(file);
    // A readable book gets its reader rules now; one that cannot be read, the diagnostic saying why.
    if (!read.contents) return { readable: false, said: read.diagnostics };
    const view = viewBook(read.contents);
    // Where Ace finds the book's documents, should accessibility be checked too.
    const packageDir = view.packagePath ? path.posix.dirname(view.packagePath).replace(/^\.$/, '') : '';
    const ace: AceBook = { path: file, packageDir };
    return { readable: true, said: runReaderRules(view), ace };
  });
  const readable = files.filter((_, i) => fromReading[i]!.readable);
  const checked = await epubcheckBooks(readable, { jvms: options.concurrency ?? 1 });
  let next = 0;
  const perBook = fromReading.map((r) => (r.readable ? [...checked[next++]!, ...r.said] : r.said));
  if (options.accessibility) {
    const withAce = fromReading.flatMap((r, index) => (r.ace ? [{ book: r.ace, index }] : []));
    const fromAce = await checkAccessibility(
      withAce.map((r) => r.book),
      options.aceSearchFrom ? { searchFrom: options.aceSearchFrom } : {},
    );
    withAce.forEach((r, i) => perBook[r.index]!.push(...(fromAce[i] ?? [])));
  }
  const reported = new Set<string>();
  const diagnostics = perBook.flat().filter((d) => {
    if (!ONCE.has(d.rule)) return true;
    if (reported.has(d.rule)) return false;
    reported.add(d.rule);
    return true;
  });
  const books = files.map((file, i) => {
    const { errors, warnings } = countBySeverity(perBook[i]!);
    return { path: file, errors, warnings };
  });
  return { books, diagnostics, failed: hasErrors(diagnostics) };
}

export { runReaderRules, READER_RULES, type ReaderRule } from './reader-rules.js';
export { diagnosticsFromReport, type EpubcheckReport, type EpubcheckMessage } from './epubcheck.js';
export { diagnosticsFromAce, findAce, type AceReport } from './accessibility.js';
