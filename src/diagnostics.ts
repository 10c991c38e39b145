/** Diagnostics are data: stages return them beside their result, a reporter prints them. */

export type Severity = 'error' | 'warning' | 'info';

export interface Diagnostic {
  /** Path of the input file, relative to the input folder where possible. */
  file: string;
  /** 1-based line in that file, when the problem has one. */
  line?: number;
  column?: number;
  /** Stable id of the rule that spoke, e.g. `header/missing`, `junk/removed`. */
  rule: string;
  severity: Severity;
  message: string;
  /** What the user can do about it. */
  hint?: string;
  /** The text left out of the book, when the diagnostic reports a removal (nothing is lost unseen). */
  removed?: string;
}

export function diagnostic(
  severity: Severity,
  rule: string,
  file: string,
  message: string,
  extra: { line?: number; column?: number; hint?: string; removed?: string } = {},
): Diagnostic {
  return { file, rule, severity, message, ...extra };
}

export function hasErrors(diagnostics: readonly Diagnostic[]): boolean {
  return diagnostics.some((d) => d.severity === 'error');
}

/** One line a person can read: `file:line: warning: message (rule). hint` */
export function formatDiagnostic(d: Diagnostic): string {
  const where = d.line === undefined ? d.file : `${d.file}:${d.line}${d.column === undefined ? '' : `:${d.column}`}`;
  const hint = d.hint ? `\n    ${d.hint}` : '';
  return `${where}: ${d.severity}: ${d.message} [${d.rule}]${hint}`;
}
