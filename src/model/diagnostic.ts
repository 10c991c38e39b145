/** Diagnostics are data: stages return them beside their result, a reporter prints them. */

export type Severity = 'error' | 'warning' | 'info';

export interface Diagnostic {
  /** Path of the input file, relative to the input folder where possible. */
  file: string;
  /** 1-based line in that file, when the problem has one. */
  line?: number;
  column?: number;
  /** The last line of a block the diagnostic reports as removed (its first is `line`). */
  endLine?: number;
  /** Stable id of the rule that spoke (src/diagnostics/rules.ts), e.g. `header/missing`, `epubcheck/RSC-005`. */
  rule: string;
  severity: Severity;
  message: string;
  /** What the user can do about it. */
  hint?: string;
  /** The text left out of the book, when the diagnostic reports a removal (nothing is lost unseen). */
  removed?: string;
}
