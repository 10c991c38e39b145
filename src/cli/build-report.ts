import type { BuildResult } from '../build/build.js';
import { countBySeverity } from '../diagnostics/count.js';
import { formatDiagnostic } from '../diagnostics/diagnostic.js';
import { plural } from '../text/plural.js';
import { bookLine } from './progress.js';

/** The build's report for a person: every diagnostic, the books (unless already shown), a summary line. */
export function formatBuildReport(result: BuildResult, options: { listBooks?: boolean } = {}): string {
  const lines = result.diagnostics.map(formatDiagnostic);
  if (options.listBooks ?? true) lines.push(...result.books.map(bookLine));
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
      stories,
      chapters: result.books.reduce((n, b) => n + b.chapters, 0),
      words: result.books.reduce((n, b) => n + b.words, 0),
      errors,
      warnings,
    },
    diagnostics: result.diagnostics,
    failed: result.failed,
    elapsedMs: result.elapsedMs,
  };
}
