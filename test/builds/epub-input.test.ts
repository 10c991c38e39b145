import type { Element } from '@xmldom/xmldom';
import assert from 'node:assert/strict';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { before, describe, it } from 'node:test';
import { REPO_ROOT, buildInto, type BuiltLibrary } from '../helpers/build.js';
import { runCli } from '../helpers/cli.js';
import { all, chapterPaths, openEpub, packageDocument, spinePaths, textOf, type OpenedEpub } from '../helpers/epub.js';
import { editEntry, epubLibrary, zipEpubTree } from '../helpers/epub-fixtures.js';
import { writeStories } from '../helpers/library.js';
import { bookWords, words } from '../helpers/words.js';

const SERIES = path.join(REPO_ROOT, 'test/fixtures/epub/series');
const PART_ONE = path.join(SERIES, 'm-salt-in-the-ink.epub');
const PART_TWO = path.join(SERIES, 'a-the-lamplighters-reply.epub');
const PART_THREE = path.join(SERIES, 'z-harbour-winter.epub');
const CALIBRE_SPLIT = path.join(REPO_ROOT, 'test/fixtures/epub/calibre-split');

/** The story pages of each fixture, in reading order: what must all reach the book. */
const STORY_PAGES = [
  path.join(PART_ONE, 'OEBPS/file0001.xhtml'),
  path.join(PART_ONE, 'OEBPS/file0002.xhtml'),
  path.join(PART_TWO, 'EPUB/text/chapter-1.xhtml'),
  path.join(PART_TWO, 'EPUB/text/chapter-2.xhtml'),
  path.join(PART_THREE, 'Harbour_Winter_split_001.xhtml'),
  path.join(PART_THREE, 'Harbour_Winter_split_002.xhtml'),
  path.join(PART_THREE, 'Harbour_Winter_split_003.xhtml'),
];

/**
 * The words of a page's story text, read with regular expressions of this test's own, not
 * ficbind's reader: the body, or on AO3's pages its innermost `.userstuff` blocks (the rest of an
 * AO3 page is the site's: labels such as "End Notes", headings the contents repeat).
 */
async function pageWords(file: string): Promise<string[]> {
  const html = await readFile(file, 'utf8');
  const body = /<body[^>]*>([\s\S]*)<\/body>/.exec(html)?.[1] ?? '';
  const userstuff = [
    ...body.matchAll(/<(div|blockquote) class="userstuff">((?:(?!class="userstuff")[\s\S])*?)<\/\1>/g),
  ];
  const text = userstuff.length > 0 ? userstuff.map((m) => m[2]).join(' ') : body;
  return words(text.replace(/<[^>]+>/g, ' ').replace(/&[a-z]+;/g, ' '));
}

/** How many times `run` appears whole and unbroken in `book`. */
function countRuns(book: readonly string[], run: readonly string[]): number {
  let count = 0;
  for (let at = book.indexOf(run[0]!); at >= 0; at = book.indexOf(run[0]!, at + 1))
    if (run.every((word, offset) => book[at + offset] === word)) count++;
  return count;
}

const bodyText = async (epub: OpenedEpub, name: string): Promise<string> =>
  textOf(all(await epub.xml(name), 'body')[0]!).replace(/\s+/g, ' ');

