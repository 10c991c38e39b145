import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { before, describe, it } from 'node:test';
import { REPO_ROOT, buildInto, type BuiltLibrary } from '../helpers/build.js';
import { all, chapterPaths, openEpub, packageDocument, textOf, type OpenedEpub } from '../helpers/epub.js';
import { epubLibrary } from '../helpers/epub-fixtures.js';

const FIXTURES = path.join(REPO_ROOT, 'test/fixtures/epub/images');
const TREE = path.join(FIXTURES, 'the-cartographers-daughter.epub/OEBPS');
const CHAPTER_ONE = 'the-cartographers-daughter.epub/OEBPS/text/chapter-1.xhtml';

/** The `<img>` and SVG pictures of a fixture page, read with this test's own regular expressions. */
async function sourcePictures(page: string): Promise<Array<{ file: string; alt: string }>> {
  const html = await readFile(path.join(TREE, 'text', page), 'utf8');
  const imgs = [...html.matchAll(/<img src="([^"]+)" alt="([^"]*)"/g)].map((m) => ({ file: m[1]!, alt: m[2]! }));
  const svgs = [...html.matchAll(/<title>([^<]*)<\/title>\s*<image[^>]*xlink:href="([^"]+)"/g)].map((m) => ({
    file: m[2]!,
    alt: m[1]!,
  }));
  return [...imgs, ...svgs];
}

/** 1-based line of the first line of a fixture page holding `needle`. */
async function lineOf(page: string, needle: string): Promise<number> {
  const lines = (await readFile(path.join(TREE, 'text', page), 'utf8')).split('\n');
  return lines.findIndex((l) => l.includes(needle)) + 1;
}

/** The manifest's items by path inside the zip, with their media types. */
async function manifest(epub: OpenedEpub): Promise<Map<string, string>> {
  const { doc, dir } = await packageDocument(epub);
  return new Map(all(doc, 'item').map((i) => [`${dir}${i.getAttribute('href')}`, i.getAttribute('media-type')!]));
}

/** Each `<img>` of a chapter as the zip path its src leads to, and its alt text. */
async function shownImages(epub: OpenedEpub, chapter: string): Promise<Array<{ entry: string; alt: string | null }>> {
  const doc = await epub.xml(chapter);
  return all(doc, 'img').map((img) => ({
    entry: path.posix.normalize(path.posix.join(path.posix.dirname(chapter), img.getAttribute('src')!)),
    alt: img.getAttribute('alt'),
  }));
}

const entryBytes = async (epub: OpenedEpub, entry: string): Promise<Uint8Array> =>
  epub.zip.file(entry)!.async('uint8array');

describe('EPUBs as input: the pictures in their pages are kept', () => {
  let library: BuiltLibrary;
  let epub: OpenedEpub;

  before(async () => {
    library = await buildInto(await epubLibrary(FIXTURES), { cover: false, kobo: true });
    assert.equal(library.result.failed, false, JSON.stringify(library.result.diagnostics, null, 1));
    epub = await openEpub(library.book("The Cartographer's Daughter"));
  });

  it('puts each picture of a chapter in the book, in the manifest with its type, at its place with its alt text', async () => {
    const items = await manifest(epub);
    const [one, two] = await chapterPaths(epub);
    const shownOne = await shownImages(epub, one!);
    const expectedOne = (await sourcePictures('chapter-1.xhtml')).filter((p) => /bay-map|compass/.test(p.file));
    assert.deepEqual(
      shownOne.map((s) => s.alt),
      expectedOne.map((p) => p.alt),
    );
    for (const [index, shown] of shownOne.entries()) {
      const source = await readFile(path.join(TREE, 'text', decodeURIComponent(expectedOne[index]!.file)));
      assert.deepEqual(await entryBytes(epub, shown.entry), new Uint8Array(source), `${shown.entry}: not the picture`);
      assert.equal(items.get(shown.entry), /\.png$/.test(shown.entry) ? 'image/png' : 'image/jpeg');
    }
    // The SVG page picture of chapter 2, its <title> as its alt text.
    const shownTwo = await shownImages(epub, two!);
    assert.deepEqual(
      shownTwo.map((s) => s.alt),
      (await sourcePictures('chapter-2.xhtml')).map((p) => p.alt),
    );
    assert.equal(items.get(shownTwo[0]!.entry), 'image/png');
    // Between the paragraphs it stood between, nothing of the text lost.
    const body = textOf(all(await epub.xml(one!), 'body')[0]!).replace(/\s+/g, ' ');
    assert.match(body, /inked a compass, ?and north did not point north\./);
    assert.match(body, /Somewhere a tracker would have counted her reading this, once\./);
  });

  it('reports a remote picture (never fetched) and a missing one with file and line, and leaves them out', async () => {
    const said = library.result.diagnostics.filter((d) => d.rule === 'html/image-left-out');
    assert.deepEqual(
      said.map((d) => [d.file, d.line]),
      [
        [CHAPTER_ONE, await lineOf('chapter-1.xhtml', 'pixel.gif')],
        [CHAPTER_ONE, await lineOf('chapter-1.xhtml', 'proof.jpg')],
      ],
    );
    assert.match(said[0]!.message, /never fetches/);
    assert.match(said[1]!.message, /proof\.jpg is not in the EPUB.*the first proof of the chart/);
    const entries = [...(await manifest(epub)).keys()];
    assert.ok(!entries.some((e) => /pixel|proof/.test(e)), entries.join(', '));
  });

  it('says in its accessibility metadata that the book is visual too, every picture described in words', async () => {
    const { doc } = await packageDocument(epub);
    const values = (property: string): string[] =>
      all(doc, 'meta')
        .filter((m) => m.getAttribute('property') === property)
        .map((m) => textOf(m));
    assert.deepEqual(values('schema:accessMode'), ['textual', 'visual']);
    assert.ok(values('schema:accessibilityFeature').includes('alternativeText'));
  });

  it('keeps the pictures in the Kobo variant, the same files at the same places', async () => {
    const kepub = await openEpub(library.book("The Cartographer's Daughter").replace(/\.epub$/, '.kepub.epub'));
    for (const chapter of await chapterPaths(epub)) {
      const shown = await shownImages(kepub, chapter);
      assert.deepEqual(shown, await shownImages(epub, chapter));
      for (const { entry } of shown) assert.deepEqual(await entryBytes(kepub, entry), await entryBytes(epub, entry));
    }
  });

  it('keeps the pictures of a story read back from the build cache', async () => {
    const cache = await mkdtemp(path.join(os.tmpdir(), 'ficbind-cache-'));
    const stories = await epubLibrary(FIXTURES);
    const first = await buildInto(stories, { cover: false, cache });
    const book = first.book("The Cartographer's Daughter");
    await rm(book);
    const second = await buildInto(stories, { cover: false, cache, out: path.dirname(book) });
    assert.equal(second.result.failed, false);
    const rebuilt = await openEpub(second.book("The Cartographer's Daughter"));
    const [one] = await chapterPaths(rebuilt);
    const shown = await shownImages(rebuilt, one!);
    assert.equal(shown.length, 2);
    const map = await readFile(path.join(TREE, 'images/bay-map.png'));
    assert.deepEqual(await entryBytes(rebuilt, shown[0]!.entry), new Uint8Array(map));
  });
});
