import { execFile } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { aceDiagnostic, diagnostic, type Diagnostic, type RuleId } from '../diagnostics/diagnostic.js';
import type { AceImpact } from '../diagnostics/rules.js';

/**
 * Ace by DAISY, the accessibility checker publishers use, run in this process: one browser for
 * all the books (Ace's own CLI starts one per book, ~1–2 s each). Ace is not a dependency of
 * ficbind (~60 MB with Puppeteer, and a browser): it is used where the user has installed it.
 */

export const ACE_MISSING_RULE: RuleId = 'ace/not-installed';

/** One finding of Ace's report (the fields ficbind reads). */
export interface AceAssertion {
  'earl:result': {
    'earl:outcome': string;
    'dct:description'?: string;
    'earl:pointer'?: { css?: string[]; cfi?: string[] };
  };
  'earl:test': {
    'earl:impact'?: AceImpact;
    'dct:title': string;
    'dct:description'?: string;
    help?: { url?: string; 'dct:description'?: string };
  };
}

/** Ace's JSON report: per checked document (and the package document), its findings. */
export interface AceReport {
  assertions: Array<{ 'earl:testSubject': { url: string }; assertions?: AceAssertion[] }>;
}

type AceFunction = (epub: string, options: Record<string, unknown>, runner: AxeRunner) => Promise<[unknown, AceReport]>;

interface AxeRunner {
  concurrency: number;
  setTimeout?: (ms: number) => void;
  launch(): Promise<void>;
  close(): Promise<void>;
  run(...args: unknown[]): Promise<unknown>;
}

export interface AceModules {
  ace: AceFunction;
  runner: AxeRunner;
  /** Folder of the `@daisy/ace-core` that was found. */
  from: string;
}

/**
 * Ace's report → diagnostics, one per failed check, on the document it was found in
 * (`book.epub/EPUB/text/c1.xhtml`). Ace locates content by CSS selector, not by line. Pure.
 */
export function diagnosticsFromAce(epub: string, packageDir: string, report: AceReport): Diagnostic[] {
  return report.assertions.flatMap((subject) =>
    (subject.assertions ?? [])
      .filter((finding) => finding['earl:result']['earl:outcome'] === 'fail')
      .map((finding) => {
        const test = finding['earl:test'];
        const impact = test['earl:impact'] ?? 'serious';
        const said = (finding['earl:result']['dct:description'] ?? test['dct:description'] ?? '').split('\n')[0];
        const where = finding['earl:result']['earl:pointer']?.css ?? [];
        const help = [test.help?.['dct:description'], test.help?.url].filter(Boolean).join(': ');
        return aceDiagnostic(
          test['dct:title'],
          impact,
          `${epub}/${entryPath(subject['earl:testSubject'].url, packageDir)}`,
          `${said} (Ace, ${impact})${where.length > 0 ? ` at ${where.join(', ')}` : ''}`,
          help || undefined,
        );
      }),
  );
}

/** Ace names the package document from the book's root and content documents from the package's folder. */
function entryPath(url: string, packageDir: string): string {
  const relative = decodeURI(url.replace(/^\/+/, ''));
  if (packageDir === '' || relative.startsWith(`${packageDir}/`)) return relative;
  return `${packageDir}/${relative}`;
}

/**
 * Finds Ace (`@daisy/ace-core` and its Puppeteer runner) where a user may have installed it:
 * beside ficbind, in the folder `ficbind` runs in, or globally (`npm install -g @daisy/ace-cli`).
 */
export async function findAce(searchFrom?: readonly string[]): Promise<string | undefined> {
  const bases = searchFrom ?? [...localBases(), ...(await globalBases())];
  for (const base of bases) {
    const found = resolveFrom(base, '@daisy/ace-core/package.json');
    if (found && resolveFrom(base, '@daisy/ace-axe-runner-puppeteer/package.json')) return base;
  }
  return undefined;
}

function localBases(): string[] {
  return [path.dirname(fileURLToPath(import.meta.url)), process.cwd()];
}

/** npm's global folder, and the packages in it that bring Ace along. */
async function globalBases(): Promise<string[]> {
  const root = await promisify(execFile)('npm', ['root', '-g'], { timeout: 15_000 }).then(
    (run) => run.stdout.trim(),
    () => '',
  );
  if (!root) return [];
  return [path.join(root, '@daisy', 'ace-cli'), path.join(root, '@daisy', 'ace'), root];
}

function resolveFrom(base: string, request: string): string | undefined {
  try {
    return createRequire(path.join(base, 'noop.js')).resolve(request);
  } catch {
    return undefined;
  }
}

