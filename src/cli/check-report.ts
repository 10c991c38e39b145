import { countBySeverity, isProblem } from '../diagnostics/count.js';
import { formatDiagnostic } from '../diagnostics/diagnostic.js';
import type { CheckResult } from '../check/index.js';

import { plural } from '../text/plural.js';

/** The check's report for a person: errors and warnings, one line per book, then the totals. */
export function formatCheckReport(result: CheckResult): string {
  const lines = result.diagnostics.filter(isProblem).map(formatDiagnostic);
  for (const book of result.books)
    lines.push(`checked ${book.path}: ${plural(book.errors, 'error')}, ${plural(book.warnings, 'warning')}`);
  const { errors, warnings } = countBySeverity(result.diagnostics);
  lines.push(
    `${plural(result.books.length, 'book')} checked, ${plural(errors, 'error')}, ${plural(warnings, 'warning')}`,
  );
  return lines.join('\n');
}
