import pLimit from 'p-limit';
import { countBySeverity, hasErrors } from '../diagnostics/count.js';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { viewBook } from './book-view.js';
import { epubcheck, JAVA_MISSING_RULE } from './epubcheck.js';
import { readEpub } from './read-epub.js';
import { runReaderRules } from './reader-rules.js';

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
  /** How many EPUBCheck runs (one JVM each, ~0.3 GB) go at once; default 2. */
  concurrency?: number;
}

/** EPUBCheck's findings, then ficbind's reader rules, for one `.epub`. */
export async function checkBook(file: string): Promise<Diagnostic[]> {
  const read = await readEpub(file);
  if (!read.contents) return read.diagnostics;
  const fromEpubcheck = epubcheck(file);
  const fromReaderRules = runReaderRules(viewBook(read.contents));
  return [...(await fromEpubcheck), ...fromReaderRules];
}

/** Checks several books, a few at a time; a missing Java runtime is reported once, not per book. */
export async function checkBooks(files: readonly string[], options: CheckOptions = {}): Promise<CheckResult> {
  const perBook = await pLimit(Math.max(1, options.concurrency ?? 2)).map(files, (file) => checkBook(file));
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
