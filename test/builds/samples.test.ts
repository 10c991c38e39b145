import assert from 'node:assert/strict';
import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { before, describe, it } from 'node:test';
import { SAMPLES, buildInto, type BuiltLibrary } from '../helpers/build.js';
import { all, openEpub, packageDocument, spinePaths, textOf, type OpenedEpub } from '../helpers/epub.js';
import { asTyped, sourceParagraphs, withoutMarkup } from '../helpers/source-text.js';
import { assertBookStructure } from '../helpers/structure.js';
import { assertNothingLost } from '../helpers/words.js';

const SCENE_BREAK = /^(?:[~*#\s]+|o0o)$/;
const HEADING = /^(?:Chapter\s.+|Prologue|Epilogue)$/;

async function navLabels(epub: OpenedEpub): Promise<unknown[]> {
  const nav = await epub.xml('EPUB/nav.xhtml');
  const toc = all(nav, 'nav').find((n) => n.getAttribute('epub:type') === 'toc')!;
  const list = (ol: Element): unknown[] =>
    Array.from(ol.childNodes as unknown as Element[])
      .filter((n) => n.nodeName === 'li')
      .map((li) => {
        const label = textOf(all(li, 'a')[0]!);
        const nested = all(li, 'ol')[0];
        return nested ? [label, list(nested)] : label;
      });
  return list(all(toc, 'ol')[0]!);
}
type Element = ReturnType<typeof all>[number];

async function metas(epub: OpenedEpub): Promise<Map<string, string>> {
  const { doc } = await packageDocument(epub);
  const found = new Map<string, string>();
  for (const m of all(doc, 'meta')) {
    const key = m.getAttribute('property') ?? m.getAttribute('name');
    if (key && !m.getAttribute('refines')) found.set(key, m.getAttribute('content') ?? textOf(m));
    if (m.getAttribute('refines') === '#series') found.set(`series ${m.getAttribute('property')}`, textOf(m));
  }
  return found;
}

describe('the sample stories in stories/', () => {
  let series: BuiltLibrary;
  let perStory: BuiltLibrary;

  before(async () => {
    series = await buildInto(SAMPLES);
    perStory = await buildInto(SAMPLES, { book: 'story' });
  });

  it('builds at least three books, all without error', () => {
    assert.equal(series.result.failed, false);
    assert.deepEqual(
      series.result.books.map((b) => b.title),
      ['Salt and Static', "The Clockmaker's Apprentice", 'The Lantern Road', 'The Paper Garden'],
    );
    assert.equal(perStory.result.books.length, 5);
  });

  it('writes exactly the books it reports, with readable names', async () => {
    assert.deepEqual(
      (await readdir(series.out)).sort(),
      ['.ficbind-books.json', ...series.result.books.map((b) => path.basename(b.path))].sort(),
    );
  });

  it('loses no word of any sample, in either book shape', async () => {
    const sampleFiles = (await readdir(SAMPLES, { recursive: true })).filter((f) => f.endsWith('.txt')).sort();
    assert.ok(sampleFiles.length >= 5, `sample files: ${sampleFiles.join(', ')}`);
    for (const library of [series, perStory]) {
      const checked: string[] = [];
      for (const book of library.result.books) {
        const epub = await openEpub(book.path);
        for (const source of book.stories) {
          const files = source.endsWith('.txt')
            ? [source]
            : (await readdir(path.join(SAMPLES, source))).map((f) => `${source}/${f}`);
          for (const file of files) {
            await assertNothingLost(path.join(SAMPLES, file), file, epub, library.result.diagnostics);
            checked.push(file);
          }
        }
      }
      assert.deepEqual(checked.sort(), sampleFiles, 'every sample file is checked');
    }
  });

  it('gives every book a sound container, nav and NCX', async () => {
    for (const book of [...series.result.books, ...perStory.result.books])
      await assertBookStructure(await openEpub(book.path));
  });

  describe('The Lantern Road (a two-part series whose file names sort in the wrong order)', () => {
    it('is one book with both parts in part order and a nested table of contents', async () => {
      const epub = await openEpub(series.book('The Lantern Road'));
      assert.deepEqual(await navLabels(epub), [
        'Cover',
        ['First Light', ['Disclaimer', 'Summary', 'First Light']],
        ['The Far Shore', ['Disclaimer', 'Summary', 'The Far Shore']],
      ]);
      const titlePages = (await spinePaths(epub)).filter((p) => p.endsWith('-title.xhtml'));
      assert.deepEqual(await Promise.all(titlePages.map(async (p) => textOf(all(await epub.xml(p), 'h1')[0]!))), [
        'First Light',
        'The Far Shore',
      ]);
    });

    it('carries series metadata in both forms, and each story its own front matter', async () => {
      const epub = await openEpub(series.book('The Lantern Road'));
      const found = await metas(epub);
      const description = textOf(all((await packageDocument(epub)).doc, 'dc:description')[0]!);
      assert.match(description, /^First Light: .+ The Far Shore: Spring comes/, "each part's summary after its title");
      assert.equal(found.get('belongs-to-collection'), 'The Lantern Road');
      assert.equal(found.get('series collection-type'), 'series');
      assert.equal(found.get('calibre:series'), 'The Lantern Road');
      assert.equal(found.get('calibre:series_index'), '1');
      const partTwo = textOf(await epub.xml('EPUB/text/the-far-shore-title.xhtml'));
      assert.ok(partTwo.includes('Part 2 in The Lantern Road'), partTwo);
      assert.ok(partTwo.includes('Isolde Marr/Cass Penhallow'));
    });

    it('as one book per story, part 2 stands alone at position 2', async () => {
      const epub = await openEpub(perStory.book('The Far Shore'));
      const found = await metas(epub);
      assert.equal(found.get('belongs-to-collection'), 'The Lantern Road');
      assert.equal(found.get('series group-position'), '2');
      assert.equal(found.get('calibre:series_index'), '2');
    });
  });

  describe("The Clockmaker's Apprentice (several chapters in one file)", () => {
    it('splits at its headings, keeping prologue and epilogue semantics', async () => {
      const epub = await openEpub(series.book("The Clockmaker's Apprentice"));
      assert.deepEqual(await navLabels(epub), [
        'Cover',
        'Title Page',
        'Disclaimer',
        'Summary',
        'Prologue',
        'Chapter 1: The Broken Escapement',
        'Chapter Two',
        'Chapter 3 – The Last Chime',
        'Epilogue',
      ]);
      const prologue = await epub.xml('EPUB/text/the-clockmakers-apprentice-c001.xhtml');
      assert.equal(all(prologue, 'section')[0]?.getAttribute('epub:type'), 'prologue');
      const titlePage = textOf(await epub.xml('EPUB/text/the-clockmakers-apprentice-title.xhtml'));
      for (const field of ['Tamsin Quillfeather', 'General, Mystery', 'None'])
        assert.ok(titlePage.includes(field), field);
    });

    it('holds every paragraph in order, _emphasis_ as <em>, and its scene break', async () => {
      const epub = await openEpub(series.book("The Clockmaker's Apprentice"));
      const chapters = (await spinePaths(epub)).filter((p) => /-c\d+\.xhtml$/.test(p));
      const paragraphs: string[] = [];
      let breaks = 0;
      let emphasis = 0;
      for (const chapter of chapters) {
        const doc = await epub.xml(chapter);
        paragraphs.push(...all(doc, 'p').map(textOf));
        breaks += all(doc, 'hr').length;
        emphasis += all(doc, 'em').length;
      }
      const expected = await sourceParagraphs(path.join(SAMPLES, 'the-clockmakers-apprentice.txt'), {
        hasHeader: true,
        skip: (l) => SCENE_BREAK.test(l) || HEADING.test(l),
      });
      assert.deepEqual(paragraphs.map(asTyped), expected.map(withoutMarkup).map(asTyped));
      assert.equal(breaks, 3);
      assert.ok(emphasis > 0);
    });
  });

  describe('The Paper Garden (a folder with one file per chapter)', () => {
    it('orders ch1, ch2, ch10 naturally and takes the header from the first file', async () => {
      const epub = await openEpub(series.book('The Paper Garden'));
      const labels = await navLabels(epub);
      assert.deepEqual(labels.slice(-3), ['Chapter 1: Seeds', 'Chapter 2: Folding', 'Chapter 3: Bloom']);
      assert.ok(!labels.includes('Disclaimer'), 'no disclaimer page when the header has none');
      const { doc } = await packageDocument(epub);
      assert.notEqual(textOf(all(doc, 'dc:creator')[0]!), 'Unknown');
    });
  });

  describe('Salt and Static (no header)', () => {
    it('builds with its first line as title, author Unknown, and a warning', async () => {
      const epub = await openEpub(series.book('Salt and Static'));
      const { doc } = await packageDocument(epub);
      assert.equal(textOf(all(doc, 'dc:creator')[0]!), 'Unknown');
      assert.deepEqual(
        await navLabels(epub),
        ['Cover', 'Title Page', 'Salt and Static'],
        'a generated cover, and no empty disclaimer or summary page',
      );
      const warning = series.result.diagnostics.find((d) => d.rule === 'header/missing');
      assert.equal(warning?.file, 'salt-and-static.txt');
      assert.equal(warning?.severity, 'warning');
      const chapter = await epub.xml('EPUB/text/salt-and-static-c001.xhtml');
      const expected = await sourceParagraphs(path.join(SAMPLES, 'salt-and-static.txt'), {
        hasHeader: true,
        skip: (l) => l === '#',
      });
      assert.deepEqual(all(chapter, 'p').map(textOf).map(asTyped), expected.map(withoutMarkup).map(asTyped));
      assert.equal(all(chapter, 'hr').length, 1);
    });
  });
});
