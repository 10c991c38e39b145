import type { Element } from '@xmldom/xmldom';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { before, describe, it } from 'node:test';
import { encodedFixtures, fixtureTexts } from '../fixtures/old-texts/make.js';
import { REPO_ROOT, buildInto, type BuiltLibrary } from '../helpers/build.js';
import { runCli } from '../helpers/cli.js';
import { all, openEpub, packageDocument, spinePaths, textOf, type OpenedEpub } from '../helpers/epub.js';
import { assertBookStructure } from '../helpers/structure.js';
import { assertNothingLost, bookWords, words } from '../helpers/words.js';

const FOLDER = path.join(REPO_ROOT, 'test/fixtures/old-texts');

/** What each book must be, read from the fixtures by eye. */
const BOOKS: Record<
  string,
  { files: string[]; author: string; language: string; date?: string; chapters: string[]; opening?: string[] }
> = {
  'The Tidewater Almanac': {
    files: ['pg-new-tidewater-almanac.txt'],
    author: 'Cordelia Vanstone',
    language: 'en',
    date: '2021-03-14',
    chapters: [
      'The Tidewater Almanac',
      'CHAPTER I. THE HIGH WATER MARK.',
      'CHAPTER II. THE ALMANAC.',
      'CHAPTER III. THE TWENTIETH.',
    ],
  },
  'The Lantern Keepers': {
    files: ['pg-old-lantern-keepers.txt'],
    author: 'Hollis Ambery',
    language: 'en',
    date: '2004-03',
    chapters: ['The Lantern Keepers', 'CHAPTER I', 'CHAPTER II', 'CHAPTER III'],
  },
  "The Bellringer's Year": {
    files: ['pg-smallprint-bellringer.txt'],
    author: 'Osric Pellow',
    language: 'en',
    date: '1995-05',
    chapters: ["The Bellringer's Year"],
  },
  'The Tin Lantern': {
    // A 1990s etext: no Title: or Author: line, only its first line says them.
    files: ['pg-etext-tin-lantern.txt'],
    author: 'Ada Marlowe',
    language: 'en',
    date: '1996-08',
    chapters: ['The Tin Lantern', 'I', 'II'],
  },
  'The Salt Road and Other Sketches of the Western Shore': {
    // Its start line runs on over two lines; `Produced by:` follows it.
    files: ['pg-wrapped-start-salt-road.txt'],
    author: 'Jory Penrose',
    language: 'en',
    date: '2006-04-09',
    chapters: ['The Salt Road and Other Sketches of the Western Shore', 'CHAPTER I', 'CHAPTER II'],
  },
  'The Ferry at Polwenna': {
    files: ['pg-html-ferry-at-polwenna.html'],
    author: 'Lowenna Trebilcock',
    language: 'fr',
    date: '2022-10-05',
    chapters: ['The Ferry at Polwenna', 'CHAPTER I.', 'CHAPTER II.'],
  },
  'Harbour Lights': {
    // Named so that the files' own order (mon, sat, sun) is not the parts' order.
    files: ['hl-posted-sat.txt', 'hl-posted-sun.txt', 'hl-posted-mon.txt'],
    author: 'Morwenna Trewin',
    language: 'en',
    date: '1996-04-13',
    chapters: ['Part 1 of 3', 'Part 2 of 3', 'Part 3 of 3'],
    opening: ['The harbour lights went out', 'The harbourmaster', 'He found her at the end'],
  },
  'Quiet Orbit': {
    files: ['cp1252-crlf-two-posts-quiet-orbit.txt'],
    author: 'Ysolde Penhale',
    language: 'en',
    date: '1996-11-02',
    chapters: ['Part 1 of 2', 'Part 2 of 2'],
    opening: ['The observation deck was empty', 'They watched the planet turn'],
  },
  'The Orchard Wall': {
    files: ['mac-roman-cr-orchard-wall.txt'],
    author: 'Tamsin Rowse',
    language: 'en',
    chapters: ['The Orchard Wall'],
  },
};

