import type { BuildResult } from './compile.js';
import { formatDiagnostic } from './diagnostics.js';

/** The build's report for a person: every diagnostic, then one line per book written. */
export function formatBuildReport(result: BuildResult): string {
  const lines = result.diagnostics.map(formatDiagnostic);
  for (const book of result.books) {
    const stories = book.stories.length === 1 ? '1 story' : `${book.stories.length} stories`;
    lines.push(`wrote ${book.path} (${stories}, ${book.chapters} chapter${book.chapters === 1 ? '' : 's'})`);
  }
  const errors = result.diagnostics.filter((d) => d.severity === 'error').length;
  const warnings = result.diagnostics.filter((d) => d.severity === 'warning').length;
  lines.push(`${result.books.length} book${result.books.length === 1 ? '' : 's'} written, ${errors} error${errors === 1 ? '' : 's'}, ${warnings} warning${warnings === 1 ? '' : 's'}`);
  return lines.join('\n');
}
