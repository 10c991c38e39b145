import pLimit from 'p-limit';
import { countBySeverity, hasErrors } from '../diagnostics/count.js';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
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
}

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
    return read.contents
      ? { readable: true, said: runReaderRules(viewBook(read.contents)) }
      : { readable: false, said: read.diagnostics };
  });
  const readable = files.filter((_, i) => fromReading[i]!.readable);
  const checked = await epubcheckBooks(readable, { jvms: options.concurrency ?? 1 });
  let next = 0;
  const perBook = fromReading.map((r) => (r.readable ? [...checked[next++]!, ...r.said] : r.said));
  let javaReported = false;
  const diagnostics = perBook.flat().filter((d) => {
    if (d.rule !== JAVA_MISSING_RULE) return true;
    if (javaReported) return false;
    javaReported = true;
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