/** Diagnostics each file must carry: rule and first line (and last line of a block). */
const REPORTED: Record<string, Array<{ rule: string; line?: number; endLine?: number; says?: string }>> = {
  'pg-new-tidewater-almanac.txt': [
    { rule: 'gutenberg/header', line: 1, endLine: 22 },
    { rule: 'gutenberg/licence', line: 76, endLine: 108 },
  ],
  'pg-old-lantern-keepers.txt': [
    { rule: 'gutenberg/header', line: 1, endLine: 28 },
    { rule: 'gutenberg/licence', line: 69, endLine: 93 },
  ],
  'pg-smallprint-bellringer.txt': [
    { rule: 'gutenberg/header', line: 1, endLine: 24 },
    { rule: 'gutenberg/licence', line: 55, endLine: 56 },
  ],
  'pg-etext-tin-lantern.txt': [
    { rule: 'gutenberg/header', line: 1, endLine: 41, says: 'read from it: title, author, published, credits' },
    { rule: 'gutenberg/licence', line: 71, endLine: 72 },
  ],
  'pg-wrapped-start-salt-road.txt': [
    { rule: 'gutenberg/header', line: 1, endLine: 25, says: 'credits' },
    { rule: 'gutenberg/licence', line: 52, endLine: 60 },
  ],
  'pg-html-ferry-at-polwenna.html': [
    { rule: 'gutenberg/header', line: 12 },
    { rule: 'gutenberg/licence', line: 43 },
    { rule: 'gutenberg/page-numbers', line: 32, says: '2 page-number markers' },
  ],
  'hl-posted-sat.txt': [
    { rule: 'news/header', line: 1, endLine: 8 },
    { rule: 'news/signature', line: 31, endLine: 33 },
    { rule: 'input/chapter-files', says: 'hl-posted-sat.txt, hl-posted-sun.txt, hl-posted-mon.txt' },
  ],
  'hl-posted-sun.txt': [
    { rule: 'news/header', line: 1, endLine: 8 },
    { rule: 'news/repost-note', line: 15 },
    { rule: 'news/signature', line: 26, endLine: 28 },
  ],
  'hl-posted-mon.txt': [
    { rule: 'news/header', line: 1, endLine: 7 },
    { rule: 'news/bbs-ad', line: 29, endLine: 30 },
  ],
  'cp1252-crlf-two-posts-quiet-orbit.txt': [
    { rule: 'encoding/fallback', says: 'Windows-1252' },
    { rule: 'news/header', line: 1, endLine: 6 },
    { rule: 'news/signature', line: 17, endLine: 18 },
    { rule: 'news/header', line: 20, endLine: 25 },
    { rule: 'news/signature', line: 35, endLine: 36 },
  ],
  'mac-roman-cr-orchard-wall.txt': [{ rule: 'encoding/fallback', says: 'Mac Roman' }],
};

// Read by these tests' own rules, never ficbind's: a page marker, and a capitalised fic header line.
const PAGE_MARKER = /\s?\[Pg \d+\]/g;
const CAPS_FIELD = /^(?!REPOST)[A-Z][A-Z ]{1,24}:\s*\S/;

/** A fixture's text line by line as the test reads it: tags stripped, page markers out. */
async function sourceLines(file: string): Promise<string[]> {
  const text = fixtureTexts().get(file) ?? (await readFile(path.join(FOLDER, file), 'utf8'));
  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  // A page's <head> (its <title>, its style) is no text of the story.
  const body = file.endsWith('.html') ? lines.findIndex((line) => line.includes('<body')) : 0;
  return lines
    .map((line, index) => (index < body ? '' : line))
    .map((line) => (file.endsWith('.html') ? line.replace(/<[^>]*>/g, ' ') : line).replace(PAGE_MARKER, ''));
}

