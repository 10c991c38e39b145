import path from 'node:path';
import type { BuildResult } from '../build/build.js';
import { hasChanges, type ChapterChange } from '../build/book-changes.js';
import type { StaleBook } from '../build/stale-books.js';
import { countBySeverity } from '../diagnostics/count.js';
import { formatDiagnostic } from '../diagnostics/diagnostic.js';
import { plural } from '../text/plural.js';
import { bookLine } from './progress.js';

/**
 * The build's report for a person: every diagnostic, the books (unless already shown), what
 * changed since the previous build into the same folder (unless asked not to), a summary line.
 */
export function formatBuildReport(
  result: BuildResult,
  options: { listBooks?: boolean; changes?: boolean } = {},
): string {
  const lines = result.diagnostics.map(formatDiagnostic);
  if (options.listBooks ?? true) lines.push(...result.books.map(bookLine));
  if (options.changes ?? true) lines.push(...formatChanges(result));
  const { errors, warnings } = countBySeverity(result.diagnostics);
  const fresh = result.books.filter((b) => b.upToDate).length;
  const written = result.books.length - fresh;
  const books = `${plural(written, 'book')} written${fresh > 0 ? `, ${fresh} up to date` : ''}`;
  lines.push(
    `${books}, ${plural(errors, 'error')}, ${plural(warnings, 'warning')} (${(result.elapsedMs / 1000).toFixed(1)} s)`,
  );
  return lines.join('\n');
}

/** The build's report for scripts and CI: totals, each book, every diagnostic, the time taken. */
export function buildReportJson(result: BuildResult): object {
  const stories = result.books.reduce((n, b) => n + b.stories.length, 0);
  const { errors, warnings } = countBySeverity(result.diagnostics);
  return {
    books: result.books,
    totals: {
      books: result.books.length,
      written: result.books.filter((b) => !b.upToDate).length,
      upToDate: result.books.filter((b) => b.upToDate).length,
      changed: result.books.filter((b) => b.changes && hasChanges(b.changes)).length,
      removed: result.stale.filter((s) => s.outcome === 'removed').length,
      stories,
      chapters: result.books.reduce((n, b) => n + b.chapters, 0),
      words: result.books.reduce((n, b) => n + b.words, 0),
      errors,
      warnings,
    },
    stale: result.stale,
    diagnostics: result.diagnostics,
    failed: result.failed,
    elapsedMs: result.elapsedMs,
  };
}

/** What changed since the previous build: one block per book that changed, then each book no longer made. */
export function formatChanges(result: BuildResult): string[] {
  const lines: string[] = [];
  for (const book of result.books) {
    const { changes } = book;
    if (!changes || !hasChanges(changes)) continue;
    if (changes.isNew) {
      lines.push(`  new book: ${book.title} (${book.path})`);
      continue;
    }
    lines.push(`  ${book.title} (${book.path}):`);
    const of = (chapter: ChapterChange): string =>
      `"${chapter.chapter}"${book.stories.length > 1 ? ` of "${chapter.story}"` : ''}`;
    if (changes.renamedFrom) lines.push(`    ~ written as ${path.basename(book.path)}, was ${changes.renamedFrom}`);
    for (const title of changes.storiesAdded) lines.push(`    + story "${title}"`);
    for (const title of changes.storiesRemoved) lines.push(`    - story "${title}"`);
    for (const chapter of changes.chaptersAdded) lines.push(`    + chapter ${of(chapter)}`);
    for (const chapter of changes.chaptersChanged) lines.push(`    ~ chapter ${of(chapter)}: text changed`);
    for (const chapter of changes.chaptersRemoved) lines.push(`    - chapter ${of(chapter)}`);
    if (changes.metadata.length > 0) lines.push(`    ~ metadata: ${changes.metadata.join(', ')}`);
  }
  for (const stale of result.stale) lines.push(`  ${staleLine(stale)}`);
  return lines.length > 0 ? ['changes since the previous build:', ...lines] : [];
}

function staleLine(stale: StaleBook): string {
  switch (stale.outcome) {
    case 'removed':
      return `removed ${stale.path}: ${stale.reason}`;
    case 'gone':
      return `no longer made: ${stale.path} (already deleted): ${stale.reason}`;
    case 'changed':
      return `left ${stale.path}, changed since ficbind wrote it, though no longer made: ${stale.reason}`;
    case 'kept':
      return `kept ${stale.path} while the build has errors, though no longer made: ${stale.reason}`;
  }
}
