import assert from 'node:assert/strict';
import { mkdir, mkdtemp, readdir, symlink, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { describe, it } from 'node:test';
import { buildInto } from '../helpers/build.js';
import { all, firstChapter, openEpub, textOf } from '../helpers/epub.js';
import { awkwardTextStories, story, writeStories } from '../helpers/library.js';
import { assertBookStructure, assertNoActiveContent } from '../helpers/structure.js';
import type { Diagnostic } from '../../src/index.js';

const PNG = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0x49, 0x48, 0x44, 0x52]);

function find(diagnostics: Diagnostic[], rule: string, file: string): Diagnostic {
  const found = diagnostics.find((d) => d.rule === rule && d.file === file);
  assert.ok(found, `expected ${rule} for ${file}; got ${JSON.stringify(diagnostics.map((d) => [d.rule, d.file]))}`);
  return found;
}

/** Builds the files next to one good story: the good one must always come out. */
async function buildWithNeighbour(files: Record<string, string | Uint8Array>) {
  const library = await buildInto(await writeStories({ 'good.txt': story('Good Neighbour'), ...files }));
  assert.ok(
    library.result.books.some((b) => b.title === 'Good Neighbour'),
    'the other story is still built',
  );
  assert.ok(!library.result.diagnostics.some((d) => /\n\s+at /.test(d.message)), 'no stack trace in a message');
  return library;
}

/** Every file in out/ but the record of the books written (its own tests: test/incremental/living-library.test.ts). */
async function bookFiles(out: string): Promise<string[]> {
  return (await readdir(out)).filter((name) => name !== '.ficbind-books.json').sort();
}

