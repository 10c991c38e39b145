import assert from 'node:assert/strict';
import { execFile, spawnSync } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { before, describe, it } from 'node:test';
import { promisify } from 'node:util';
import type { WrittenBook } from '../../src/index.js';
import { SAMPLES, buildInto } from '../helpers/build.js';
import { SAMPLE_BOOKS } from './expected.js';

const run = promisify(execFile);
const HAS_CALIBRE = spawnSync('which', ['ebook-meta']).status === 0;
// calibre renders a book's first page with Qt WebEngine when there is no cover; headless and as
// root that needs no display and no sandbox.
const CALIBRE_ENV = { ...process.env, QT_QPA_PLATFORM: 'offscreen', QTWEBENGINE_CHROMIUM_FLAGS: '--no-sandbox' };
const TIMEOUT_MS = 120_000;

/** `Key : value` lines of `ebook-meta` output. */
async function ebookMeta(book: string): Promise<Map<string, string>> {
  const { stdout } = await run('ebook-meta', [book], { env: CALIBRE_ENV, timeout: TIMEOUT_MS });
  return new Map(
    stdout.split('\n').flatMap((line) => {
      const match = /^(.+?)\s+:\s(.*)$/.exec(line);
      return match ? [[match[1]!.trim(), match[2]!.trim()] as [string, string]] : [];
    }),
  );
}

/** Runs `check` on the books two at a time: calibre is slow to start and the machine has two cores. */
async function inPairs(books: WrittenBook[], check: (book: WrittenBook) => Promise<void>): Promise<void> {
  for (let i = 0; i < books.length; i += 2) await Promise.all(books.slice(i, i + 2).map(check));
}

describe(
  'calibre reads every sample book',
  {
    // Outside CI a missing calibre skips these checks; in CI (.ci/run installs it) they must run.
    skip:
      HAS_CALIBRE || process.env.CI
        ? false
        : 'calibre is not installed (apt-get install -y calibre): ebook-meta not found',
    timeout: 600_000,
  },
  () => {
    let series: WrittenBook[] = [];
    let perStory: WrittenBook[] = [];

    before(async () => {
      series = (await buildInto(SAMPLES)).result.books;
      perStory = (await buildInto(SAMPLES, { book: 'story' })).result.books;
    });

    it('ebook-meta shows title, author, series and series index, in both book shapes', async () => {
      assert.ok(series.length + perStory.length >= 9);
      await inPairs([...series, ...perStory], async (book) => {
        const expected = SAMPLE_BOOKS[book.title];
        assert.ok(expected, `no expectation for "${book.title}"`);
        const meta = await ebookMeta(book.path);
        assert.equal(meta.get('Title'), book.title, book.path);
        assert.equal(meta.get('Author(s)'), expected.author, book.path);
        assert.equal(
          meta.get('Series'),
          expected.series ? `${expected.series.name} #${expected.series.position}` : undefined,
          book.path,
        );
        assert.equal(meta.get('Languages'), 'eng', book.path);
      });
    });

    it('ebook-convert turns each series-shape book into AZW3 without error', async () => {
      await inPairs(series, async (book) => {
        const azw3 = path.join(path.dirname(book.path), `${path.basename(book.path, '.epub')}.azw3`);
        await run('ebook-convert', [book.path, azw3], { env: CALIBRE_ENV, timeout: TIMEOUT_MS });
        // A Kindle book is a Palm database whose type and creator are BOOKMOBI.
        const header = (await readFile(azw3)).subarray(60, 68).toString('latin1');
        assert.equal(header, 'BOOKMOBI', azw3);
      });
    });
  },
);
