import assert from 'node:assert/strict';
import path from 'node:path';
import { before, describe, it } from 'node:test';
import { REPO_ROOT, buildInto, type BuiltLibrary } from '../helpers/build.js';
import { all, openEpub, packageDocument, textOf, type OpenedEpub } from '../helpers/epub.js';

/**
 * Issue 5, acceptance 1: a library laid out the messy way real ones are — a three-part series
 * whose file names sort backwards, a story saved as one file per chapter, two parts of an
 * AO3-style series, a standalone, a sequel linked only by "sequel to", and a folder of distinct
 * stories — is grouped and ordered right in both book shapes.
 */
const LIBRARY = path.join(REPO_ROOT, 'test/fixtures/library');

type Element = ReturnType<typeof all>[number];

/** The table of contents as nested labels: `label` or `[label, children]`. */
async function navLabels(epub: OpenedEpub): Promise<unknown[]> {
  const nav = await epub.xml('EPUB/nav.xhtml');
  const toc = all(nav, 'nav').find((n) => n.getAttribute('epub:type') === 'toc') as Element;
  const list = (ol: Element): unknown[] =>
    Array.from(ol.childNodes as unknown as Element[])
      .filter((n) => n.nodeName === 'li')
      .map((li) => {
        const label = textOf(all(li, 'a')[0] as Element);
        const nested = all(li, 'ol')[0];
        return nested ? [label, list(nested)] : label;
      });
  return list(all(toc, 'ol')[0] as Element);
}

interface SeriesMeta {
  collection?: string;
  type?: string;
  position?: string;
  calibre?: string;
  index?: string;
  subjects: string[];
}

async function seriesMeta(file: string): Promise<SeriesMeta> {
  const { doc } = await packageDocument(await openEpub(file));
  const found: SeriesMeta = { subjects: all(doc, 'dc:subject').map(textOf) };
  for (const meta of all(doc, 'meta')) {
    const property = meta.getAttribute('property');
    const name = meta.getAttribute('name');
    if (property === 'belongs-to-collection') found.collection = textOf(meta);
    if (meta.getAttribute('refines') === '#series' && property === 'collection-type') found.type = textOf(meta);
    if (meta.getAttribute('refines') === '#series' && property === 'group-position') found.position = textOf(meta);
    if (name === 'calibre:series') found.calibre = meta.getAttribute('content') ?? '';
    if (name === 'calibre:series_index') found.index = meta.getAttribute('content') ?? '';
  }
  return found;
}

const seriesOf = (name: string, position: string, subjects: string[] = []): SeriesMeta => ({
  collection: name,
  type: 'series',
  position,
  calibre: name,
  index: position,
  subjects,
});

/** A story inside a series book: its own summary page, then its text. */
const storyEntry = (title: string): unknown[] => [title, ['Summary', title]];

