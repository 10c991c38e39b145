/** Diagnostics are data: stages return them beside their result, a reporter prints them. */

import type { Diagnostic, Severity } from '../model/diagnostic.js';
import {
  ACE_FAMILY,
  EPUBCHECK_FAMILY,
  type AceImpact,
  RULES,
  type EpubcheckSeverity,
  type HasHintFacts,
  type HintFacts,
  type RuleId,
  type RuleSpec,
} from './rules.js';

export type { Diagnostic, Severity };
export type { RuleId };

/** Where in the file, and the text left out when the diagnostic reports a removal. */
export interface Place {
  line?: number;
  column?: number;
  /** The last line of a removed block: `removed` then holds its lines, joined by line ends. */
  endLine?: number;
  removed?: string;
}

/** A place, and the facts the rule's hint names when it names any (`{marker}`, `{fragment}`). */
type Details<R extends RuleId> = HasHintFacts<R> extends true ? [at: Place & { facts: HintFacts<R> }] : [at?: Place];

/**
 * A diagnostic of one of ficbind's rules (diagnostics/rules.ts): the severity and hint are the
 * rule's; the call site says where, and what it saw in the message.
 */
export function diagnostic<R extends RuleId>(rule: R, file: string, message: string, ...[at]: Details<R>): Diagnostic {
  const facts = at && 'facts' in at ? at.facts : {};
  return located({ file, rule, severity: RULES[rule].severity, message }, at, ruleHint(rule, facts));
}

/** The rule's hint, its `{name}` placeholders filled from the facts. */
export function ruleHint(rule: RuleId, facts: Readonly<Record<string, string>> = {}): string | undefined {
  const spec: RuleSpec = RULES[rule];
  return spec.hint?.replace(/\{(\w+)\}/g, (_, name: string) => facts[name] ?? '');
}

/**
 * A message of EPUBCheck's report as a diagnostic of the `epubcheck/*` family, or undefined for
 * the severities ficbind does not report (INFO, USAGE). Its hint is EPUBCheck's suggestion.
 */
export function epubcheckDiagnostic(
  id: string,
  reported: EpubcheckSeverity,
  file: string,
  message: string,
  at: Place & { suggestion?: string } = {},
): Diagnostic | undefined {
  const severity = EPUBCHECK_FAMILY.severity[reported];
  if (!severity) return undefined;
  return located({ file, rule: `${EPUBCHECK_FAMILY.prefix}${id}`, severity, message }, at, at.suggestion);
}

/** A failed check of Ace's report as a diagnostic of the `ace/*` family; its hint is Ace's help. */
export function aceDiagnostic(
  check: string,
  impact: AceImpact,
  file: string,
  message: string,
  help?: string,
): Diagnostic {
  return located(
    { file, rule: `${ACE_FAMILY.prefix}${check}`, severity: ACE_FAMILY.severity[impact], message },
    {},
    help,
  );
}

// Keys in one order (line, column, endLine, removed, hint), and only those that have a value.
function located(base: Diagnostic, at: Place = {}, hint: string | undefined): Diagnostic {
  return {
    ...base,
    ...(at.line === undefined ? {} : { line: at.line }),
    ...(at.column === undefined ? {} : { column: at.column }),
    ...(at.endLine === undefined ? {} : { endLine: at.endLine }),
    ...(at.removed === undefined ? {} : { removed: at.removed }),
    ...(hint ? { hint } : {}),
  };
}

/** One line a person can read: `file:line: warning: message (rule). hint` */
export function formatDiagnostic(d: Diagnostic): string {
  const where = d.line === undefined ? d.file : `${d.file}:${d.line}${d.column === undefined ? '' : `:${d.column}`}`;
  const hint = d.hint ? `\n    ${d.hint}` : '';
  return `${where}: ${d.severity}: ${d.message} [${d.rule}]${hint}`;
}
