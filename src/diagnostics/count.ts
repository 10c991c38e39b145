/** Counting diagnostics by severity, and what makes a run fail: written once, for every report. */

import type { Diagnostic } from '../model/diagnostic.js';

export interface SeverityCounts {
  errors: number;
  warnings: number;
  infos: number;
}

export function countBySeverity(diagnostics: readonly Diagnostic[]): SeverityCounts {
  const counts: SeverityCounts = { errors: 0, warnings: 0, infos: 0 };
  for (const d of diagnostics) {
    if (d.severity === 'error') counts.errors++;
    else if (d.severity === 'warning') counts.warnings++;
    else counts.infos++;
  }
  return counts;
}

export function isError(d: Diagnostic): boolean {
  return d.severity === 'error';
}

/** An error or a warning: what a quiet report and a check show (infos are told only in full reports). */
export function isProblem(d: Diagnostic): boolean {
  return d.severity === 'error' || d.severity === 'warning';
}

export function hasErrors(diagnostics: readonly Diagnostic[]): boolean {
  return diagnostics.some(isError);
}

/** The run exits 1: an error, or with `--strict` a warning too. */
export function failsRun(diagnostics: readonly Diagnostic[], strict = false): boolean {
  return diagnostics.some((d) => isError(d) || (strict && isProblem(d)));
}
