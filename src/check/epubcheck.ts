import path from 'node:path';
import { diagnostic, epubcheckDiagnostic, type Diagnostic, type RuleId } from '../diagnostics/diagnostic.js';
import { runEpubcheck, type EpubcheckMessage, type EpubcheckReport, type EpubcheckRun } from './run-epubcheck.js';

export type { EpubcheckMessage, EpubcheckReport, EpubcheckRun };

export const JAVA_MISSING_RULE: RuleId = 'epubcheck/java-missing';

/**
 * EPUBCheck's report → diagnostics, one per fatal, error or warning message, located at its first
 * place: `file` is `book.epub/EPUB/text/c1.xhtml` (or the book itself), with line and column. Pure.
 */
export function diagnosticsFromReport(epub: string, report: EpubcheckReport): Diagnostic[] {
  return report.messages.flatMap((message) => {
    const [first, ...rest] = message.locations;
    const others = rest.length + (message.additionalLocations ?? 0);
    const entry = first?.path !== undefined && !isTheBook(first.path, epub, report) ? first.path : undefined;
    const said = epubcheckDiagnostic(
      message.ID,
      message.severity,
      entry === undefined ? epub : `${epub}/${entry}`,
      `${message.message}${others > 0 ? ` (and ${others} other place${others === 1 ? '' : 's'})` : ''}`,
      {
        ...(first?.line !== undefined && first.line > 0 ? { line: first.line } : {}),
        ...(first?.column !== undefined && first.column > 0 ? { column: first.column } : {}),
        ...(message.suggestion ? { suggestion: message.suggestion } : {}),
      },
    );
    return said ? [said] : [];
  });
}

/** EPUBCheck locates container-level messages at the book's own path (as it was given the book). */
function isTheBook(location: string, epub: string, report: EpubcheckReport): boolean {
  return location === report.checker.path || path.resolve(location) === path.resolve(epub);
}

export function javaMissing(epub: string): Diagnostic {
  return diagnostic('epubcheck/java-missing', epub, 'EPUBCheck needs a Java runtime, and no "java" command was found');
}

/**
 * Runs EPUBCheck on the books, a few JVMs for all of them (`jvms`, default 1), and gives each
 * book's findings as diagnostics (or why it could not be checked), in the order of `epubs`.
 */
export async function epubcheckBooks(
  epubs: readonly string[],
  options: { jvms?: number } = {},
): Promise<Diagnostic[][]> {
  const runs = await runEpubcheck(epubs, { jvms: options.jvms ?? 1 });
  return runs.map((run, i) => diagnosticsFromRun(epubs[i]!, run));
}

/** Runs EPUBCheck on one book and gives its findings as diagnostics (or why it could not run). */
export async function epubcheck(epub: string): Promise<Diagnostic[]> {
  return (await epubcheckBooks([epub]))[0]!;
}

function diagnosticsFromRun(epub: string, run: EpubcheckRun): Diagnostic[] {
  if (run.kind === 'report') return diagnosticsFromReport(epub, run.report);
  if (run.kind === 'java-missing') return [javaMissing(epub)];
  return [diagnostic('epubcheck/failed', epub, `EPUBCheck could not check the book: ${run.detail}`)];
}
