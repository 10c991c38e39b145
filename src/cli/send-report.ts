import { formatDiagnostic } from '../diagnostics/diagnostic.js';
import type { SendResult } from '../send/send-books.js';
import { byteSize } from '../text/byte-size.js';

/** What `ficbind send` did, one line a book, then the problems and a total. */
export function formatSendReport(result: SendResult, verb: 'copied' | 'mailed'): string {
  const lines = [`${verb === 'copied' ? 'Copying to' : 'Mailing to'} ${result.destination}:`];
  for (const book of result.sent) lines.push(`  ${verb} ${book.title} → ${book.to} (${byteSize(book.size)})`);
  for (const book of result.unchanged) lines.push(`  up to date ${book.title} (${verb} before, unchanged since)`);
  for (const d of result.diagnostics) lines.push(formatDiagnostic(d));
  const errors = result.diagnostics.filter((d) => d.severity === 'error').length;
  const warnings = result.diagnostics.filter((d) => d.severity === 'warning').length;
  const count = (n: number, what: string): string => `${n} ${what}${n === 1 ? '' : 's'}`;
  lines.push(
    `${count(result.sent.length, 'book')} ${verb}, ${result.unchanged.length} up to date, ${count(errors, 'error')}, ${count(warnings, 'warning')}`,
  );
  return lines.join('\n');
}
