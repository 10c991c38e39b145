import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { build } from '../../src/index.js';
import { openEpub } from '../helpers/epub.js';
import { FIXED_EPOCH } from '../helpers/build.js';
import { story, writeStories } from '../helpers/library.js';

/** The generated cover image inside a written book. */
async function coverOf(book: string): Promise<Buffer> {
  const entry = (await openEpub(book)).zip.file('EPUB/images/cover.png');
  assert.ok(entry, `${book} has a generated cover`);
  return entry.async('nodebuffer');
}

/** Every cover file the cache holds, by path. */
async function cachedCovers(cache: string): Promise<string[]> {
  const files = await readdir(path.join(cache, 'covers'), { recursive: true }).catch(() => []);
  return files
    .map(String)
    .filter((f) => f.endsWith('.png'))
    .map((f) => path.join(cache, 'covers', f))
    .sort();
}

describe('generated covers in the build cache', () => {
  it('a second build into another folder draws no cover: it takes them from the cache', async () => {
    const input = await writeStories({ 'harbour.txt': story('Harbour Lights'), 'orchard.txt': story('The Orchard') });
    const cache = await mkdtemp(path.join(os.tmpdir(), 'ficbind-cache-'));
    const options = { input, cache, covers: path.join(input, 'none'), sourceDateEpoch: FIXED_EPOCH };

    const first = await build({ ...options, out: await mkdtemp(path.join(os.tmpdir(), 'ficbind-out-')) });
    const drawn = await Promise.all(first.books.map((b) => coverOf(b.path)));
    const files = await cachedCovers(cache);
    assert.equal(files.length, 2, 'one cached cover per book');
    const cached = await Promise.all(files.map((f) => readFile(f)));
    assert.deepEqual(
      cached.map((c) => c.toString('base64')).sort(),
      drawn.map((c) => c.toString('base64')).sort(),
      'the cache holds the covers the books carry',
    );

    // Swap the two cached covers: a book that takes its cover from the cache now shows the other
    // book's, and one that drew its cover again would show its own.
    await writeFile(files[0]!, cached[1]!);
    await writeFile(files[1]!, cached[0]!);
    const second = await build({ ...options, out: await mkdtemp(path.join(os.tmpdir(), 'ficbind-out-')) });
    assert.ok(second.books.every((b) => !b.upToDate));
    const reused = await Promise.all(second.books.map((b) => coverOf(b.path)));
    assert.ok(reused[0]!.equals(drawn[1]!) && reused[1]!.equals(drawn[0]!), 'each book took the cached cover');
    assert.deepEqual(await cachedCovers(cache), files, 'nothing new was drawn into the cache');
  });

  it('a cover taken from the cache is described by its words, as a drawn one is', async () => {
    const input = await writeStories({ 'lantern.txt': story('The Lantern Keeper') });
    const cache = await mkdtemp(path.join(os.tmpdir(), 'ficbind-cache-'));
    const options = { input, cache, covers: path.join(input, 'none'), sourceDateEpoch: FIXED_EPOCH };
    const alt = async (book: string): Promise<string | null> =>
      (await (await openEpub(book)).xml('EPUB/text/cover.xhtml')).getElementsByTagName('img')[0]!.getAttribute('alt');
    const first = await build({ ...options, out: await mkdtemp(path.join(os.tmpdir(), 'ficbind-out-')) });
    const second = await build({ ...options, out: await mkdtemp(path.join(os.tmpdir(), 'ficbind-out-')) });
    assert.equal(await alt(first.books[0]!.path), 'Cover: The Lantern Keeper by Test Writer');
    assert.equal(await alt(second.books[0]!.path), 'Cover: The Lantern Keeper by Test Writer');
    assert.ok((await readFile(first.books[0]!.path)).equals(await readFile(second.books[0]!.path)), 'the same bytes');
  });

  it('ignores a damaged cached cover and draws it again', async () => {
    const input = await writeStories({ 'tower.txt': story('The Tower') });
    const cache = await mkdtemp(path.join(os.tmpdir(), 'ficbind-cache-'));
    const options = { input, cache, covers: path.join(input, 'none'), sourceDateEpoch: FIXED_EPOCH };
    const first = await build({ ...options, out: await mkdtemp(path.join(os.tmpdir(), 'ficbind-out-')) });
    const drawn = await coverOf(first.books[0]!.path);
    const [file] = await cachedCovers(cache);
    await writeFile(file!, drawn.subarray(0, drawn.length / 2));
    const second = await build({ ...options, out: await mkdtemp(path.join(os.tmpdir(), 'ficbind-out-')) });
    assert.ok((await coverOf(second.books[0]!.path)).equals(drawn), 'drawn again, the same bytes');
    assert.ok((await readFile(file!)).equals(drawn), 'and the cache mended');
  });
});
