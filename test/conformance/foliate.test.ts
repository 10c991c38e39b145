import assert from 'node:assert/strict';
import { appendFile, copyFile, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import JSZip from 'jszip';
import { build, type WrittenBook } from '../../src/index.js';
import { REPO_ROOT, SAMPLES, buildInto } from '../helpers/build.js';
import { all, openEpub, packageDocument, spinePaths, textOf, type OpenedEpub } from '../helpers/epub.js';
import { writeStories } from '../helpers/library.js';
import { epubLibrary } from '../helpers/epub-fixtures.js';
import { solidPng } from '../helpers/png.js';
import { SAMPLE_BOOKS } from './expected.js';
import { chapterOpenings, sameQuotes } from './openings.js';
import {
  openFoliateReader,
  renderSkipReason,
  type FoliateReader,
  type FoliateReport,
  type NavigationEntry,
} from './reader.js';

const COVER = { width: 60, height: 90 };
const PAGE_NAMES = new Set(['Cover', 'Title Page']);

interface ReadBook {
  shape: string;
  book: WrittenBook;
  epub: OpenedEpub;
  report: FoliateReport;
}

const withoutSpaces = (text: string): string => text.replace(/\s+/g, '');

function flatten(entries: NavigationEntry[]): NavigationEntry[] {
  return entries.flatMap((entry) => [entry, ...flatten(entry.subitems)]);
}

/** The cover-image item the package document declares, read without foliate. */
async function declaredCover(epub: OpenedEpub): Promise<{ type: string; size: number } | null> {
  const { doc, dir } = await packageDocument(epub);
  const item = all(doc, 'item').find((i) => (i.getAttribute('properties') ?? '').split(/\s+/).includes('cover-image'));
  if (!item) return null;
  const data = await epub.zip.file(`${dir}${item.getAttribute('href')}`)!.async('uint8array');
  return { type: item.getAttribute('media-type')!, size: data.length };
}

/**
 * A copy of a book with the faults this test exists to catch: a TOC entry to a missing file, one
 * to a missing fragment, a missing image and a chapter that is not well-formed.
 */
async function brokenCopy(book: string, folder: string): Promise<string> {
  const zip = await JSZip.loadAsync(await readFile(book));
  const nav = await zip.file('EPUB/nav.xhtml')!.async('string');
  zip.file(
    'EPUB/nav.xhtml',
    nav
      .replace('href="text/salt-and-static-title.xhtml"', 'href="text/salt-and-static-title.xhtml#nowhere"')
      .replace('href="text/salt-and-static-c001.xhtml"', 'href="text/missing.xhtml"'),
  );
  const chapter = await zip.file('EPUB/text/salt-and-static-c001.xhtml')!.async('string');
  zip.file(
    'EPUB/text/salt-and-static-c001.xhtml',
    chapter
      .replace('<p>', '<p><img src="../images/none.png" alt="gone"/>')
      .replace('</section>', '<p>unclosed</section>'),
  );
  const broken = path.join(folder, 'broken.epub');
  await writeFile(broken, await zip.generateAsync({ type: 'uint8array' }));
  return broken;
}

describe(
  'every sample book opened in foliate-js in headless Chromium',
  { skip: renderSkipReason(), timeout: 300_000 },
  () => {
    let reader: FoliateReader | undefined;
    const books: ReadBook[] = [];
    let broken: FoliateReport | undefined;

    before(async () => {
      const covers = await mkdtemp(path.join(os.tmpdir(), 'ficbind-render-covers-'));
      // Matches the series book and, in the per-story shape, both parts.
      await writeFile(path.join(covers, 'the-lantern-road.png'), solidPng(COVER.width, COVER.height, [30, 60, 120]));
      reader = await openFoliateReader();
      for (const shape of ['series', 'story'] as const) {
        const library = await buildInto(SAMPLES, { book: shape, covers });
        assert.equal(library.result.failed, false);
        for (const book of library.result.books) {
          books.push({ shape, book, epub: await openEpub(book.path), report: await reader.read(book.path) });
        }
      }
      const salt = books.find((b) => b.shape === 'series' && b.book.title === 'Salt and Static')!;
      broken = await reader.read(await brokenCopy(salt.book.path, covers));
    });

    after(async () => {
      await reader?.close();
    });

    it('sees the faults in a deliberately broken book, so that a pass means something', () => {
      assert.ok(broken);
      const toc = flatten(broken.toc);
      assert.equal(toc.find((e) => e.href?.endsWith('missing.xhtml'))?.index, null, 'TOC entry to a missing file');
      assert.equal(
        toc.find((e) => e.href?.endsWith('#nowhere'))?.fragmentFound,
        false,
        'TOC entry to a missing fragment',
      );
      const chapter = broken.sections.find((s) => s.href.endsWith('/salt-and-static-c001.xhtml'))!.rendered;
      assert.deepEqual(
        chapter.images.map((i) => [i.src, i.loaded]),
        [['../images/none.png', false]],
      );
      // Not well-formed: the reader cannot load it as XHTML, falls back to HTML and warns (in the
      // browser's own words, which change between Chromium versions, so they are not asserted).
      assert.equal(chapter.contentType, 'text/html', 'the malformed chapter was not loaded as XHTML');
      assert.ok(
        broken.console.some((line) => line.startsWith('warning: ')),
        broken.console.join('\n'),
      );
    });

    const each = (check: (read: ReadBook) => Promise<void> | void) => async () => {
      assert.ok(books.length >= 9, `read ${books.length} books`);
      for (const read of books) await check(read);
    };

    it(
      'opens every book without a warning or error in the page',
      each(({ book, report }) => {
        assert.deepEqual(report.console, [], book.path);
      }),
    );

    it(
      'reads title, author, language, identifier and series as a reader shows them',
      each(async ({ book, epub, report }) => {
        const expected = SAMPLE_BOOKS[book.title];
        assert.ok(expected, `no expectation for "${book.title}"`);
        const { doc } = await packageDocument(epub);
        assert.deepEqual(
          report.metadata,
          {
            title: book.title,
            authors: [expected.author],
            languages: ['en'],
            identifier: textOf(all(doc, 'dc:identifier')[0]!),
            series: expected.series,
          },
          book.path,
        );
      }),
    );

    it(
      'finds the declared cover, and it decodes as the image that was given',
      each(async ({ book, epub, report }) => {
        const declared = await declaredCover(epub);
        const givenCover = SAMPLE_BOOKS[book.title]?.series?.name === 'The Lantern Road';
        assert.ok(declared || !givenCover, `${book.path}: covers/the-lantern-road.png was not used`);
        if (!declared) {
          assert.equal(report.cover, null, `${book.path}: foliate found a cover the book does not declare`);
          return;
        }
        assert.ok(report.cover, `${book.path}: foliate found no cover`);
        assert.equal(report.cover.type, declared.type, book.path);
        assert.equal(report.cover.size, declared.size, book.path);
        assert.ok(report.cover.width > 0 && report.cover.height > 0, book.path);
        if (givenCover) {
          assert.deepEqual([report.cover.width, report.cover.height], [COVER.width, COVER.height], book.path);
        }
      }),
    );

    it(
      'renders every spine document, in spine order, with all of its text and its images',
      each(async ({ book, epub, report }) => {
        assert.deepEqual(
          report.sections.map((s) => s.href),
          await spinePaths(epub),
          `${book.path}: foliate's sections are the spine`,
        );
        for (const [index, { href, rendered }] of report.sections.entries()) {
          const where = `${path.basename(book.path)} ${href}`;
          assert.equal(rendered.index, index, `${where}: foliate showed another section`);
          assert.equal(rendered.contentType, 'application/xhtml+xml', `${where}: not loaded as XHTML`);
          assert.ok(rendered.frame && rendered.frame.width > 0 && rendered.frame.height > 0, `${where}: not laid out`);
          const body = all(await epub.xml(href), 'body')[0]!;
          assert.equal(
            withoutSpaces(rendered.content),
            withoutSpaces(body.textContent ?? ''),
            `${where}: rendered text differs from the file`,
          );
          assert.ok(rendered.shown.length > 0 || rendered.images.length > 0, `${where}: shows nothing`);
          for (const image of rendered.images) {
            assert.ok(image.loaded, `${where}: image ${image.src} did not load`);
            assert.ok(image.alt, `${where}: image ${image.src} has no alt text`);
          }
        }
      }),
    );

    it(
      'shows the first words of every chapter, each chapter in its own document, in reading order',
      each(async ({ book, report }) => {
        const openings = (
          await Promise.all(book.stories.map((story) => chapterOpenings(path.join(SAMPLES, story))))
        ).flat();
        assert.equal(openings.length, book.chapters, `${book.path}: chapters in the sources`);
        let previous = -1;
        for (const opening of openings) {
          const at = report.sections.findIndex(
            (s, i) => i > previous && sameQuotes(s.rendered.shown).includes(opening),
          );
          assert.ok(at > previous, `${book.path}: "${opening}…" is not shown after section ${previous}`);
          previous = at;
        }
      }),
    );

    it(
      'resolves every table-of-contents entry, nested too, to the section that shows it',
      each(({ book, report }) => {
        const entries = flatten(report.toc);
        assert.ok(entries.length > 0, `${book.path}: no table of contents`);
        for (const entry of entries) {
          const where = `${path.basename(book.path)}: TOC "${entry.label}" (${entry.href})`;
          assert.ok(entry.label.length > 0, `${where}: no label`);
          assert.ok(entry.index !== null && entry.index >= 0, `${where}: resolves to no spine document`);
          assert.notEqual(entry.fragmentFound, false, `${where}: the fragment is not in the document`);
          // These labels name the page; every other label is the heading shown on it.
          const shown = report.sections[entry.index]!.rendered.shown;
          if (!PAGE_NAMES.has(entry.label))
            assert.ok(shown.includes(entry.label), `${where}: label not shown there: ${shown.slice(0, 80)}`);
        }
        // Every chapter is reachable from the table of contents.
        const reached = new Set(entries.map((e) => e.index));
        const chapters = report.sections.flatMap((s, i) => (/-c\d+\.xhtml$/.test(s.href) ? [i] : []));
        assert.equal(chapters.length, book.chapters, book.path);
        for (const index of chapters)
          assert.ok(reached.has(index), `${book.path}: section ${index} is in no TOC entry`);
      }),
    );

    it(
      'resolves every landmark to a spine document',
      each(({ book, report }) => {
        assert.ok(report.landmarks.length > 0, `${book.path}: no landmarks`);
        for (const entry of flatten(report.landmarks)) {
          assert.ok(
            entry.index !== null && entry.index >= 0,
            `${book.path}: landmark "${entry.label}" resolves to nothing`,
          );
        }
      }),
    );
  },
);

describe(
  'every book of the grouping fixture library, and its kepub, opened in foliate-js',
  { skip: renderSkipReason(), timeout: 300_000 },
  () => {
    const LIBRARY = path.join(REPO_ROOT, 'test/fixtures/library');
    let reader: FoliateReader | undefined;
    const books: Array<{ file: string; title: string; epub: OpenedEpub; report: FoliateReport }> = [];

    let epubSeries: { file: string; epub: OpenedEpub; report: FoliateReport } | undefined;

    before(async () => {
      reader = await openFoliateReader();
      // Issue 18: the series book made from three EPUBs of its parts, read with the same reader.
      const fromEpubs = await buildInto(await epubLibrary(path.join(REPO_ROOT, 'test/fixtures/epub/series')));
      assert.equal(fromEpubs.result.failed, false);
      const seriesFile = fromEpubs.book('The Tidewater Letters');
      epubSeries = { file: seriesFile, epub: await openEpub(seriesFile), report: await reader.read(seriesFile) };
      const library = await buildInto(LIBRARY, { kobo: true });
      assert.equal(library.result.failed, false);
      for (const book of library.result.books) {
        for (const file of [book.path, book.path.replace(/\.epub$/, '.kepub.epub')]) {
          books.push({ file, title: book.title, epub: await openEpub(file), report: await reader.read(file) });
        }
      }
    });

    after(async () => {
      await reader?.close();
    });

    it('opens each without a page error, with its title and the series of its package document', async () => {
      assert.ok(books.length >= 12, `read ${books.length} books`);
      for (const { file, title, epub, report } of books) {
        assert.deepEqual(report.console, [], file);
        assert.equal(report.metadata.title, title, file);
        const { doc } = await packageDocument(epub);
        const series = all(doc, 'meta')
          .find((m) => m.getAttribute('name') === 'calibre:series')
          ?.getAttribute('content');
        assert.equal(report.metadata.series?.name ?? undefined, series, file);
      }
    });

    it('opens the series book made from three EPUB inputs: its parts nested in order, every page rendered', async () => {
      const { file, epub, report } = epubSeries!;
      assert.deepEqual(report.console, [], file);
      assert.equal(report.metadata.title, 'The Tidewater Letters');
      assert.deepEqual(report.metadata.series, { name: 'The Tidewater Letters', position: 1 });
      const stories = report.toc.filter((entry) => entry.subitems.length > 0);
      assert.deepEqual(
        stories.map((s) => s.label),
        ['Salt in the Ink', "The Lamplighter's Reply", 'Harbour Winter'],
      );
      assert.deepEqual(
        stories.map((s) => s.subitems.filter((c) => c.label !== 'Summary').length),
        [2, 2, 2],
      );
      assert.ok(report.cover, 'the cover the FanFicFare EPUB brought');
      assert.deepEqual(
        report.sections.map((s) => s.href),
        await spinePaths(epub),
      );
      for (const { href, rendered } of report.sections) {
        const body = all(await epub.xml(href), 'body')[0]!;
        assert.equal(withoutSpaces(rendered.content), withoutSpaces(body.textContent ?? ''), href);
      }
      for (const entry of flatten(report.toc)) {
        assert.ok(entry.index !== null && entry.index >= 0, `TOC "${entry.label}" resolves to nothing`);
        const shown = report.sections[entry.index]!.rendered;
        assert.ok(shown.shown.length > 0 || shown.images.length > 0, `TOC "${entry.label}" shows nothing`);
      }
    });

    it('renders every spine document with all of its text, and resolves every TOC entry', async () => {
      for (const { file, epub, report } of books) {
        assert.deepEqual(
          report.sections.map((s) => s.href),
          await spinePaths(epub),
          file,
        );
        for (const { href, rendered } of report.sections) {
          const body = all(await epub.xml(href), 'body')[0]!;
          assert.equal(
            withoutSpaces(rendered.content),
            withoutSpaces(body.textContent ?? ''),
            `${path.basename(file)} ${href}`,
          );
        }
        for (const entry of flatten(report.toc)) {
          assert.ok(
            entry.index !== null && entry.index >= 0,
            `${path.basename(file)}: TOC "${entry.label}" resolves to nothing`,
          );
          assert.notEqual(entry.fragmentFound, false, `${path.basename(file)}: TOC "${entry.label}"`);
        }
      }
    });
  },
);

describe(
  'an updated book opened in foliate-js: the new chapter in its contents, marked under --mark-new',
  {
    skip: renderSkipReason(),
    timeout: 300_000,
  },
  () => {
    let reader: FoliateReader | undefined;
    const read: Array<{ marked: boolean; file: string; identifier: string; report: FoliateReport }> = [];

    before(async () => {
      const chapter = (n: number) =>
        `Chapter ${n}\n\nThe kiln was opened for the ${n === 1 ? 'first' : 'next'} time.\n\nSmoke rose from it.\n`;
      const input = await writeStories({
        'kiln.txt': `Title: Kiln Light\nAuthor: Odile Ferrant\n\n${chapter(1)}\n${chapter(2)}`,
      });
      const out = await mkdtemp(path.join(os.tmpdir(), 'ficbind-render-updated-'));
      const options = { input, out, cover: false, covers: path.join(input, 'none'), sourceDateEpoch: 1_700_000_000 };
      const first = await build(options);
      assert.equal(first.failed, false);
      await appendFile(path.join(input, 'kiln.txt'), `\n${chapter(3)}`);
      reader = await openFoliateReader();
      for (const marked of [true, false]) {
        const result = await build({ ...options, markNew: marked });
        const file = result.books[0]!.path;
        // A copy per build: the next build rewrites the file in place.
        const copy = `${out}-${marked ? 'marked' : 'plain'}.epub`;
        await copyFile(file, copy);
        read.push({ marked, file: copy, identifier: first.books[0]!.identifier, report: await reader.read(copy) });
      }
    });

    after(async () => {
      await reader?.close();
    });

    it('finds the appended chapter in the contents, with its mark only under --mark-new, and shows it there', () => {
      for (const { marked, file, identifier, report } of read) {
        assert.deepEqual(report.console, [], file);
        assert.equal(report.metadata.identifier, identifier, `${file}: the same book as before the update`);
        const label = marked ? '(New) Chapter 3' : 'Chapter 3';
        const entries = flatten(report.toc);
        assert.deepEqual(
          entries.map((e) => e.label),
          ['Title Page', 'Chapter 1', 'Chapter 2', label],
          file,
        );
        const entry = entries.at(-1)!;
        assert.ok(entry.index !== null && entry.index >= 0, `${file}: "${label}" resolves to no section`);
        const shown = report.sections[entry.index]!.rendered.shown;
        assert.ok(shown.startsWith(label), `${file}: the section shows "${shown.slice(0, 40)}"`);
        assert.ok(shown.includes('opened for the next time'), file);
      }
    });
  },
);
