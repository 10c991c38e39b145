import assert from 'node:assert/strict';
import { appendFile, mkdir, mkdtemp, readFile, readdir, rename, rm, utimes, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, it } from 'node:test';
import { build, type BuildOptions, type BuildResult, type WrittenBook } from '../../src/index.js';
import { FIXED_EPOCH } from '../helpers/build.js';
import { runCli } from '../helpers/cli.js';
import { all, openEpub, packageDocument, parseXml, textOf } from '../helpers/epub.js';
import { writeStories } from '../helpers/library.js';

// Invented stories: a series of three parts (part 2 arrives later), told in numbered chapters.
const AUTHOR = 'Odile Ferrant';
const SERIES = 'The Glasswright Papers';

/** A chapter of invented text: its heading and paragraphs that say which chapter it is. */
function chapter(number: number, words = 'the kiln cooled slowly'): string {
  return `Chapter ${number}\n\nIn chapter ${number}, ${words} while the glassmakers waited.\n\nNobody spoke of the cracked pane, not yet.\n`;
}

function part(title: string, number: number, chapters: number[]): string {
  const header = `Title: ${title}\nAuthor: ${AUTHOR}\nSeries: ${SERIES}, Part ${number}\nSummary: Part ${number} of the papers.\n\n`;
  return header + chapters.map((n) => chapter(n)).join('\n');
}

/** Every entry of a book, by name, and its identifier as its package document gives it. */
interface BookSnapshot {
  identifier: string;
  modified: string;
  entries: Map<string, Buffer>;
  raw: Buffer;
}

async function snapshot(file: string): Promise<BookSnapshot> {
  const epub = await openEpub(file);
  const entries = new Map<string, Buffer>();
  for (const name of epub.entries) {
    const entry = epub.zip.file(name);
    if (entry) entries.set(name, Buffer.from(await entry.async('uint8array')));
  }
  const { doc } = await packageDocument(epub);
  const modified = all(doc, 'meta').find((m) => m.getAttribute('property') === 'dcterms:modified');
  return {
    identifier: textOf(all(doc, 'dc:identifier')[0]!),
    modified: textOf(modified!),
    entries,
    raw: Buffer.from(epub.raw),
  };
}

const chapterDocuments = (book: BookSnapshot): string[] =>
  [...book.entries.keys()].filter((name) => /-c\d{3,}\.xhtml$/.test(name)).sort();

function bookTitled(result: BuildResult, title: string): WrittenBook {
  const found = result.books.find((b) => b.title === title);
  assert.ok(found, `no book "${title}" in ${result.books.map((b) => b.title).join(', ')}`);
  return found;
}

/** The changes a build reports for a book, with the empty lists left out, for exact comparison. */
function reported(book: WrittenBook): Record<string, unknown> {
  assert.ok(book.changes, `${book.title}: no change report`);
  return Object.fromEntries(
    Object.entries(book.changes).filter(
      ([key, value]) => !(Array.isArray(value) && value.length === 0) && !(key === 'isNew' && value === false),
    ),
  );
}

/** Every document a snapshot shares with another, and must hold the same bytes in. */
function assertKept(before: BookSnapshot, after: BookSnapshot, except: readonly string[] = []): void {
  for (const name of chapterDocuments(before)) {
    if (except.includes(name)) continue;
    assert.ok(after.entries.has(name), `${name} is still in the book`);
    assert.ok(after.entries.get(name)!.equals(before.entries.get(name)!), `${name} is byte-identical`);
  }
}

async function library(files: Record<string, string>): Promise<{ input: string; options: Partial<BuildOptions> }> {
  const input = await writeStories(files);
  const out = await mkdtemp(path.join(os.tmpdir(), 'ficbind-living-'));
  return {
    input,
    options: { input, out, cover: false, covers: path.join(input, 'no-covers'), sourceDateEpoch: FIXED_EPOCH },
  };
}