describe('bad input: each file fails alone, with a message naming it, and no partial book', () => {
  it('an empty file', async () => {
    const { result, out } = await buildWithNeighbour({ 'empty.txt': '' });
    assert.equal(find(result.diagnostics, 'story/empty', 'empty.txt').severity, 'error');
    assert.equal(result.failed, true);
    assert.deepEqual(await bookFiles(out), ['Good Neighbour.epub']);
  });

  it('a header and no story', async () => {
    const { result, out } = await buildWithNeighbour({
      'header-only.txt': 'Title: Nothing Here\nAuthor: Someone\nSummary: A story that was never saved.\n',
    });
    assert.equal(find(result.diagnostics, 'story/empty', 'header-only.txt').severity, 'error');
    assert.deepEqual(await bookFiles(out), ['Good Neighbour.epub']);
  });

  it('a PNG renamed .txt', async () => {
    const { result, out } = await buildWithNeighbour({ 'picture.txt': PNG });
    const d = find(result.diagnostics, 'input/binary', 'picture.txt');
    assert.equal(d.severity, 'error');
    assert.match(d.message, /binary file/);
    assert.deepEqual(await bookFiles(out), ['Good Neighbour.epub']);
  });

  it('a file that links to nothing (unreadable)', async () => {
    const input = await writeStories({ 'good.txt': story('Good Neighbour') });
    await symlink(path.join(input, 'gone.txt'), path.join(input, 'dangling.txt'));
    const { result } = await buildInto(input);
    assert.equal(find(result.diagnostics, 'input/unreadable', 'dangling.txt').severity, 'error');
    assert.deepEqual(
      result.books.map((b) => b.title),
      ['Good Neighbour'],
    );
  });

  it('a symlink loop in the input folder', async () => {
    const input = await writeStories({ 'good.txt': story('Good Neighbour') });
    await symlink('.', path.join(input, 'loop'));
    await symlink('..', path.join(input, 'up'));
    const { result } = await buildInto(input);
    find(result.diagnostics, 'input/link-loop', 'loop');
    find(result.diagnostics, 'input/link-loop', 'up');
    assert.deepEqual(
      result.books.map((b) => b.title),
      ['Good Neighbour'],
      'the story is not read twice',
    );
  });

  it('a folder without chapter files, a folder inside a chapter folder, and a socket', async () => {
    const input = await writeStories({
      'good.txt': story('Good Neighbour'),
      'notes/todo.odt': 'not a story file',
      'garden/ch1.txt': story('The Paper Garden'),
      'garden/drafts/ch0.txt': story('Draft'),
    });
    // A socket is neither a file nor a folder: a real one, listening while the build runs.
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(path.join(input, 'ficbind.sock'), resolve));
    try {
      const { result } = await buildInto(input);
      assert.equal(find(result.diagnostics, 'input/empty-folder', 'notes').severity, 'warning');
      assert.equal(find(result.diagnostics, 'input/nested-folder', 'garden/drafts').severity, 'info');
      assert.equal(find(result.diagnostics, 'input/skipped', 'ficbind.sock').severity, 'info');
      assert.deepEqual(result.books.map((b) => b.title).sort(), ['Good Neighbour', 'The Paper Garden']);
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });

  it('an input folder with no stories warns, and writes nothing', async () => {
    const input = await writeStories({ 'readme.odt': 'not a story file' });
    const { result, out } = await buildInto(input);
    assert.equal(find(result.diagnostics, 'input/no-stories', input).severity, 'warning');
    assert.equal(result.failed, false);
    assert.deepEqual(await bookFiles(out), []);
  });

  it('an output folder that is a file: each book reported, nothing thrown', async () => {
    const input = await writeStories({ 'good.txt': story('Good Neighbour'), 'other.txt': story('Other Shore') });
    const out = path.join(await mkdtemp(path.join(os.tmpdir(), 'ficbind-out-')), 'books');
    await writeFile(out, 'a file where the output folder should be');
    const { result } = await buildInto(input, { out });
    assert.deepEqual(result.books, []);
    assert.equal(result.failed, true);
    for (const name of ['Good Neighbour.epub', 'Other Shore.epub'])
      assert.equal(find(result.diagnostics, 'output/write-failed', path.join(out, name)).severity, 'error');
  });

  it('a cache that cannot be saved: a warning, and the books written all the same', async () => {
    const input = await writeStories({ 'good.txt': story('Good Neighbour') });
    const cache = await mkdtemp(path.join(os.tmpdir(), 'ficbind-cache-'));
    // A folder (not empty) where the cache's manifest file goes: the rename onto it fails.
    await mkdir(path.join(cache, 'manifest.json', 'in-the-way'), { recursive: true });
    const { result, out } = await buildInto(input, { cache });
    assert.equal(find(result.diagnostics, 'cache/write-failed', cache).severity, 'warning');
    assert.equal(result.failed, false);
    assert.deepEqual(await bookFiles(out), ['Good Neighbour.epub']);
  });

  it('a cover that cannot be read is left out with a warning, and one drawn instead', async () => {
    const input = await writeStories({ 'good.txt': story('Good Neighbour') });
    const covers = path.join(path.dirname(input), 'covers');
    // A folder named like the book's cover: listed as a cover, but it cannot be read as one.
    await mkdir(path.join(covers, 'good-neighbour.png'), { recursive: true });
    const { result } = await buildInto(input, { covers });
    const warning = find(result.diagnostics, 'cover/unreadable', path.join(covers, 'good-neighbour.png'));
    assert.equal(warning.severity, 'warning');
    const epub = await openEpub(result.books[0]!.path);
    assert.ok(epub.zip.file('EPUB/images/cover.png'), 'a generated cover stands in');
  });

  it('XHTML declaring entities is read without expanding them; HTML nested 10 000 deep is read', async () => {
    const laughs = `<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;"><!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]><html><head><title>Laughs</title></head><body><p>&lol3;</p></body></html>`;
    const deep = `<title>Deep</title>${'<div>'.repeat(10_000)}<p>deep</p>${'</div>'.repeat(10_000)}`;
    const { result } = await buildWithNeighbour({ 'laughs.xhtml': laughs, 'deep.html': deep });
    const laughsBook = await openEpub(result.books.find((b) => b.title === 'Laughs')!.path);
    const chapter = textOf(await laughsBook.xml(await firstChapter(laughsBook)));
    assert.ok(!chapter.includes('lollol'), `no entity expanded: ${chapter.slice(0, 80)}`);
    const deepBook = await openEpub(result.books.find((b) => b.title === 'Deep')!.path);
    assert.deepEqual(all(await deepBook.xml(await firstChapter(deepBook)), 'p').map(textOf), ['deep']);
  });

  it('two stories with the same title become two distinct books', async () => {
    const { result, out } = await buildWithNeighbour({
      'a.txt': 'Title: Twins\nAuthor: First Writer\n\nOne story.\n',
      'b.txt': 'Title: Twins\nAuthor: Second Writer\n\nAnother story.\n',
    });
    assert.deepEqual(await bookFiles(out), ['Good Neighbour.epub', 'Twins (Second Writer).epub', 'Twins.epub']);
    assert.equal(new Set(result.books.map((b) => b.path)).size, 3);
  });

  it('titles that try to leave out/ or break a file system', async () => {
    const titles = ['../../escape', 'a/b\\c', 'Time: 10:30?', 'CON', 'nul.txt', '...', '<>|*"'];
    const files = Object.fromEntries(titles.map((t, i) => [`t${i}.txt`, `Title: ${t}\nAuthor: A\n\nText ${i}.\n`]));
    const { result, out } = await buildWithNeighbour(files);
    const written = await bookFiles(out);
    assert.equal(written.length, titles.length + 1);
    for (const name of written) {
      assert.doesNotMatch(name, /[/\\:*?"<>|]/, name);
      assert.doesNotMatch(name.split('.')[0] ?? '', /^(con|prn|aux|nul|com\d|lpt\d)$/i, name);
      assert.ok(!name.startsWith('.'), name);
    }
    for (const book of result.books) assert.equal(path.dirname(book.path), out, `${book.path} stays in out/`);
  });

  it('a cover larger than any reader wants is left out with a warning, and a small one drawn', async () => {
    const input = await writeStories({ 'good.txt': story('Good Neighbour') });
    const covers = path.join(path.dirname(input), 'covers');
    const big = new Uint8Array(50 * 1024 * 1024);
    big.set(PNG);
    await mkdir(covers);
    await writeFile(path.join(covers, 'good-neighbour.png'), big);
    const { result } = await buildInto(input, { covers });
    assert.match(
      find(result.diagnostics, 'cover/too-large', path.join(covers, 'good-neighbour.png')).message,
      /50\.0 MB/,
    );
    const epub = await openEpub(result.books[0]!.path);
    const cover = epub.zip.file('EPUB/images/cover.png');
    assert.ok(cover, 'a generated cover stands in');
    assert.ok((await cover.async('uint8array')).length < 1024 * 1024, 'not the 50 MB file');
  });
});

describe('awkward text still makes valid books', () => {
  it('odd encodings, forbidden characters, markup-like text, right-to-left and emoji', async () => {
    const library = await buildInto(await writeStories(awkwardTextStories()));
    const { result } = library;
    assert.equal(result.failed, false, JSON.stringify(result.diagnostics));
    find(result.diagnostics, 'encoding/fallback', 'cp1252.txt');
    assert.equal(find(result.diagnostics, 'encoding/replacement-character', 'damaged.txt').line, 6);
    assert.equal(find(result.diagnostics, 'encoding/replacement-character', 'lonely.txt').line, 4);
    const controls = find(result.diagnostics, 'encoding/illegal-character', 'controls.txt');
    assert.equal(controls.line, 4);
    assert.match(controls.message, /U\+0000, U\+0007/);

    const text = async (title: string) => {
      const epub = await openEpub(library.book(title));
      const chapter = await firstChapter(epub);
      const doc = await epub.xml(chapter);
      return { epub, body: all(doc, 'p').map(textOf).join(' '), raw: await epub.text(chapter) };
    };
    assert.match((await text('Smart Quotes')).body, /“Hello,” – she said\./);
    assert.match((await text('Damaged')).body, /Café “one”\. Broken \uFFFD\( byte\./);
    const markup = await text('Markup');
    assert.ok(markup.body.includes('<script>alert(1)</script>'), 'markup in a text file is text');
    const markupDoc = await markup.epub.xml(await firstChapter(markup.epub));
    assert.deepEqual([...new Set(all(markupDoc, '*').map((e) => e.localName))].sort(), [
      'body',
      'h2',
      'head',
      'html',
      'link',
      'meta',
      'p',
      'section',
      'title',
    ]);
    assertNoActiveContent(markupDoc, 'markup chapter');
    const rtl = await text('قصة قصيرة 📚');
    assert.ok(rtl.body.includes('كان يا ما كان، في قديم الزمان 🌙✨.'));
    assert.match(rtl.raw, /xml:lang="ar"/);

    for (const book of result.books) {
      const epub = await openEpub(book.path);
      await assertBookStructure(epub);
    }
  });

  it('a 10 MB single line and 100 000 one-word paragraphs', async () => {
    const line = Array.from(
      { length: 1_700_000 },
      (_, i) => ['lantern', 'tide', '*storm*', 'keeper', '“rope”'][i % 5],
    ).join(' ');
    const paragraphs = Array.from({ length: 100_000 }, (_, i) => `word${i}`).join('\n\n');
    const library = await buildInto(
      await writeStories({ 'line.txt': story('One Line', line), 'many.txt': story('Many Paragraphs', paragraphs) }),
    );
    assert.equal(library.result.failed, false);
    const one = await openEpub(library.book('One Line'));
    const doc = await one.xml(await firstChapter(one));
    assert.equal(all(doc, 'p').length, 1);
    assert.equal(all(doc, 'em').length, 340_000);
    const many = await openEpub(library.book('Many Paragraphs'));
    const ps = all(await many.xml(await firstChapter(many)), 'p');
    assert.equal(ps.length, 100_000);
    assert.equal(textOf(ps[99_999]!), 'word99999');
  });
});