/** Loads Ace from where `findAce` found it, quiet, and with a browser it can start. */
export function loadAce(base: string): AceModules {
  const load = createRequire(path.join(base, 'noop.js'));
  const from = path.dirname(load.resolve('@daisy/ace-core/package.json'));
  // Ace logs through winston's default logger, which warns on every line when it has nowhere to write.
  const winston = createRequire(path.join(from, 'noop.js'))('winston') as {
    add(transport: unknown): void;
    transports: { Console: new (options: { silent: boolean }) => unknown };
  };
  winston.add(new winston.transports.Console({ silent: true }));
  const runner = withEnvironment(
    { PUPPETEER_EXECUTABLE_PATH: systemBrowser(), ACE_TIMEOUT_INITIAL: BROWSER_START_MS },
    () => load('@daisy/ace-axe-runner-puppeteer') as AxeRunner,
  );
  return { ace: load('@daisy/ace-core') as AceFunction, runner, from };
}

// Browsers Puppeteer can drive, where systems install them.
const SYSTEM_BROWSERS = [
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/usr/bin/google-chrome',
  '/usr/bin/google-chrome-stable',
  '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
  '/Applications/Chromium.app/Contents/MacOS/Chromium',
];

/**
 * Ace's runner gives the browser 5 s to start; on a busy two-core machine Chromium can take
 * longer, and the check then fails for no fault of the book. Puppeteer's own default is 30 s.
 */
const BROWSER_START_MS = '30000';

/**
 * The system's Chromium or Chrome, when Puppeteer downloaded none (installs that skip the
 * download); undefined when Puppeteer has its own.
 */
function systemBrowser(): string | undefined {
  const cache = process.env['PUPPETEER_CACHE_DIR'] ?? path.join(os.homedir(), '.cache', 'puppeteer');
  const downloaded = existsSync(path.join(cache, 'chrome')) && readdirSync(path.join(cache, 'chrome')).length > 0;
  return downloaded ? undefined : SYSTEM_BROWSERS.find((file) => existsSync(file));
}

/**
 * Puppeteer and Ace's runner read their settings from the environment when they are loaded.
 * Each setting the user has not set is given for the load, then the environment is put back.
 */
function withEnvironment<T>(settings: Record<string, string | undefined>, load: () => T): T {
  const given = Object.entries(settings).filter(
    (entry): entry is [string, string] => entry[1] !== undefined && !process.env[entry[0]],
  );
  for (const [key, value] of given) process.env[key] = value;
  try {
    return load();
  } finally {
    for (const [key] of given) delete process.env[key];
  }
}

export interface AceBook {
  /** The `.epub`, as the user named it. */
  path: string;
  /** Folder of the package document inside the zip (`EPUB`), for naming documents. */
  packageDir: string;
}

/**
 * Ace on each book, one browser for all of them. Without Ace, each book gets the same
 * "not installed" diagnostic (the caller reports it once).
 */
export async function checkAccessibility(
  books: readonly AceBook[],
  options: { searchFrom?: readonly string[] } = {},
): Promise<Diagnostic[][]> {
  if (books.length === 0) return [];
  const base = await findAce(options.searchFrom);
  if (!base) return books.map((book) => [aceMissing(book.path)]);
  const { ace, runner } = loadAce(base);
  let launched: Promise<void> | undefined;
  const shared: AxeRunner = {
    concurrency: runner.concurrency,
    ...(runner.setTimeout ? { setTimeout: runner.setTimeout.bind(runner) } : {}),
    launch: () => (launched ??= runner.launch()),
    close: async () => {},
    run: (...args) => runner.run(...args),
  };
  const results: Diagnostic[][] = [];
  try {
    for (const book of books) results.push(await aceOne(ace, shared, book));
  } finally {
    if (launched) await launched.then(() => runner.close()).catch(() => undefined);
  }
  return results;
}

async function aceOne(ace: AceFunction, runner: AxeRunner, book: AceBook): Promise<Diagnostic[]> {
  // Ace writes its report (JSON, HTML, extracted images) to a folder, or else to standard output.
  const outdir = await mkdtemp(path.join(os.tmpdir(), 'ficbind-ace-'));
  try {
    const [, report] = await ace(path.resolve(book.path), { cwd: process.cwd(), outdir, silent: true }, runner);
    return diagnosticsFromAce(book.path, book.packageDir, report);
  } catch (error) {
    const detail = (error instanceof Error ? error.message : String(error)).split('\n')[0] || 'no reason given';
    // Puppeteer's words when it finds no browser to start: "Could not find Chrome", "Browser was not found at…".
    return /could not find (?:chrome|chromium)|browser was not found|no executable was found|failed to launch/i.test(
      detail,
    )
      ? [diagnostic('ace/no-browser', book.path, `Ace could not start a browser: ${detail}`)]
      : [diagnostic('ace/failed', book.path, `Ace could not check the book: ${detail}`)];
  } finally {
    await rm(outdir, { recursive: true, force: true });
  }
}

export function aceMissing(epub: string): Diagnostic {
  return diagnostic('ace/not-installed', epub, 'the accessibility check needs Ace by DAISY, and it is not installed');
}
