import assert from 'node:assert/strict';
import type { Node } from '@xmldom/xmldom';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { before, describe, it } from 'node:test';
import { REPO_ROOT, buildInto, type BuiltLibrary } from '../helpers/build.js';
import { all, chapterPaths, openEpub, packageDocument, textOf, type OpenedEpub } from '../helpers/epub.js';
import sharp from 'sharp';
import { editEntry, epubLibrary, zipEpubTree } from '../helpers/epub-fixtures.js';

const FIXTURES = path.join(REPO_ROOT, 'test/fixtures/epub/images');
const TREE = path.join(FIXTURES, 'the-cartographers-daughter.epub/OEBPS');
const CHAPTER_ONE = 'the-cartographers-daughter.epub/OEBPS/text/chapter-1.xhtml';
const CHAPTER_TWO = 'the-cartographers-daughter.epub/OEBPS/text/chapter-2.xhtml';

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

  it('scales a picture past 1600 px down to fit, in its own format, and says so', async () => {
    const [, two] = await chapterPaths(epub);
    const [panorama] = await shownImages(epub, two!);
    const source = await sharp(path.join(TREE, 'images/panorama.png')).metadata();
    assert.ok(source.width! > 1600, 'the fixture picture is huge');
    const out = await sharp(await entryBytes(epub, panorama!.entry)).metadata();
    assert.equal(out.format, 'png');
    assert.ok(out.width! <= 1600 && out.height! <= 1600, `${out.width}×${out.height}`);
    // Its shape kept: 2:1 stays 2:1.
    assert.equal(Math.round((out.width! / out.height!) * 100), Math.round((source.width! / source.height!) * 100));
    const said = library.result.diagnostics.filter((d) => d.rule === 'epub/image-resized');
    assert.deepEqual(
      said.map((d) => [d.severity, d.file, d.line]),
      [['info', CHAPTER_TWO, await lineOf('chapter-2.xhtml', '<svg')]],
    );
  });
});

describe('EPUBs as input: a damaged picture and an animation', () => {
  let library: BuiltLibrary;
  let epub: OpenedEpub;
  let animation: Uint8Array;

  before(async () => {
    // An animated GIF past 1600 px in place of the compass, and the map cut off half way.
    const frame = (colour: string) =>
      sharp({ create: { width: 2000, height: 1000, channels: 3, background: colour } })
        .png()
        .toBuffer();
    animation = new Uint8Array(
      await sharp([await frame('#335577'), await frame('#775533')], { join: { animated: true } })
        .gif({ delay: [400, 400] })
        .toBuffer(),
    );
    const map = await readFile(path.join(TREE, 'images/bay-map.png'));
    const stories = await mkdtemp(path.join(os.tmpdir(), 'ficbind-pictures-'));
    const zipped = await zipEpubTree(path.join(FIXTURES, 'the-cartographers-daughter.epub'), (entries) => {
      entries.set('OEBPS/images/bay-map.png', new Uint8Array(map.subarray(0, Math.floor(map.length / 2))));
      entries.set('OEBPS/images/compass rose.jpg', animation);
    });
    await writeFile(path.join(stories, 'the-cartographers-daughter.epub'), zipped);
    library = await buildInto(stories, { cover: false });
    assert.equal(library.result.failed, false, JSON.stringify(library.result.diagnostics, null, 1));
    epub = await openEpub(library.book("The Cartographer's Daughter"));
  });

  it('leaves a damaged picture out, reported with its file, line and alt text; the text around it stays', async () => {
    const said = library.result.diagnostics.filter((d) => d.rule === 'epub/image-unreadable');
    assert.deepEqual(
      said.map((d) => [d.severity, d.file, d.line]),
      [['warning', CHAPTER_ONE, await lineOf('chapter-1.xhtml', 'bay-map.png')]],
    );
    assert.match(said[0]!.message, /bay-map\.png.*A hand-drawn map of Sorrel Bay/);
    const [one] = await chapterPaths(epub);
    const shown = await shownImages(epub, one!);
    assert.ok(!shown.some((s) => /map/.test(s.entry)), JSON.stringify(shown));
    assert.ok(!epub.entries.some((e) => /bay-map/.test(e)), epub.entries.join(', '));
    const body = textOf(all(await epub.xml(one!), 'body')[0]!);
    assert.match(body, /stood back from it as if it might bite\./);
    assert.match(body, /Wenna looked at it for a long time\./);
  });

  it('leaves an animated GIF as it is, however large, in its own format', async () => {
    const [one] = await chapterPaths(epub);
    const gif = (await shownImages(epub, one!)).find((s) => /compass/.test(s.entry))!;
    assert.match(gif.entry, /\.gif$/);
    assert.deepEqual(await entryBytes(epub, gif.entry), animation);
    assert.equal((await manifest(epub)).get(gif.entry), 'image/gif');
    assert.equal((await sharp(await entryBytes(epub, gif.entry), { animated: true }).metadata()).pages, 2);
  });
});