describe('grouping a messy library (issue 5, acceptance 1)', () => {
  let series: BuiltLibrary;
  let perStory: BuiltLibrary;

  before(async () => {
    series = await buildInto(LIBRARY, { cover: false, cache: false, kobo: true });
    perStory = await buildInto(LIBRARY, { book: 'story', cover: false, cache: false });
  });

  describe('book shape "series"', () => {
    it('makes one book per series, story or standalone, with every story in reading order', () => {
      assert.equal(series.result.failed, false);
      assert.deepEqual(
        series.result.books.map((b) => [b.title, b.stories]),
        [
          ['Harrow Tides', ['c-salt-road.txt', 'b-low-water.txt', 'a-the-drowned-bell.txt']],
          ['Lamplight Years', ['the-first-lamp.html', 'kindling.html']],
          [
            'Orchard Seasons',
            ['Orchard Seasons/summer.txt', 'Orchard Seasons/autumn.txt', 'Orchard Seasons/winter.txt'],
          ],
          ['Paper Boats', ['paper-boats.md']],
          ['The Long Thaw', ['the-long-thaw.txt', 'after-the-thaw.txt']],
          ['Winter Apples', ['Winter Apples']],
        ],
      );
    });

    it('orders a series by part number, not by file name', async () => {
      const book = series.book('Harrow Tides');
      assert.deepEqual(await navLabels(await openEpub(book)), [
        storyEntry('The Salt Road'),
        storyEntry('Low Water'),
        storyEntry('The Drowned Bell'),
      ]);
      assert.deepEqual(await seriesMeta(book), seriesOf('Harrow Tides', '1', ['Rated G']));
    });

    it('groups the two AO3 parts by their series position, with their tags as subjects', async () => {
      const book = series.book('Lamplight Years');
      assert.deepEqual(await navLabels(await openEpub(book)), [storyEntry('The First Lamp'), storyEntry('Kindling')]);
      assert.deepEqual(
        await seriesMeta(book),
        seriesOf('Lamplight Years', '1', ['Shopkeepers', 'Inheritance', 'Rated General Audiences', 'Snowfall']),
      );
    });

    it('reads a folder of distinct stories as a series named after the folder, ordered by date, then by the number in a title', async () => {
      const book = series.book('Orchard Seasons');
      assert.deepEqual(await navLabels(await openEpub(book)), [
        storyEntry('Summer Rain'),
        storyEntry('Autumn Wind'),
        storyEntry('Winter Frost, Book 3'),
      ]);
      assert.deepEqual(await seriesMeta(book), seriesOf('Orchard Seasons', '1'));
      const reported = series.result.diagnostics.find((d) => d.rule === 'input/series-folder');
      assert.equal(reported?.file, 'Orchard Seasons');
    });

    it('links a sequel by "sequel to" alone: both form a series named after the first story', async () => {
      const book = series.book('The Long Thaw');
      assert.deepEqual(await navLabels(await openEpub(book)), [
        storyEntry('The Long Thaw'),
        storyEntry('After the Thaw'),
      ]);
      assert.deepEqual(await seriesMeta(book), seriesOf('The Long Thaw', '1', ['Rated T']));
    });

    it('joins a story saved as one file per chapter, in chapter order (10 after 2), and says which files', async () => {
      const epub = await openEpub(series.book('Winter Apples'));
      assert.deepEqual(await navLabels(epub), [
        'Title Page',
        'Chapter 1: The Cellar',
        'Chapter 2: The Lantern',
        'Chapter 10: The Spring',
      ]);
      const joined = series.result.diagnostics.filter((d) => d.rule === 'input/chapter-files');
      assert.equal(joined.length, 1);
      assert.equal(joined[0]?.severity, 'info');
      assert.match(
        joined[0]?.message ?? '',
        /Winter Apples Chapter 1\.html, Winter Apples Chapter 2\.html, Winter Apples Chapter 10\.html/,
      );
    });

    it('keeps the standalone alone, with no series and its tags as subjects', async () => {
      const book = series.book('Paper Boats');
      assert.deepEqual(await navLabels(await openEpub(book)), ['Title Page', 'Summary', 'Paper Boats']);
      assert.deepEqual(await seriesMeta(book), { subjects: ['brothers', 'rain', 'summer holidays', 'Rated K'] });
    });
  });

  describe('book shape "story"', () => {
    it('makes one book per story, each carrying its series and its place in it', async () => {
      assert.equal(perStory.result.failed, false);
      const places: Array<[string, SeriesMeta]> = [
        ['The Salt Road', seriesOf('Harrow Tides', '1', ['Rated G'])],
        ['Low Water', seriesOf('Harrow Tides', '2', ['Rated G'])],
        ['The Drowned Bell', seriesOf('Harrow Tides', '3', ['Rated G'])],
        ['The First Lamp', seriesOf('Lamplight Years', '1', ['Shopkeepers', 'Inheritance', 'Rated General Audiences'])],
        ['Kindling', seriesOf('Lamplight Years', '2', ['Shopkeepers', 'Snowfall', 'Rated General Audiences'])],
        ['Summer Rain', seriesOf('Orchard Seasons', '1')],
        ['Autumn Wind', seriesOf('Orchard Seasons', '2')],
        ['Winter Frost, Book 3', seriesOf('Orchard Seasons', '3')],
        ['The Long Thaw', seriesOf('The Long Thaw', '1', ['Rated T'])],
        ['After the Thaw', seriesOf('The Long Thaw', '2', ['Rated T'])],
        ['Paper Boats', { subjects: ['brothers', 'rain', 'summer holidays', 'Rated K'] }],
        ['Winter Apples', { subjects: [] }],
      ];
      assert.deepEqual(perStory.result.books.map((b) => b.title).sort(), places.map(([title]) => title).sort());
      for (const [title, expected] of places) assert.deepEqual(await seriesMeta(perStory.book(title)), expected, title);
    });

    it('still joins the chapter files into one book in chapter order', async () => {
      const epub = await openEpub(perStory.book('Winter Apples'));
      assert.deepEqual(await navLabels(epub), [
        'Title Page',
        'Chapter 1: The Cellar',
        'Chapter 2: The Lantern',
        'Chapter 10: The Spring',
      ]);
    });
  });
});