describe('a living library: books keep their identity as stories grow, and say what changed', () => {
  it('keeps the identifier, names and bytes of unchanged chapters as chapters and stories are added or edited', async () => {
    const { input, options } = await library({
      'kiln-light.txt': part('Kiln Light', 1, [1, 2]),
      'ash-harbour.txt': part('Ash Harbour', 3, [1, 2]),
      'lone.txt': `Title: A Lone Pane\nAuthor: ${AUTHOR}\n\n${chapter(1)}`,
    });
    const first = await build(options);
    assert.equal(first.failed, false);
    assert.equal(bookTitled(first, SERIES).changes, undefined, 'a first build into a folder has nothing to compare');
    const one = await snapshot(bookTitled(first, SERIES).path);
    const lone = await snapshot(bookTitled(first, 'A Lone Pane').path);
    assert.notEqual(one.identifier, lone.identifier);

    // A chapter appended to part 1.
    await appendFile(path.join(input, 'kiln-light.txt'), `\n${chapter(3)}`);
    const second = await build(options);
    const two = await snapshot(bookTitled(second, SERIES).path);
    assert.equal(two.identifier, one.identifier, 'appending a chapter keeps the identifier');
    assertKept(one, two);
    assert.deepEqual(chapterDocuments(two), [...chapterDocuments(one), 'EPUB/text/kiln-light-c003.xhtml'].sort());
    assert.deepEqual(reported(bookTitled(second, SERIES)), {
      chaptersAdded: [{ story: 'Kiln Light', chapter: 'Chapter 3', document: 'kiln-light-c003' }],
    });
    assert.deepEqual(reported(bookTitled(second, 'A Lone Pane')), {}, 'an untouched book reports no change');
    assert.ok((await snapshot(bookTitled(second, 'A Lone Pane').path)).raw.equals(lone.raw));

    // Part 2 arrives, between the two parts there already.
    await writeFile(path.join(input, 'cooling-shed.txt'), part('The Cooling Shed', 2, [1]));
    const third = await build(options);
    const three = await snapshot(bookTitled(third, SERIES).path);
    assert.equal(three.identifier, one.identifier, 'a story inserted in the middle keeps the identifier');
    assertKept(two, three);
    assert.deepEqual(reported(bookTitled(third, SERIES)), { storiesAdded: ['The Cooling Shed'] });

    // One chapter of part 3 revised.
    const harbour = path.join(input, 'ash-harbour.txt');
    await writeFile(
      harbour,
      (await readFile(harbour, 'utf8')).replace('In chapter 2, the kiln', 'In chapter 2, at last the kiln'),
    );
    const fourth = await build(options);
    const four = await snapshot(bookTitled(fourth, SERIES).path);
    assert.equal(four.identifier, one.identifier);
    assertKept(three, four, ['EPUB/text/ash-harbour-c002.xhtml']);
    assert.ok(
      !four.entries
        .get('EPUB/text/ash-harbour-c002.xhtml')!
        .equals(three.entries.get('EPUB/text/ash-harbour-c002.xhtml')!),
    );
    assert.deepEqual(reported(bookTitled(fourth, SERIES)), {
      chaptersChanged: [{ story: 'Ash Harbour', chapter: 'Chapter 2', document: 'ash-harbour-c002' }],
    });

    // Nothing changed, another clock: not one byte moves, dcterms:modified included.
    const fifth = await build({ ...options, sourceDateEpoch: FIXED_EPOCH + 86_400 });
    for (const book of fifth.books) {
      assert.deepEqual(reported(book), {}, book.title);
      const again = await snapshot(book.path);
      const before = await snapshot(bookTitled(fourth, book.title).path);
      assert.equal(again.modified, before.modified, `${book.title}: dcterms:modified moves only with the content`);
    }
    assert.ok(
      (await snapshot(bookTitled(fifth, SERIES).path)).raw.equals(four.raw),
      'the series book is byte-identical',
    );
  });

  it('keeps identifiers and chapter bytes in a renamed output folder, under another clock, time zone and file times', async () => {
    const { input } = await library({
      'kiln-light.txt': part('Kiln Light', 1, [1, 2]),
      'ash-harbour.txt': part('Ash Harbour', 3, [1]),
    });
    const work = await mkdtemp(path.join(os.tmpdir(), 'ficbind-moved-'));
    const run = async (out: string, env: NodeJS.ProcessEnv) => {
      const result = await runCli(['build', input, '-o', out, '--no-cover', '--no-cache', '--json'], { env });
      assert.equal(result.code, 0, result.stderr);
      return JSON.parse(result.stdout) as BuildResult;
    };
    const first = await run(path.join(work, 'books'), { TZ: 'UTC', SOURCE_DATE_EPOCH: '' });
    const before = await snapshot(bookTitled(first, SERIES).path);

    // A fresh folder under another clock and time zone, no record to go by: the identity alone.
    const elsewhere = await run(path.join(work, 'elsewhere'), {
      TZ: 'Pacific/Kiritimati',
      SOURCE_DATE_EPOCH: '1800000000',
    });
    const fresh = await snapshot(bookTitled(elsewhere, SERIES).path);
    assert.equal(fresh.identifier, before.identifier);
    assert.notEqual(fresh.modified, before.modified);
    assertKept(before, fresh);

    // The folder renamed, the story files touched, another time zone: the same books, byte for byte.
    await rename(path.join(work, 'books'), path.join(work, 'renamed'));
    for (const name of await readdir(input)) await utimes(path.join(input, name), 1_900_000_000, 1_900_000_000);
    const moved = await run(path.join(work, 'renamed'), { TZ: 'America/St_Johns', SOURCE_DATE_EPOCH: '' });
    const after = await snapshot(bookTitled(moved, SERIES).path);
    assert.equal(after.identifier, before.identifier);
    assert.ok(after.raw.equals(before.raw), 'byte-identical after the move');
    assert.deepEqual(reported(bookTitled(moved, SERIES)), {});
  });

  it('gives same-titled stories by different authors different identifiers, and tells a story saved twice apart', async () => {
    const tale = (author: string, text: string) => `Title: Harbour Songs\nAuthor: ${author}\n\n${text}\n`;
    const { options } = await library({
      'odile.txt': tale('Odile Ferrant', 'The gulls sang first.'),
      'bram.txt': tale('Bram Tullis', 'The bells rang first.'),
      'copy/odile.txt': tale('Odile Ferrant', 'The gulls sang first, again.'),
    });
    const result = await build({ ...options, book: 'story' });
    const identifiers = await Promise.all(result.books.map(async (b) => (await snapshot(b.path)).identifier));
    assert.equal(result.books.length, 3);
    assert.equal(new Set(identifiers).size, 3, identifiers.join(' '));
    assert.deepEqual(
      result.diagnostics.filter((d) => d.rule === 'book/same-identity').map((d) => d.file),
      ['odile.txt'],
      'only the story saved twice is told apart (the later in path order), and reported',
    );
  });

  it('removes the books it no longer makes, only files it wrote, and says where their stories went', async () => {
    const { input, options } = await library({
      'kiln-light.txt': part('Kiln Light', 1, [1]),
      'lone.txt': `Title: A Lone Pane\nAuthor: ${AUTHOR}\n\n${chapter(1)}`,
      'soon-gone.txt': `Title: Soon Gone\nAuthor: ${AUTHOR}\n\n${chapter(1)}`,
      'old-tale.txt': `Title: An Old Tale\nAuthor: ${AUTHOR}\n\n${chapter(1)}`,
    });
    const out = options.out as string;
    await writeFile(path.join(out, 'mine.epub'), 'a book of my own, not written by ficbind');
    const first = await build(options);
    assert.deepEqual(first.stale, []);
    // The reader edits one book in place (calibre's editor, say): it is theirs now.
    await appendFile(path.join(out, 'An Old Tale.epub'), 'edited');
    // Part 1 gains its series; two stories leave the library.
    await writeFile(path.join(input, 'cooling-shed.txt'), part('The Cooling Shed', 2, [1]));
    await rm(path.join(input, 'soon-gone.txt'));
    await rm(path.join(input, 'old-tale.txt'));
    const run = await runCli(['build', input, '-o', out, '--no-cover', '--no-cache']);
    assert.equal(run.code, 0, run.stdout + run.stderr);
    assert.deepEqual((await readdir(out)).sort(), [
      '.ficbind-books.json',
      'A Lone Pane.epub',
      'An Old Tale.epub',
      `${SERIES}.epub`,
      'mine.epub',
    ]);
    assert.ok(
      run.stdout.includes(`removed ${path.join(out, 'Kiln Light.epub')}: its story is now in "${SERIES}"`),
      run.stdout,
    );
    assert.ok(
      run.stdout.includes(
        `removed ${path.join(out, 'Soon Gone.epub')}: none of its stories is in the library any more`,
      ),
      run.stdout,
    );
    assert.ok(
      run.stdout.includes(`left ${path.join(out, 'An Old Tale.epub')}, changed since ficbind wrote it`),
      run.stdout,
    );
    assert.equal(await readFile(path.join(out, 'mine.epub'), 'utf8'), 'a book of my own, not written by ficbind');

    // A build with errors removes nothing: a story that failed to parse has not left the library.
    await rm(path.join(input, 'lone.txt'));
    await writeFile(path.join(input, 'broken.txt'), '');
    const failed = await build(options);
    assert.equal(failed.failed, true);
    assert.deepEqual(
      failed.stale.map((s) => [path.basename(s.path), s.outcome]),
      [['A Lone Pane.epub', 'kept']],
    );
    assert.ok((await readdir(out)).includes('A Lone Pane.epub'));
    await rm(path.join(input, 'broken.txt'));
    const fixed = await build(options);
    assert.deepEqual(
      fixed.stale.map((s) => [path.basename(s.path), s.outcome]),
      [['A Lone Pane.epub', 'removed']],
    );
    assert.ok(!(await readdir(out)).includes('A Lone Pane.epub'));
  });

  it('says nothing was left behind when a book whose identity changed is written under its old name', async () => {
    const { input, options } = await library({ 'lone.txt': `Title: A Lone Pane\nAuthor: ${AUTHOR}\n\n${chapter(1)}` });
    const first = await build(options);
    // Another author: another book for the reader (a new identifier), written as "A Lone Pane.epub" again.
    await writeFile(path.join(input, 'lone.txt'), `Title: A Lone Pane\nAuthor: Mirelle Ash\n\n${chapter(1)}`);
    const second = await build(options);
    assert.notEqual(second.books[0]!.identifier, first.books[0]!.identifier);
    assert.equal(second.books[0]!.path, first.books[0]!.path);
    assert.deepEqual(second.stale, [], 'the file is the new book, not one left behind');
    assert.equal(second.books[0]!.changes?.isNew, true);
    assert.deepEqual(await readdir(options.out as string), ['.ficbind-books.json', 'A Lone Pane.epub']);
  });

  it('keeps the Kobo span ids of unchanged chapters when a chapter is appended', async () => {
    const { input, options } = await library({
      'kiln-light.txt': part('Kiln Light', 1, [1, 2]),
      'ash-harbour.txt': part('Ash Harbour', 3, [1]),
    });
    const spans = async (book: BookSnapshot, name: string): Promise<string[]> => {
      const doc = parseXml(book.entries.get(name)!.toString('utf8'), name);
      return all(doc, 'span')
        .filter((span) => span.getAttribute('class') === 'koboSpan')
        .map((span) => span.getAttribute('id')!);
    };
    const kepub = (result: BuildResult) => bookTitled(result, SERIES).path.replace(/\.epub$/, '.kepub.epub');
    const before = await snapshot(kepub(await build({ ...options, kobo: true })));
    await appendFile(path.join(input, 'kiln-light.txt'), `\n${chapter(3)}`);
    const after = await snapshot(kepub(await build({ ...options, kobo: true })));
    assert.equal(after.identifier, before.identifier);
    assertKept(before, after);
    for (const name of chapterDocuments(before)) {
      const ids = await spans(before, name);
      assert.ok(ids.length >= 3, `${name} has sentence spans`);
      assert.deepEqual(await spans(after, name), ids, `${name} keeps its span ids`);
    }
    assert.deepEqual((await spans(after, 'EPUB/text/kiln-light-c003.xhtml')).slice(0, 2), ['kobo.1.1', 'kobo.2.1']);
    // Built without --kobo, the Kobo copy is no longer made, and goes.
    const plain = await build(options);
    assert.deepEqual(
      plain.stale.map((s) => [path.basename(s.path), s.outcome, s.reason]),
      [[`${SERIES}.kepub.epub`, 'removed', 'no Kobo copy was asked for (--kobo) this time']],
    );
  });

  it('records where a story was saved from, and a story with an address keeps its identity when retitled', async () => {
    const page = (title: string) =>
      `<html><head><title>${title} - Tamsin Orr - Original Work [Archive of Our Own]</title>` +
      '<link rel="canonical" href="https://archiveofourown.org/works/4242/chapters/99"></head><body>' +
      `<div class="preface group"><h2 class="title heading">${title}</h2><h3 class="byline heading"><a rel="author" href="/users/orr">Tamsin Orr</a></h3></div>` +
      '<div id="chapters"><div class="userstuff"><p>The ferry left at six, and nobody waved.</p><p>By seven the fog had the whole bay.</p></div></div></body></html>';
    const { input, options } = await library({
      'ferry.html': page('The Six O’Clock Ferry'),
      'tidewater.txt': `Title: Tidewater\nAuthor: Tamsin Orr\nSeries: Shore Tales, Part 1\nSource: https://example.org/stories/tidewater/\n\n${chapter(1)}`,
      'marginalia.md': `---\ntitle: Marginalia\nauthor: Tamsin Orr\nseries: Shore Tales, Part 2\nsource: https://www.fanfiction.net/s/777/3/Marginalia\n---\n\nThe notes in the margin were not hers.\n`,
    });
    const sources = async (file: string): Promise<string[]> =>
      all((await packageDocument(await openEpub(file))).doc, 'dc:source').map(textOf);
    const first = await build(options);
    const ferry = bookTitled(first, 'The Six O’Clock Ferry');
    assert.deepEqual(await sources(ferry.path), ['https://archiveofourown.org/works/4242']);
    const ferryBook = await snapshot(ferry.path);
    assert.ok(ferryBook.entries.has('EPUB/text/ao3-4242-c001.xhtml'), [...ferryBook.entries.keys()].join(' '));
    const titlePage = textOf(parseXml(ferryBook.entries.get('EPUB/text/ao3-4242-title.xhtml')!.toString('utf8')));
    assert.ok(titlePage.includes('Source: https://archiveofourown.org/works/4242'), titlePage);
    assert.deepEqual(await sources(bookTitled(first, 'Shore Tales').path), [
      'https://example.org/stories/tidewater/',
      'https://www.fanfiction.net/s/777',
    ]);

    // The author retitles both: the books are still the same books.
    await writeFile(path.join(input, 'ferry.html'), page('The Last Ferry'));
    const tidewater = path.join(input, 'tidewater.txt');
    await writeFile(
      tidewater,
      (await readFile(tidewater, 'utf8')).replace('Title: Tidewater', 'Title: Tidewater Blues'),
    );
    const second = await build(options);
    const retitled = bookTitled(second, 'The Last Ferry');
    assert.equal((await snapshot(retitled.path)).identifier, ferryBook.identifier);
    assert.deepEqual(reported(retitled), { metadata: ['title'], renamedFrom: 'The Six O’Clock Ferry.epub' });
    assert.equal(
      (await snapshot(bookTitled(second, 'Shore Tales').path)).identifier,
      (await snapshot(bookTitled(first, 'Shore Tales').path)).identifier,
    );
    assert.deepEqual(reported(bookTitled(second, 'Shore Tales')), { metadata: ['title of "Tidewater Blues"'] });
  });

  it('marks what is new under --mark-new, in the contents and on the heading, until a build without it', async () => {
    const { input, options } = await library({
      'kiln-light.txt': part('Kiln Light', 1, [1, 2]),
      'ash-harbour.txt': part('Ash Harbour', 3, [1]),
    });
    const navLabels = async (book: BookSnapshot): Promise<string[]> =>
      all(parseXml(book.entries.get('EPUB/nav.xhtml')!.toString('utf8')), 'a').map(textOf);
    const heading = (book: BookSnapshot, name: string): string =>
      textOf(all(parseXml(book.entries.get(name)!.toString('utf8')), 'h2')[0]!);
    const first = await snapshot(bookTitled(await build(options), SERIES).path);
    await appendFile(path.join(input, 'kiln-light.txt'), `\n${chapter(3)}`);
    await writeFile(path.join(input, 'cooling-shed.txt'), part('The Cooling Shed', 2, [1]));
    const harbour = path.join(input, 'ash-harbour.txt');
    await writeFile(harbour, (await readFile(harbour, 'utf8')).replace('In chapter 1,', 'In chapter 1, at dawn,'));

    const marked = await snapshot(bookTitled(await build({ ...options, markNew: true }), SERIES).path);
    assert.equal(marked.identifier, first.identifier, 'the marks never change the identifier');
    const labels = await navLabels(marked);
    for (const label of ['(New) Chapter 3', '(New) The Cooling Shed', '(Updated) Chapter 1'])
      assert.ok(labels.includes(label), `${label} in ${labels.join(' | ')}`);
    assert.equal(labels.filter((l) => l.startsWith('(')).length, 3, labels.join(' | '));
    assert.equal(heading(marked, 'EPUB/text/kiln-light-c003.xhtml'), '(New) Chapter 3');
    assert.equal(heading(marked, 'EPUB/text/ash-harbour-c001.xhtml'), '(Updated) Chapter 1');
    assertKept(first, marked, ['EPUB/text/ash-harbour-c001.xhtml']);

    const again = await snapshot(bookTitled(await build({ ...options, markNew: true }), SERIES).path);
    assert.deepEqual(await navLabels(again), labels, 'the marks stay while the flag is given');

    const plain = await snapshot(bookTitled(await build(options), SERIES).path);
    assert.equal(plain.identifier, first.identifier);
    assert.ok(!(await navLabels(plain)).some((l) => l.startsWith('(')), 'a build without the flag drops the marks');
    assert.equal(heading(plain, 'EPUB/text/kiln-light-c003.xhtml'), 'Chapter 3');
    assert.ok(
      plain.entries
        .get('EPUB/text/kiln-light-c001.xhtml')!
        .equals(first.entries.get('EPUB/text/kiln-light-c001.xhtml')!),
    );
  });

  it('splits a book over --max-book-size into volumes that keep their identity as the series grows', async () => {
    // Chapters of ~30 KB of invented prose: words drawn from a small list by a fixed sequence.
    const words = ['lamp', 'glass', 'harbour', 'the', 'kiln', 'and', 'slowly', 'ash', 'cold', 'waited', 'bright'];
    let seed = 7;
    const prose = (paragraphs: number): string =>
      Array.from({ length: paragraphs }, () =>
        Array.from({ length: 60 }, () => words[(seed = (seed * 48271) % 2147483647) % words.length]).join(' '),
      ).join('.\n\n');
    const long = (title: string, number: number, chapters: number): string =>
      `Title: ${title}\nAuthor: ${AUTHOR}\nSeries: ${SERIES}, Part ${number}\n\n` +
      Array.from({ length: chapters }, (_, i) => `Chapter ${i + 1}\n\n${prose(80)}.\n`).join('\n');
    const { input, options } = await library({
      'kiln-light.txt': long('Kiln Light', 1, 5),
      'ash-harbour.txt': long('Ash Harbour', 2, 3),
    });
    const whole = await build({ ...options, out: await mkdtemp(path.join(os.tmpdir(), 'ficbind-whole-')) });
    const wholeBook = await snapshot(bookTitled(whole, SERIES).path);
    const limit = 0.17;

    const split = await build({ ...options, maxBookSize: limit });
    assert.equal(split.failed, false);
    const titles = split.books.map((b) => b.title);
    assert.ok(titles.length >= 3, titles.join(', '));
    assert.deepEqual(
      titles,
      titles.map((_, i) => `${SERIES}, Vol. ${i + 1}`),
    );
    const volumes = await Promise.all(split.books.map((b) => snapshot(b.path)));
    assert.equal(volumes[0]!.identifier, wholeBook.identifier, 'volume 1 is the book the reader had');
    assert.equal(new Set(volumes.map((v) => v.identifier)).size, volumes.length);
    for (const [index, volume] of volumes.entries()) {
      assert.ok(volume.raw.length <= limit * 1_000_000, `volume ${index + 1} is ${volume.raw.length} bytes`);
      const { doc } = await packageDocument(await openEpub(split.books[index]!.path));
      const metas = all(doc, 'meta');
      assert.equal(metas.find((m) => m.getAttribute('property') === 'belongs-to-collection')?.textContent, SERIES);
      assert.equal(metas.find((m) => m.getAttribute('property') === 'group-position')?.textContent, String(index + 1));
    }
    // Every chapter once, in order, under the name and with the bytes it has in the whole book.
    assert.deepEqual(volumes.flatMap(chapterDocuments).sort(), chapterDocuments(wholeBook));
    for (const volume of volumes)
      for (const name of chapterDocuments(volume))
        assert.ok(volume.entries.get(name)!.equals(wholeBook.entries.get(name)!), name);
    assert.ok(!(await readdir(options.out as string)).includes(`${SERIES}.epub`));

    // Part 2 grows: the volumes before the last stay as they were, byte for byte.
    await appendFile(path.join(input, 'ash-harbour.txt'), `\nChapter 4\n\n${prose(80)}.\n`);
    const grown = await build({ ...options, maxBookSize: limit });
    const after = await Promise.all(grown.books.map((b) => snapshot(b.path)));
    assert.ok(after.length >= volumes.length);
    for (const [index, volume] of volumes.slice(0, -1).entries()) {
      assert.equal(after[index]!.identifier, volume.identifier);
      assert.ok(after[index]!.raw.equals(volume.raw), `volume ${index + 1} is byte-identical`);
    }
  });

  it('takes pinned identifiers and maxBookSize from the config file, and --mark-new and --max-book-size from the command line', async () => {
    const PINNED_STORY = 'urn:uuid:11111111-2222-8333-8444-555555555555';
    const PINNED_SERIES = 'urn:isbn:9780000000002';
    const { input } = await library({
      'kiln-light.txt': part('Kiln Light', 1, [1, 2]),
      'ash-harbour.txt': part('Ash Harbour', 2, [1]),
      'lone.txt': `Title: A Lone Pane\nAuthor: ${AUTHOR}\n\n${chapter(1)}`,
      'ficbind.config.yaml': [
        'maxBookSize: 0.001',
        'series:',
        `  - title: ${SERIES}`,
        `    match: ${SERIES}`,
        `    identifier: ${PINNED_SERIES}`,
        'stories:',
        `  lone.txt: { identifier: "${PINNED_STORY}" }`,
      ].join('\n'),
    });
    const out = await mkdtemp(path.join(os.tmpdir(), 'ficbind-pinned-'));
    const cli = async (...args: string[]): Promise<BuildResult> => {
      const run = await runCli(['build', input, '-o', out, '--no-cover', '--no-cache', '--json', ...args]);
      assert.equal(run.code, 0, run.stdout + run.stderr);
      return JSON.parse(run.stdout) as BuildResult;
    };
    // The config's 1 KB makes a volume of each chapter; the command line's 100 MB wins over it.
    const whole = await cli('--max-book-size', '100');
    assert.deepEqual(whole.books.map((b) => [b.title, b.identifier]).sort(), [
      ['A Lone Pane', PINNED_STORY],
      [SERIES, PINNED_SERIES],
    ]);
    await writeFile(path.join(input, 'lone.txt'), `Title: The Lone Pane\nAuthor: ${AUTHOR}\n\n${chapter(1)}`);
    await appendFile(path.join(input, 'kiln-light.txt'), `\n${chapter(3)}`);
    const marked = await cli('--max-book-size', '100', '--mark-new');
    assert.equal(bookTitled(marked, 'The Lone Pane').identifier, PINNED_STORY, 'the pin holds through a retitle');
    const nav = parseXml(await (await openEpub(bookTitled(marked, SERIES).path)).text('EPUB/nav.xhtml'));
    assert.ok(all(nav, 'a').map(textOf).includes('(New) Chapter 3'));
    const volumes = await cli();
    assert.deepEqual(
      volumes.books.filter((b) => b.title.startsWith(SERIES)).map((b) => b.title),
      [1, 2, 3, 4].map((n) => `${SERIES}, Vol. ${n}`),
    );
    assert.ok(volumes.diagnostics.some((d) => d.rule === 'output/over-size'));
    assert.equal(bookTitled(volumes, `${SERIES}, Vol. 1`).identifier, PINNED_SERIES);

    // Two books pinned to one identifier: reported, and the second gets one of its own.
    await writeFile(
      path.join(input, 'ficbind.config.yaml'),
      `stories:\n  lone.txt: { identifier: "${PINNED_STORY}" }\n  ash-harbour.txt: { identifier: "${PINNED_STORY}" }\nbook: story\n`,
    );
    const run = await runCli(['build', input, '-o', out, '--no-cover', '--no-cache', '--json']);
    assert.equal(run.code, 1, run.stdout);
    const shared = JSON.parse(run.stdout) as BuildResult;
    assert.equal(new Set(shared.books.map((b) => b.identifier)).size, shared.books.length);
    assert.deepEqual(
      shared.diagnostics.filter((d) => d.rule === 'config/identifier-shared').map((d) => d.file),
      ['lone.txt'],
    );
  });

  it('writes the books when their record cannot be saved, and says the next build cannot compare', async () => {
    const { options } = await library({ 'lone.txt': `Title: A Lone Pane\nAuthor: ${AUTHOR}\n\n${chapter(1)}` });
    // A folder where the record would go: it cannot be written, the book still is.
    await mkdir(path.join(options.out as string, '.ficbind-books.json'));
    const result = await build(options);
    assert.equal(result.books.length, 1);
    assert.ok((await readdir(options.out as string)).includes('A Lone Pane.epub'));
    assert.deepEqual(
      result.diagnostics.filter((d) => d.rule === 'output/record-failed').map((d) => [d.severity, d.file]),
      [['warning', options.out]],
    );
  });

  it('leaves the books another input folder built into the same output folder', async () => {
    const { options } = await library({ 'lone.txt': `Title: A Lone Pane\nAuthor: ${AUTHOR}\n\n${chapter(1)}` });
    const other = await writeStories({ 'tide.txt': `Title: Tide Tables\nAuthor: ${AUTHOR}\n\n${chapter(1)}` });
    await build(options);
    const second = await build({ ...options, input: other });
    assert.deepEqual(second.stale, [], 'the first library is not a library whose stories left');
    assert.deepEqual((await readdir(options.out as string)).sort(), [
      '.ficbind-books.json',
      'A Lone Pane.epub',
      'Tide Tables.epub',
    ]);
    // Each library's build still finds its own books on record.
    const again = await build(options);
    assert.deepEqual(reported(bookTitled(again, 'A Lone Pane')), {});
    assert.deepEqual(again.stale, []);
  });
});
