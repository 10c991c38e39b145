import { diagnostic, type Diagnostic, type RuleId } from '../diagnostics/diagnostic.js';
import { stripMarks } from './emphasis-marks.js';
import type { SourceLine } from './lines.js';

/** The rules that report a block of lines left out of an old text (Gutenberg frame, news post parts). */
export type BlockRemovalRule = Extract<RuleId, `gutenberg/${string}` | `news/${string}`>;

/**
 * One diagnostic for a run of lines left out of the book: where it starts and ends and how many
 * lines it has (a licence is hundreds of lines, counted rather than listed), with their text in
 * `removed` so nothing is lost unseen.
 */
export function removedBlock(
  rule: BlockRemovalRule,
  file: string,
  what: string,
  lines: readonly SourceLine[],
  said = '',
): Diagnostic {
  const first = (lines[0] as SourceLine).number;
  const last = (lines[lines.length - 1] as SourceLine).number;
  const where = first === last ? `line ${first}` : `lines ${first}–${last}, ${last - first + 1} lines`;
  return diagnostic(rule, file, `removed ${what} (${where})${said}`, {
    line: first,
    ...(last === first ? {} : { endLine: last }),
    removed: lines.map((l) => stripMarks(l.text)).join('\n'),
  });
}

/** The lines with those from `start` up to `end` (exclusive) left blank, numbers kept. */
export function blankOut(lines: readonly SourceLine[], start: number, end: number): SourceLine[] {
  return lines.map((line, index) => (index >= start && index < end ? { text: '', number: line.number } : line));
}