describe('old texts: Project Gutenberg editions and Usenet posts', () => {
  let library: BuiltLibrary;
  const books = new Map<string, OpenedEpub>();

  before(async () => {
    library = await buildInto(FOLDER, { cover: false });
    for (const title of Object.keys(BOOKS)) books.set(title, await openEpub(library.book(title)));
  });

  const chapterPages = async (epub: OpenedEpub) =>
    Promise.all((await spinePaths(epub)).filter((p) => /-c\d+\.xhtml$/.test(p)).map((p) => epub.xml(p)));

  it('has the byte fixtures on disk exactly as make.ts writes them', async () => {
    for (const [name, bytes] of encodedFixtures())
      assert.deepEqual(
        new Uint8Array(await readFile(path.join(FOLDER, name))),
        new Uint8Array(bytes),
        `${name}: run npx tsx test/fixtures/old-texts/make.ts`,
      );
  });

  it('makes one book per story, the posted parts of one story joined, with no warning or error', () => {
    assert.deepEqual(library.result.books.map((b) => b.title).sort(), Object.keys(BOOKS).sort());
    const problems = library.result.diagnostics.filter((d) => d.severity !== 'info');
    assert.deepEqual(problems, []);
  });

  it('reads title, author, language and date from the header into the package document', async () => {
    for (const [title, want] of Object.entries(BOOKS)) {
      const { doc } = await packageDocument(books.get(title)!);
      const one = (tag: string) => all(doc, tag).map(textOf);
      assert.deepEqual(one('dc:title'), [title]);
      assert.deepEqual(one('dc:creator'), [want.author], title);
      assert.deepEqual(one('dc:language'), [want.language], title);
      assert.deepEqual(one('dc:date'), want.date ? [want.date] : [], title);
    }
  });

  it('shows the same metadata in ficbind list --json', async () => {
    const run = await runCli(['list', FOLDER, '--json']);
    assert.equal(run.code, 0, run.stderr);
    const plan = JSON.parse(run.stdout) as {
      books: Array<{
        title: string;
        authors: string[];
        language: string;
        stories: Array<{ published?: string; files: Array<{ path: string; encoding: string }> }>;
      }>;
    };
    for (const [title, want] of Object.entries(BOOKS)) {
      const book = plan.books.find((b) => b.title === title);
      assert.ok(book, title);
      assert.deepEqual(book.authors, [want.author]);
      assert.equal(book.language, want.language);
      assert.equal(book.stories[0]?.published, want.date, title);
      assert.deepEqual(
        book.stories[0]?.files.map((f) => f.path),
        want.files,
        `${title}: its files in part order`,
      );
    }
    const encodings = plan.books.flatMap((b) => b.stories.flatMap((s) => s.files.map((f) => [f.path, f.encoding])));
    assert.deepEqual(encodings.filter(([file]) => file!.includes('orchard') || file!.includes('orbit')).sort(), [
      ['cp1252-crlf-two-posts-quiet-orbit.txt', 'windows-1252'],
      ['mac-roman-cr-orchard-wall.txt', 'macintosh'],
    ]);
  });

  it('finds the chapters of both editions, and one chapter a posted part, in part order', async () => {
    for (const [title, want] of Object.entries(BOOKS)) {
      const pages = await chapterPages(books.get(title)!);
      assert.deepEqual(
        pages.map((doc) => textOf(all(doc, 'h2')[0]!)),
        want.chapters,
        title,
      );
      want.opening?.forEach((opening, index) => {
        const first = textOf(all(pages[index]!, 'p')[0]!);
        assert.ok(first.startsWith(opening), `${title}: part ${index + 1} opens "${first}"`);
      });
    }
  });

  it('prints no frame, news header, signature, advert or page marker as story text', async () => {
    const leftovers = [
      /PROJECT GUTENBERG/i,
      /Produced by|prepared by|SHORE \*\*\*/i,
      /\[Pg \d+\]/,
      /Message-ID|Newsgroups|NNTP|Organization:/,
      /The tide waits for nobody/,
      /Origin:|Blue Wave|BBS/,
      /REPOST|news server here lost/i,
      /FEEDBACK|ARCHIVE:|SPOILERS:|ysolde@/,
    ];
    for (const [title, epub] of books) {
      const text = (await chapterPages(epub)).map((doc) => textOf(doc)).join('\n');
      for (const pattern of leftovers) assert.doesNotMatch(text, pattern, title);
    }
  });

  it('reports everything it removed with its file and lines, the text removed included', () => {
    for (const [file, wanted] of Object.entries(REPORTED)) {
      const reported = library.result.diagnostics.filter((d) => d.file === file);
      for (const want of wanted) {
        const found = reported.find(
          (d) =>
            d.rule === want.rule &&
            (want.line === undefined || d.line === want.line) &&
            (want.endLine === undefined || d.endLine === want.endLine) &&
            (want.says === undefined || d.message.includes(want.says)),
        );
        assert.ok(
          found,
          `${file}: ${JSON.stringify(want)} among ${JSON.stringify(reported.map((d) => [d.rule, d.line]))}`,
        );
        if (want.endLine !== undefined) assert.ok(found.message.includes(`${want.endLine - want.line! + 1} lines`));
      }
    }
  });

  it('loses no story word: every word of each fixture is in its book in order, or reported removed', async () => {
    for (const [title, want] of Object.entries(BOOKS)) {
      for (const file of want.files) {
        const lines = await sourceLines(file);
        const header = new Set(
          lines.flatMap((line, index) =>
            // A Gutenberg header is reported removed as a whole; posts have fic headers, the Mac file a plain one.
            !file.startsWith('pg-') && (CAPS_FIELD.test(line) || (/^(Title|Author|Rating):/.test(line) && index < 3))
              ? [index]
              : [],
          ),
        );
        await assertNothingLost(path.join(FOLDER, file), file, books.get(title)!, library.result.diagnostics, {
          lines,
          header,
        });
      }
    }
  });

  it('reads Mac Roman and Windows-1252 bytes as the same curly quotes, dashes and accents', async () => {
    for (const title of ['The Orchard Wall', 'Quiet Orbit']) {
      const text = (await chapterPages(books.get(title)!)).map((doc) => textOf(doc)).join(' ');
      for (const shown of ['’', '“', '”', '…', '–', 'café']) assert.ok(text.includes(shown), `${title}: ${shown}`);
      assert.doesNotMatch(text, /[ÒÓÕÉÐ‡Ž’]{2}|Õ|Ò|Ó|\u0092|\u0093/, title);
    }
  });

  it("shows the producers' credits under the start line as the book's credits on its title page", async () => {
    const credits = {
      'The Lantern Keepers':
        'Produced by Nobody in Particular and the Imaginary Proofreading Team of the ficbind tests',
      'The Salt Road and Other Sketches of the Western Shore':
        'Produced by Kit Vosper, Delen Hocking and the Invented Online Proofreading Team of the ficbind tests',
      'The Tin Lantern': 'This etext was prepared by an invented volunteer of the ficbind tests.',
    };
    for (const [title, said] of Object.entries(credits)) {
      const epub = books.get(title)!;
      const page = (await spinePaths(epub)).find((p) => p.endsWith('-title.xhtml'))!;
      const rows = all(await epub.xml(page), 'dt').map((dt) => [textOf(dt), textOf(dt.nextSibling as Element)]);
      assert.deepEqual(
        rows.filter(([key]) => key === 'Credits'),
        [['Credits', said]],
        title,
      );
    }
  });

  it('has a sound structure (EPUBCheck: test/conformance)', async () => {
    for (const epub of books.values()) await assertBookStructure(epub);
  });

  it('keeps every word of a header value the book shows', async () => {
    const shown = await bookWords(books.get('Harbour Lights')!);
    for (const word of words('alt.fan.harbourlights ASC and the list archive are welcome'))
      assert.ok(shown.includes(word), word);
  });
});