describe('EPUBs as input: a page holding only a picture', () => {
  it('keeps a plate between chapters at its place, at the end of the chapter before it; a picture page before the story stays its cover', async () => {
    const plate = (src: string, alt: string) =>
      new TextEncoder().encode(
        `<?xml version="1.0" encoding="UTF-8"?>\n<html xmlns="http://www.w3.org/1999/xhtml"><head><title>Plate</title></head>\n<body>\n<div class="plate"><img src="${src}" alt="${alt}"/></div>\n</body></html>\n`,
      );
    const stories = await mkdtemp(path.join(os.tmpdir(), 'ficbind-plates-'));
    const zipped = await zipEpubTree(path.join(FIXTURES, 'the-cartographers-daughter.epub'), (entries) => {
      editEntry(entries, 'OEBPS/content.opf', (opf) =>
        opf
          .replace(
            '</manifest>',
            '<item id="front" href="text/frontispiece.xhtml" media-type="application/xhtml+xml"/><item id="plate" href="text/plate.xhtml" media-type="application/xhtml+xml"/></manifest>',
          )
          .replace('<itemref idref="c1"/>', '<itemref idref="front"/><itemref idref="c1"/><itemref idref="plate"/>'),
      );
      // Listed in the contents as its own entry, as illustrated EPUBs often do.
      editEntry(entries, 'OEBPS/nav.xhtml', (nav) =>
        nav.replace('</a></li>', '</a></li>\n    <li><a href="text/plate.xhtml">Plate: the wrong map</a></li>'),
      );
      entries.set('OEBPS/text/frontispiece.xhtml', plate('../images/panorama.png', 'The bay from the sea'));
      entries.set('OEBPS/text/plate.xhtml', plate('../images/bay-map.png', 'The wrong map, pinned to the wall'));
    });
    await writeFile(path.join(stories, 'the-cartographers-daughter.epub'), zipped);
    const library = await buildInto(stories, { cover: false });
    assert.equal(library.result.failed, false, JSON.stringify(library.result.diagnostics, null, 1));
    const epub = await openEpub(library.book("The Cartographer's Daughter"));
    const chapters = await chapterPaths(epub);
    assert.equal(chapters.length, 2, 'the plate is no chapter of its own');
    // Last in chapter 1, after its last words: where it stood in the reading order.
    const one = await epub.xml(chapters[0]!);
    const last = all(one, 'img').at(-1)!;
    assert.equal(last.getAttribute('alt'), 'The wrong map, pinned to the wall');
    const section = all(one, 'section')[0]!;
    const lastElement = [...(section.childNodes as unknown as Iterable<Node>)].filter((n) => n.nodeType === 1).at(-1);
    assert.equal(lastElement, last.parentNode, 'the plate is the last thing of chapter 1');
    const bytes = await entryBytes(
      epub,
      path.posix.normalize(path.posix.join(path.posix.dirname(chapters[0]!), last.getAttribute('src')!)),
    );
    assert.deepEqual(bytes, new Uint8Array(await readFile(path.join(TREE, 'images/bay-map.png'))));
    // The picture page before the first chapter is taken for the book's cover page, and said so.
    const front = library.result.diagnostics.find((d) => d.file.endsWith('text/frontispiece.xhtml'));
    assert.equal(front?.rule, 'epub/front-matter');
    assert.ok(
      !library.result.diagnostics.some((d) => d.file.endsWith('text/plate.xhtml') && d.rule === 'epub/front-matter'),
    );
  });
});

describe('EPUBs as input: --max-book-size with pictures', () => {
  it('counts the pictures when it cuts a book into volumes: each volume within the size', async () => {
    // Noise does not compress: each picture is ~750 KB in the book as in the EPUB.
    const noise = async (seed: number): Promise<Uint8Array> =>
      new Uint8Array(
        await sharp({
          create: {
            width: 500,
            height: 500,
            channels: 3,
            background: '#000',
            noise: { type: 'gaussian', mean: 128 + seed, sigma: 60 },
          },
        })
          .png()
          .toBuffer(),
      );
    const [map, panorama] = [await noise(0), await noise(1)];
    const stories = await mkdtemp(path.join(os.tmpdir(), 'ficbind-heavy-'));
    const zipped = await zipEpubTree(path.join(FIXTURES, 'the-cartographers-daughter.epub'), (entries) => {
      entries.set('OEBPS/images/bay-map.png', map);
      entries.set('OEBPS/images/panorama.png', panorama);
    });
    await writeFile(path.join(stories, 'the-cartographers-daughter.epub'), zipped);
    const limit = 1; // MB
    const library = await buildInto(stories, { cover: false, maxBookSize: limit });
    assert.equal(library.result.failed, false, JSON.stringify(library.result.diagnostics, null, 1));
    assert.equal(library.result.books.length, 2, library.result.books.map((b) => b.title).join(', '));
    for (const book of library.result.books) {
      const size = (await readFile(book.path)).length;
      assert.ok(size <= limit * 1_000_000, `${book.title}: ${size} bytes`);
    }
    assert.ok(!library.result.diagnostics.some((d) => d.rule === 'output/over-size'));
  });
});

describe('EPUBs as input: a picture without a text alternative', () => {
  it('is kept with alt="" and said, with its file and line', async () => {
    const stories = await mkdtemp(path.join(os.tmpdir(), 'ficbind-no-alt-'));
    const zipped = await zipEpubTree(path.join(FIXTURES, 'the-cartographers-daughter.epub'), (entries) => {
      editEntry(entries, 'OEBPS/text/chapter-1.xhtml', (page) =>
        page.replace(/(<img src="\.\.\/images\/bay-map\.png") alt="[^"]*"/, '$1'),
      );
    });
    await writeFile(path.join(stories, 'the-cartographers-daughter.epub'), zipped);
    const library = await buildInto(stories, { cover: false });
    const said = library.result.diagnostics.filter((d) => d.rule === 'epub/image-no-alt');
    assert.deepEqual(
      said.map((d) => [d.file, d.line]),
      [[CHAPTER_ONE, await lineOf('chapter-1.xhtml', 'bay-map.png')]],
    );
    const epub = await openEpub(library.book("The Cartographer's Daughter"));
    const [one] = await chapterPaths(epub);
    const map = (await shownImages(epub, one!)).find((s) => /bay-map/.test(s.entry));
    assert.equal(map?.alt, '', 'kept, marked as passing by');
  });
});
