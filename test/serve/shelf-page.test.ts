import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { chromium, type Browser, type Page } from 'playwright-core';
import { serveBooks, type RunningServer } from '../../src/index.js';
import { CHROMIUM, renderSkipReason } from '../conformance/reader.js';
import { sampleShelf, type ShelfFolder } from './shelf-folder.js';

/** A 6-inch e-ink reader's browser (Kobo Clara, Kindle Paperwhite at 1×). */
const EINK = { width: 758, height: 1024 };
const NAVIGATION_TYPE = 'application/atom+xml;profile=opds-catalog;kind=navigation';

let shelf: ShelfFolder;
let server: RunningServer;
let browser: Browser;
let page: Page;
const problems: string[] = [];
const downloads = new Set<string>();
const failures: { url: string; error: string }[] = [];

/** What went wrong on the page: console errors and warnings, HTTP errors, failed requests. */
function pageProblems(): string[] {
  const failed = failures
    .filter((f) => !(f.error === 'net::ERR_ABORTED' && downloads.has(f.url)))
    .map((f) => `failed: ${f.url} ${f.error}`);
  return [...problems, ...failed];
}

describe(
  'ficbind serve: the shelf page in Chromium at e-ink size, without JavaScript',
  { skip: renderSkipReason(), timeout: 120_000 },
  () => {
    before(async () => {
      shelf = await sampleShelf();
      server = await serveBooks({ folder: shelf.out, host: '127.0.0.1', port: 0 });
      browser = await chromium.launch({
        executablePath: CHROMIUM,
        headless: true,
        args: ['--no-sandbox', '--disable-background-networking', '--disable-component-update'],
      });
      const context = await browser.newContext({ viewport: EINK, javaScriptEnabled: false, acceptDownloads: true });
      page = await context.newPage();
      page.on('console', (message) => {
        if (message.type() === 'error' || message.type() === 'warning')
          problems.push(`${message.type()}: ${message.text()}`);
      });
      page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
      // A link that turns into a download ends its navigation as aborted; that is no failure.
      page.on('download', (download) => downloads.add(download.url()));
      page.on('requestfailed', (request) =>
        failures.push({ url: request.url(), error: request.failure()?.errorText ?? '' }),
      );
      page.on('response', (response) => {
        if (response.status() >= 400) problems.push(`HTTP ${response.status()}: ${response.url()}`);
      });
      await page.goto(server.localUrl, { waitUntil: 'load' });
    });
    after(async () => {
      await browser?.close();
      await server?.close();
    });

    it('lists every book with its cover, author and series, links the OPDS catalog, and fits the screen', async () => {
      const titles = await page.locator('.books h2').allTextContents();
      assert.deepEqual([...titles].sort(), shelf.result.books.map((b) => b.title).sort());
      const alternate = page.locator('head link[rel="alternate"]');
      assert.equal(await alternate.getAttribute('type'), NAVIGATION_TYPE);
      assert.equal(await alternate.getAttribute('href'), '/opds');
      // Expressions as strings, as the render test does: tests are compiled without the DOM's types.
      const images = (await page.evaluate(
        `[...document.querySelectorAll('.books img')].map((img) => ({ src: img.src, loaded: img.complete && img.naturalWidth > 0 }))`,
      )) as { src: string; loaded: boolean }[];
      assert.equal(images.length, shelf.result.books.length, 'every sample book has a cover');
      for (const image of images) assert.ok(image.loaded, `${image.src} loaded`);
      assert.match(
        await page.locator('.books li', { hasText: 'The Lantern Road' }).innerText(),
        /Book 1 of The Lantern Road/,
      );
      const width = (await page.evaluate('document.documentElement.scrollWidth')) as number;
      assert.ok(width <= EINK.width, `no sideways scrolling on a 758 px screen (page is ${width} px wide)`);
      assert.deepEqual(pageProblems(), []);
    });

    it('downloads every book through its links, byte for byte, under its own file name', async () => {
      const links = page.locator('.books .get a');
      const count = await links.count();
      assert.equal(count, shelf.result.books.length * 2, 'an EPUB and a Kobo link per book');
      for (let index = 0; index < count; index++) {
        const [download] = await Promise.all([page.waitForEvent('download'), links.nth(index).click()]);
        const name = download.suggestedFilename();
        const expected = await readFile(path.join(shelf.out, name));
        const got = await readFile((await download.path())!);
        assert.ok(got.equals(expected), `${name} downloaded byte for byte`);
      }
      assert.deepEqual(pageProblems(), []);
    });

    it('searches with a plain form', async () => {
      await page.locator('#q').fill('garden');
      await Promise.all([page.waitForURL(/\?q=garden/), page.locator('#q').press('Enter')]);
      assert.deepEqual(await page.locator('.books h2').allTextContents(), ['The Paper Garden']);
      assert.deepEqual(pageProblems(), []);
    });
  },
);
