import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { REPO_ROOT } from '../helpers/build.js';

/** Debian's Chromium (`apt-get install -y chromium`); CHROMIUM_PATH overrides it. */
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const FOLIATE = path.join(REPO_ROOT, 'node_modules/foliate-js');
const HARNESS = path.join(REPO_ROOT, 'test/conformance');
const TIMEOUT_MS = 30_000;
// foliate sandboxes each section in an iframe with scripts and same origin; Chromium warns about
// that on every page, whatever the book holds.
const FOLIATE_OWN_WARNING = /allow-scripts and allow-same-origin/;

/** Outside CI a missing Chromium skips the render tests (with this reason); in CI they must run. */
export function renderSkipReason(): string | false {
  if (existsSync(CHROMIUM) || process.env.CI) return false;
  return `Chromium not found at ${CHROMIUM}: apt-get install -y chromium (or set CHROMIUM_PATH) to run the render tests`;
}

export interface RenderedDocument {
  index: number | null;
  /** The type the reader loaded the document as: `application/xhtml+xml`, or `text/html` when it would not parse as XHTML. */
  contentType: string;
  /** Body text as laid out (innerText), spaces collapsed. */
  shown: string;
  /** Every character of the body (textContent), spaces collapsed. */
  content: string;
  frame: { width: number; height: number } | null;
  images: { src: string | null; alt: string | null; loaded: boolean; width: number; height: number }[];
}

export interface NavigationEntry {
  label: string;
  href: string | null;
  /** Spine index foliate resolved the href to: -1 when the file is not in the spine, null when not in the book. */
  index: number | null;
  /** For an href with a fragment, whether that element exists in the section's document. */
  fragmentFound: boolean | null;
  subitems: NavigationEntry[];
}

/** What foliate-js read and rendered from one book (see harness.js). */
export interface FoliateReport {
  metadata: {
    title: unknown;
    authors: unknown[];
    languages: unknown[];
    identifier: string | undefined;
    series: { name: unknown; position: unknown } | null;
  };
  cover: { type: string; size: number; width: number; height: number } | null;
  sections: { href: string; linear: string | null; rendered: RenderedDocument }[];
  toc: NavigationEntry[];
  landmarks: NavigationEntry[];
  /** Warnings and errors the page logged, and uncaught page errors. */
  console: string[];
}

export interface FoliateReader {
  read(book: string): Promise<FoliateReport>;
  close(): Promise<void>;
}

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.epub': 'application/epub+zip',
};

/** A file under `root`, or undefined for a path that leaves it. */
function inside(root: string, relative: string): string | undefined {
  const file = path.resolve(root, `.${path.posix.normalize(`/${relative}`)}`);
  return file.startsWith(root + path.sep) ? file : undefined;
}

/** Serves the harness, foliate-js and the registered books on 127.0.0.1 at a random port. */
async function serve(books: Map<string, string>): Promise<{ server: Server; origin: string }> {
  const server = createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://127.0.0.1');
    const pathname = decodeURIComponent(url.pathname);
    const file =
      pathname === '/'
        ? path.join(HARNESS, 'harness.html')
        : pathname === '/harness.js'
          ? path.join(HARNESS, 'harness.js')
          : pathname.startsWith('/foliate/')
            ? inside(FOLIATE, pathname.slice('/foliate/'.length))
            : books.get(pathname);
    if (!file) {
      response.writeHead(404).end();
      return;
    }
    readFile(file).then(
      (body) =>
        response
          .writeHead(200, { 'content-type': CONTENT_TYPES[path.extname(file)] ?? 'application/octet-stream' })
          .end(body),
      () => response.writeHead(404).end(),
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
}

/** Starts Chromium and the local server; `read` opens one book in foliate-js at a time. */
export async function openFoliateReader(): Promise<FoliateReader> {
  const books = new Map<string, string>();
  const { server, origin } = await serve(books);
  let browser: Browser | undefined;
  try {
    browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, timeout: TIMEOUT_MS });
  } catch (error) {
    server.close();
    throw new Error(`could not start Chromium at ${CHROMIUM} (CI installs it with apt-get install -y chromium)`, {
      cause: error,
    });
  }
  // One page for every book (a new page costs seconds on a busy machine); each book gets a freshly loaded harness.
  const page: Page = await browser.newPage({ viewport: { width: 600, height: 800 } });
  page.setDefaultTimeout(TIMEOUT_MS);
  let logged: string[] = [];
  page.on('console', (message) => {
    const kind = message.type();
    if ((kind === 'warning' || kind === 'error') && !FOLIATE_OWN_WARNING.test(message.text()))
      logged.push(`${kind}: ${message.text()}`);
  });
  page.on('pageerror', (error) => logged.push(`page error: ${error.message}`));
  page.on('response', (response) => {
    if (response.status() >= 400) logged.push(`HTTP ${response.status()}: ${response.url()}`);
  });
  page.on('requestfailed', (request) =>
    logged.push(`request failed: ${request.url()} ${request.failure()?.errorText ?? ''}`),
  );
  const launched = browser;
  const readOnce = async (book: string): Promise<FoliateReport> => {
    const url = `/books/${books.size}.epub`;
    books.set(url, book);
    // The last book's page is gone before this one's log starts: nothing late of it is counted here.
    await page.goto('about:blank');
    logged = [];
    await page.goto(`${origin}/`);
    // Expressions as strings: a function compiled by tsx may call helpers the page lacks.
    await page.waitForFunction('window.harnessReady === true');
    const report = (await page.evaluate(
      `window.readBook(${JSON.stringify(url)}, ${JSON.stringify(path.basename(book))})`,
    )) as Omit<FoliateReport, 'console'>;
    return { ...report, console: logged };
  };
  return {
    async read(book) {
      const report = await readOnce(book);
      // foliate-js's paginator can style an iframe whose document is not there yet when the machine
      // is busy ("Cannot destructure property 'style' of 'el'"), once in a few hundred reads: a book
      // with a page error is read once more, and what the second reading says is the answer.
      return report.console.some((line) => line.startsWith('page error:')) ? readOnce(book) : report;
    },
    async close() {
      await launched.close();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}
