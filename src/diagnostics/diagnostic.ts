/** Diagnostics are data: stages return them beside their result, a reporter prints them. */

import type { Diagnostic, Severity } from '../model/diagnostic.js';

export type { Diagnostic, Severity };

export function diagnostic(
  severity: Severity,
  rule: string,
  file: string,
  message: string,
  extra: { line?: number; column?: number; hint?: string; removed?: string } = {},
): Diagnostic {
  return { file, rule, severity, message, ...extra };
}

/** One line a person can read: `file:line: warning: message (rule). hint` */
export function formatDiagnostic(d: Diagnostic): string {
  const where = d.line === undefined ? d.file : `${d.file}:${d.line}${d.column === undefined ? '' : `:${d.column}`}`;
  const hint = d.hint ? `\n    ${d.hint}` : '';
  return `${where}: ${d.severity}: ${d.message} [${d.rule}]${hint}`;
}