describe('EPUBs as input: three EPUBs of one series become one series book', () => {
  let library: BuiltLibrary;
  let epub: OpenedEpub;

  before(async () => {
    library = await buildInto(await epubLibrary(SERIES), { cover: false });
    assert.equal(library.result.failed, false, JSON.stringify(library.result.diagnostics, null, 1));
    epub = await openEpub(library.book('The Tidewater Letters'));
  });

  it('makes one book with a nested table of contents, parts in series order whatever the file names', async () => {
    assert.equal(library.result.books.length, 1);
    const nav = await epub.xml('EPUB/nav.xhtml');
    const toc = all(nav, 'nav').find((n) => n.getAttribute('epub:type') === 'toc')!;
    const top = all(toc, 'ol')[0]!;
    const stories = all(top, 'li').filter((li) => li.parentNode === top);
    const label = (li: (typeof stories)[number]) => textOf(all(li, 'a')[0]!).trim();
    assert.deepEqual(
      stories.map(label).filter((l) => l !== 'Cover'),
      ['Salt in the Ink', "The Lamplighter's Reply", 'Harbour Winter'],
    );
    const chapters = stories.map((li) => all(li, 'li').map(label)).filter((c) => c.length > 0);
    assert.deepEqual(chapters, [
      ['Summary', '1. The Bottle', '2. Low Water'],
      ['Summary', 'The Fishing Boat', 'What the Letter Said'],
      ['Summary', '1. The Frozen Quay', '2. Skerrow Light'],
    ]);
  });

  it("closes AO3's last chapter with its afterword's end notes, as an author's note, not a chapter of their own", async () => {
    // The work says "Chapters: 2/2"; its EPUB has a third page, the afterword.
    const chapters = (await spinePaths(epub)).filter((p) => /-c\d+\.xhtml$/.test(p));
    const last = await epub.xml(chapters[chapters.length - 1]!);
    assert.match(textOf(all(last, 'h2')[0]!), /Skerrow Light/);
    const notes = all(last, 'div').filter((d) => d.getAttribute('role') === 'note');
    assert.equal(notes.length, 1, 'one note: the end notes');
    assert.match(textOf(notes[0]!), /End Notes.*The lighthouse at Skerrow is invented/s);
  });

  it('gives each story its own title page from its EPUB metadata, the info block read and not printed twice', async () => {
    const spine = await spinePaths(epub);
    const titlePages = spine.filter((p) => p.endsWith('-title.xhtml'));
    assert.equal(titlePages.length, 3);
    const [one, two, three] = await Promise.all(titlePages.map((p) => bodyText(epub, p)));
    assert.match(one!, /Salt in the Ink.*by Maren Holt.*Part 1 in The Tidewater Letters/);
    assert.match(one!, /example\.org\/s\/4021/);
    // FanFicFare's info block, as the facts of the story:
    for (const fact of ['Status', 'Completed', 'Updated', '2019-06-11', 'Words', '412', 'K+'])
      assert.ok(one!.includes(fact), `${fact} not on the title page: ${one}`);
    assert.match(two!, /The Lamplighter's Reply.*by Maren Holt & Tobiah Wren.*Part 2 in The Tidewater Letters/);
    assert.match(three!, /Harbour Winter.*by Maren Holt.*Part 3 in The Tidewater Letters/);
    assert.match(three!, /archiveofourown\.org\/works\/90000001/);
    // AO3's preface: its facts and notes, not its page.
    // The work's second series, which the package does not name, is a fact of the story too.
    for (const fact of [
      'General Audiences',
      'No Archive Warnings Apply',
      'Written for a winter exchange',
      'Winter Exchange Gifts',
    ])
      assert.ok(three!.includes(fact), `${fact} not on the title page: ${three}`);
    // The summary is on its summary page only, once, though both the package and the info block say it.
    const all3 = await bookWords(epub);
    const summary = words("A lighthouse keeper's daughter answers a letter");
    const hits = all3.filter((_, i) => summary.every((w, k) => all3[i + k] === w)).length;
    assert.equal(hits, 1, 'the summary is printed once');
    assert.equal(spine.filter((p) => /-c\d+\.xhtml$/.test(p)).length, 6, 'no chapter is made of a front-matter page');
  });

  it("reads AO3's preface page as its HTML download's preface: the stats one by one", async () => {
    const spine = await spinePaths(epub);
    const three = spine.filter((p) => p.endsWith('-title.xhtml'))[2]!;
    const rows = all(await epub.xml(three), 'dt').map((dt) => `${textOf(dt)} ${textOf(dt.nextSibling as Element)}`);
    for (const row of ['Words 310', 'Chapters 2/2']) assert.ok(rows.includes(row), `"${row}" in ${rows.join(' | ')}`);
    assert.ok(!rows.some((row) => row.startsWith('Stats')), rows.join(' | '));
  });

  it('shows each tag once when the package and the AO3 preface both list it, and writes it as one dc:subject', async () => {
    const spine = await spinePaths(epub);
    const three = spine.filter((p) => p.endsWith('-title.xhtml'))[2]!;
    const rows = all(await epub.xml(three), 'dt').map((dt) => [textOf(dt), textOf(dt.nextSibling as Element)] as const);
    const tags = rows
      .filter(([label]) => ['Rating', 'Warnings', 'Fandom', 'Tags'].includes(label))
      .flatMap(([, value]) => value.split(', '));
    assert.deepEqual(
      [...tags].sort(),
      ['General Audiences', 'Letters', 'No Archive Warnings Apply', 'Original Work', 'Winter'],
      rows.join(' | '),
    );
    assert.deepEqual(
      rows.filter(([label]) => label === 'Tags'),
      [['Tags', 'Winter, Letters']],
    );
    const { doc } = await packageDocument(epub);
    const subjects = all(doc, 'dc:subject').map((el) => textOf(el).trim().toLowerCase());
    assert.deepEqual(subjects, [...new Set(subjects)]);
    for (const tag of ['winter', 'letters', 'original work']) assert.ok(subjects.includes(tag), tag);
  });

  it('puts the metadata in the package document', async () => {
    const { doc } = await packageDocument(epub);
    const values = (tag: string) => all(doc, tag).map((el) => textOf(el).trim());
    assert.deepEqual(values('dc:source'), [
      'https://www.example.org/s/4021/1/Salt-in-the-Ink',
      'https://www.example.org/s/4388/1/The-Lamplighters-Reply',
      'https://archiveofourown.org/works/90000001',
    ]);
    assert.deepEqual(values('dc:creator'), ['Maren Holt', 'Maren Holt & Tobiah Wren']);
    for (const subject of ['Epistolary', 'Slow Burn', 'Found Family', 'Winter'])
      assert.ok(values('dc:subject').includes(subject), subject);
    const collection = all(doc, 'meta').find((m) => m.getAttribute('property') === 'belongs-to-collection');
    assert.equal(collection && textOf(collection), 'The Tidewater Letters');
    assert.deepEqual(values('dc:language'), ['en']);
  });

  it("loses no word of any story page, nor doubles one: each page's words are in the book once, in order", async () => {
    const book = await bookWords(epub);
    for (const page of STORY_PAGES) {
      const run = await pageWords(page);
      assert.ok(run.length > 5, page);
      assert.equal(
        countRuns(book, run),
        1,
        `${path.relative(SERIES, page)}: its words are not in the book once, as one run`,
      );
    }
    assert.equal((await chapterPaths(epub)).length, 6);
  });

  it('reports what it leaves out with the file and line: the image, and the pages that are not chapters', () => {
    const said = library.result.diagnostics;
    const image = said.find((d) => d.rule === 'html/image-left-out');
    assert.equal(image?.file, 'm-salt-in-the-ink.epub/OEBPS/file0002.xhtml');
    assert.equal(image?.line, 17);
    assert.match(image!.message, /a gull on a post/);
    const pages = said.filter((d) => d.rule === 'epub/front-matter').map((d) => d.file);
    assert.deepEqual(pages, [
      'm-salt-in-the-ink.epub/OEBPS/cover.xhtml',
      'm-salt-in-the-ink.epub/OEBPS/title_page.xhtml',
      'm-salt-in-the-ink.epub/OEBPS/toc_page.xhtml',
      'z-harbour-winter.epub/Harbour_Winter_split_000.xhtml',
    ]);
  });

  it('shows the metadata in ficbind list --json', async () => {
    const run = await runCli(['list', await epubLibrary(SERIES), '--json']);
    assert.equal(run.code, 0, run.stderr);
    const stories = JSON.parse(run.stdout).books[0].stories;
    assert.deepEqual(
      stories.map((s: { title: string; series: { part: number } }) => [s.title, s.series.part]),
      [
        ['Salt in the Ink', 1],
        ["The Lamplighter's Reply", 2],
        ['Harbour Winter', 3],
      ],
    );
    assert.equal(stories[0].url, 'https://www.example.org/s/4021/1/Salt-in-the-Ink');
    assert.deepEqual(stories[1].tags, ['Epistolary', 'Found Family']);
    assert.match(stories[2].summary, /Ice closes the harbour/);
    assert.equal(stories[0].files[0].format, 'epub');
  });
});

describe('EPUBs as input: covers, the output folder, and broken books', () => {
  it("uses an EPUB's own cover when covers/ has none", async () => {
    const library = await buildInto(await epubLibrary(SERIES));
    const epub = await openEpub(library.book('The Tidewater Letters'));
    const { doc, dir } = await packageDocument(epub);
    const item = all(doc, 'item').find((i) => i.getAttribute('properties') === 'cover-image')!;
    const inBook = await epub.zip.file(`${dir}${item.getAttribute('href')}`)!.async('uint8array');
    assert.deepEqual(inBook, new Uint8Array(await readFile(path.join(PART_ONE, 'OEBPS/images/cover.png'))));
  });

  it('never reads its own books back as stories when the output folder is inside the input folder', async () => {
    const input = await epubLibrary(SERIES);
    const out = path.join(input, 'out');
    for (let run = 0; run < 2; run++) {
      const result = await buildInto(input, { out, cover: false, cache: false });
      assert.equal(result.result.books.length, 1);
      assert.equal(result.result.books[0]!.stories.length, 3);
    }
    // Nor a folder of books another build wrote (it holds .ficbind-books.json).
    await mkdir(path.join(input, 'old-books'));
    await writeFile(path.join(input, 'old-books/.ficbind-books.json'), '{}');
    await writeFile(path.join(input, 'old-books/x.epub'), await zipEpubTree(PART_TWO));
    const again = await buildInto(input, { out, cover: false, cache: false });
    assert.equal(again.result.books[0]!.stories.length, 3);
  });

  it('reports a bad EPUB with its file and makes no book of it, without stopping the others', async () => {
    const input = await writeStories({
      'not-a-zip.epub': 'just some text with an .epub name',
      'no-container.epub': await zipEpubTree(PART_TWO, (e) => e.delete('META-INF/container.xml')),
      'drm.epub': await zipEpubTree(PART_TWO, (e) =>
        e.set(
          'META-INF/encryption.xml',
          new TextEncoder().encode(
            '<encryption xmlns="urn:oasis:names:tc:opendocument:xmlns:container" xmlns:enc="http://www.w3.org/2001/04/xmlenc#"><enc:EncryptedData><enc:EncryptionMethod Algorithm="http://www.w3.org/2001/04/xmlenc#aes128-cbc"/><enc:CipherData><enc:CipherReference URI="EPUB/text/chapter-1.xhtml"/></enc:CipherData></enc:EncryptedData></encryption>',
          ),
        ),
      ),
      'missing-page.epub': await zipEpubTree(PART_THREE, (e) => e.delete('Harbour_Winter_split_002.xhtml')),
      'plain.txt': 'Title: Plain\nAuthor: Someone\n\nThe lamp was lit at dusk.',
    });
    const library = await buildInto(input, { cover: false, book: 'story' });
    const rules = new Map(library.result.diagnostics.map((d) => [d.file, d.rule]));
    assert.equal(rules.get('not-a-zip.epub'), 'epub/not-a-zip');
    assert.equal(rules.get('no-container.epub'), 'epub/no-package');
    assert.equal(rules.get('drm.epub'), 'epub/encrypted');
    assert.equal(rules.get('missing-page.epub/Harbour_Winter_split_002.xhtml'), 'epub/missing-document');
    assert.deepEqual(library.result.books.map((b) => b.title).sort(), ['Harbour Winter', 'Plain']);
    const damaged = await openEpub(library.book('Harbour Winter'));
    // Chapter 1 is there (the afterword's end notes close it); chapter 2's page is not.
    assert.equal((await chapterPaths(damaged)).length, 1, 'the pages that are there are kept');
    assert.match(await bodyText(damaged, (await chapterPaths(damaged))[0]!), /Frozen Quay.*Skerrow is invented/s);
  });

  it("takes a page's own heading for its chapter's title, shown once, though it reads as no chapter heading", async () => {
    const input = await writeStories({
      'headed.epub': await zipEpubTree(PART_TWO, (e) => {
        editEntry(e, 'EPUB/text/chapter-1.xhtml', (page) =>
          page.replace('<section epub:type="chapter" id="start">', '$&\n<h2>A Boat Comes In</h2>'),
        );
      }),
    });
    const library = await buildInto(input, { cover: false });
    const book = await openEpub(library.book("The Lamplighter's Reply"));
    const [one] = await chapterPaths(book);
    const doc = await book.xml(one!);
    assert.equal(textOf(all(doc, 'h2')[0]!), 'A Boat Comes In', 'its heading, not the contents entry');
    const body = textOf(all(doc, 'body')[0]!);
    assert.equal(body.split('A Boat Comes In').length - 1, 1, `shown once: ${body.slice(0, 120)}`);
  });

  it('leaves out a page of the reading order that is not XHTML, and says so', async () => {
    const input = await writeStories({
      'plate.epub': await zipEpubTree(PART_TWO, (e) => {
        editEntry(e, 'EPUB/package.opf', (opf) =>
          opf
            .replace('</manifest>', '<item id="map" href="map.svg" media-type="image/svg+xml"/></manifest>')
            .replace('<itemref idref="c2"/>', '<itemref idref="map"/><itemref idref="c2"/>'),
        );
        e.set('EPUB/map.svg', new TextEncoder().encode('<svg xmlns="http://www.w3.org/2000/svg"/>'));
      }),
    });
    const library = await buildInto(input, { cover: false });
    const said = library.result.diagnostics.find((d) => d.rule === 'epub/not-text');
    assert.equal(said?.file, 'plate.epub/EPUB/map.svg');
    assert.equal(library.result.books.length, 1);
  });

  it('keeps the first spelling of a tag the package and the AO3 preface spell differently', async () => {
    const input = await writeStories({
      'harbour.epub': await zipEpubTree(PART_THREE, (e) => {
        editEntry(e, 'content.opf', (opf) => opf.replace('<dc:subject>Winter<', '<dc:subject>winter<'));
      }),
    });
    const library = await buildInto(input, { cover: false });
    const book = await openEpub(library.book('Harbour Winter'));
    const page = (await spinePaths(book)).find((p) => p.endsWith('-title.xhtml'))!;
    const rows = all(await book.xml(page), 'dt').map((dt) => [textOf(dt), textOf(dt.nextSibling as Element)]);
    assert.deepEqual(
      rows.filter(([label]) => label === 'Tags'),
      [['Tags', 'winter, Letters']],
    );
    const { doc } = await packageDocument(book);
    const subjects = all(doc, 'dc:subject').map((el) => textOf(el).trim());
    assert.ok(subjects.includes('winter') && !subjects.includes('Winter'), subjects.join(', '));
  });

  it('keeps a chapter that calibre split over two files as one chapter, under its contents title', async () => {
    const library = await buildInto(await epubLibrary(CALIBRE_SPLIT), { cover: false });
    const book = await openEpub(library.book('The Glass Orchard'));
    const chapters = await chapterPaths(book);
    const headings = await Promise.all(chapters.map(async (p) => textOf(all(await book.xml(p), 'h2')[0]!)));
    assert.deepEqual(headings, ['One: Polish', 'Two: Frost']);
    // Both halves of the first chapter, in order, in the first chapter's page.
    const tree = path.join(CALIBRE_SPLIT, 'the-glass-orchard.epub/text');
    const halves = [
      ...(await pageWords(path.join(tree, 'part0000.html'))),
      ...(await pageWords(path.join(tree, 'part0000_split_001.html'))),
    ];
    const first = words(
      all(await book.xml(chapters[0]!), 'p')
        .map(textOf)
        .join(' '),
    );
    assert.equal(countRuns(first, halves), 1, 'the split chapter is whole in its page');
  });
});
