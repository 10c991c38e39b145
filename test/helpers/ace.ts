import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { chromium, type Browser, type ElementHandle, type Page } from 'playwright-core';

/**
 * Ace by DAISY (the devDependency @daisy/ace-core), driven here and not through src/check: the
 * oracle must not share the product's mapping. It runs in Debian's Chromium, as the render test
 * does; no browser is downloaded.
 */
export const ACE_BROWSER = process.env.PUPPETEER_EXECUTABLE_PATH ?? process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Outside CI a missing Chromium skips the Ace tests (with this reason); in CI they must run. */
export function aceSkipReason(): string | false {
  if (existsSync(ACE_BROWSER) || process.env.CI) return false;
  return `Chromium not found at ${ACE_BROWSER}: apt-get install -y chromium (or set PUPPETEER_EXECUTABLE_PATH) to run the Ace tests`;
}

interface AceFinding {
  'earl:result': { 'earl:outcome': string; 'dct:description'?: string; 'earl:pointer'?: { css?: string[] } };
  'earl:test': { 'earl:impact'?: string; 'dct:title': string };
}

interface AceReport {
  assertions: Array<{ 'earl:testSubject': { url: string }; assertions?: AceFinding[] }>;
}

/** The runner interface ace-core drives (Ace ships one on Puppeteer, one on Electron). */
interface Runner {
  concurrency: number;
  launch(): Promise<void>;
  close(): Promise<void>;
  run(url: string, scripts: string[], scriptContents: string[], basedir: string): Promise<unknown>;
}

export interface AceChecker {
  /** Every failed check Ace reports for the book, whatever its impact, one line each. */
  violations(epub: string): Promise<string[]>;
  close(): Promise<void>;
}

/**
 * Ace's checks (ace-core, its axe-core build and its scripts) in one Chromium for every book, on
 * a few pages reused from document to document. Ace's own Puppeteer runner opens a page per
 * document: 16.5 s of Chromium CPU for 28 documents against 8.4–10.3 s here (same verdicts).
 * Like Ace's runner: no request leaves the machine, and the injected scripts are marked data-ace
 * so that Ace leaves them out of what it reports.
 */
function pageReusingRunner(pages = 2): Runner {
  let browser: Browser | undefined;
  const free: Page[] = [];
  const waiting: Array<(page: Page) => void> = [];
  const take = (): Promise<Page> =>
    free.length > 0 ? Promise.resolve(free.pop()!) : new Promise((resolve) => waiting.push(resolve));
  const give = (page: Page): void => {
    const next = waiting.shift();
    if (next) next(page);
    else free.push(page);
  };
  return {
    concurrency: pages,
    async launch() {
      browser = await chromium.launch({ executablePath: ACE_BROWSER });
      const context = await browser.newContext();
      await context.route(/^https?:/, (route) => route.abort());
      for (let i = 0; i < pages; i++) free.push(await context.newPage());
    },
    async close() {
      await browser?.close();
    },
    async run(url, scripts, scriptContents) {
      const page = await take();
      try {
        await page.goto(url);
        for (const content of scriptContents) await mark(await page.addScriptTag({ content }));
        for (const file of scripts) await mark(await page.addScriptTag({ path: file }));
        return await page.evaluate(
          () =>
            new Promise((resolve, reject) => {
              const page = globalThis as unknown as AcePage;
              const ace = page.daisy.ace;
              ace.run((error, result) => (error ? reject(error) : resolve(result)));
            }),
        );
      } finally {
        give(page);
      }
    },
  };
}

/** What Ace's scripts put on the page's window. */
interface AcePage {
  daisy: { ace: { run(done: (error: unknown, result: unknown) => void): void } };
}

async function mark(script: ElementHandle): Promise<void> {
  await script.evaluate((element) =>
    (element as unknown as { setAttribute(n: string, v: string): void }).setAttribute('data-ace', ''),
  );
}

/** Ace with one browser for every book it checks. */
export function openAce(): AceChecker {
  const require = createRequire(import.meta.url);
  const ace = require('@daisy/ace-core') as (e: string, o: object, r: Runner) => Promise<[unknown, AceReport]>;
  // Ace logs through winston's default logger, which complains on every line without a transport.
  const winston = createRequire(require.resolve('@daisy/ace-core'))('winston');
  winston.add(new winston.transports.Console({ silent: true }));
  const runner = pageReusingRunner();
  let launched: Promise<void> | undefined;
  // ace-core launches and closes its runner for each book; the browser is kept for the next one.
  const shared: Runner = {
    concurrency: runner.concurrency,
    launch: () => (launched ??= runner.launch()),
    close: async () => {},
    run: (...args) => runner.run(...args),
  };
  return {
    async violations(epub) {
      const outdir = await mkdtemp(path.join(os.tmpdir(), 'ficbind-ace-test-'));
      try {
        const [, report] = await ace(path.resolve(epub), { cwd: process.cwd(), outdir, silent: true }, shared);
        return report.assertions.flatMap((subject) =>
          (subject.assertions ?? [])
            .filter((finding) => finding['earl:result']['earl:outcome'] !== 'pass')
            .map((finding) => {
              const test = finding['earl:test'];
              const where = finding['earl:result']['earl:pointer']?.css?.join(', ') ?? '';
              return `${subject['earl:testSubject'].url} ${test['dct:title']} (${test['earl:impact']}) ${where}: ${finding['earl:result']['dct:description'] ?? ''}`;
            }),
        );
      } finally {
        await rm(outdir, { recursive: true, force: true });
      }
    },
    async close() {
      if (launched) await launched.then(() => runner.close());
    },
  };
}
