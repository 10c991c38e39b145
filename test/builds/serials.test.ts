import assert from 'node:assert/strict';
import { readFile, readdir } from 'node:fs/promises';
import path from 'node:path';
import { before, describe, it } from 'node:test';
import { REPO_ROOT, buildInto, type BuiltLibrary } from '../helpers/build.js';
import { runCli } from '../helpers/cli.js';
import { all, openEpub, packageDocument, spinePaths, textOf, type OpenedEpub } from '../helpers/epub.js';
import { markupSource } from '../helpers/source-text.js';
import { assertNothingLost, bookWords, words } from '../helpers/words.js';

/** What each saved serial page (or folder of pages) must make. */
interface Expected {
  title: string;
  author: string;
  chapters: string[];
  /** Page chrome: text that is not in the book, and is reported as left out with its line. */
  leftOut: string[];
  /** Markup the chapters hold. */
  contains?: string[];
  tags?: string[];
}

const FOLDER = path.join(REPO_ROOT, 'test/fixtures/serials');

const EXPECTED: Record<string, Expected> = {
  'the-ember-tithe': {
    title: 'The Ember Tithe',
    author: 'Tamsin Greave',
    chapters: ['Chapter 1: Ash Market', 'Chapter 2: The Warden’s Scale'],
    leftOut: ['Next Chapter', 'Loved the choir image', 'The scale scene gave me chills'],
    contains: ['<em>red</em>', '<div class="authors-note" role="note"><p>A note from Tamsin Greave</p>'],
  },
  // Royal Road hides a notice against copying in each chapter under a class its <style> sets to display: none.
  'royalroad-hidden-notice.html': {
    title: 'The Drowned Orchard',
    author: 'Quillon Ashgrove',
    chapters: ['3. The Weir-Keeper'],
    leftOut: ['This narrative was lifted from its home site', 'First! Great chapter', 'Previous'],
    contains: ['Tonight it’s rising'],
  },
  // A WordPress serial whose posts are named by arc and number, told to be chapters by their "Next Chapter" links.
  'tallow-and-brine': {
    title: 'Tallow and Brine',
    author: 'wrenlock',
    chapters: ['Lock 1.1', 'Lock 1.2'],
    leftOut: ['Last Chapter', 'Share this:', '14 thoughts on', 'Posted in'],
  },
  'spacebattles-threadmarks.html': {
    title: 'The Salt Cartographer [Original]',
    author: 'Pellucid Ferro',
    chapters: ['Chapter 1: Low Water', 'Chapter 2: The Stone Ring'],
    leftOut: ['Ooh, a mapping story', 'Other stories: Lantern Weir', 'Next page', 'Prev'],
    contains: ['<em>map</em>'],
  },
  // The XenForo 1 markup SpaceBattles and SufficientVelocity served until 2019.
  'xenforo1-threadmarks.html': {
    title: "Lamplighter's Guild (Original Fiction)",
    author: 'Fenwick Orr',
    chapters: ['Prologue', 'Chapter 1: The Long Street'],
    leftOut: ['Nice start, watching', 'Read my other work', 'Next'],
  },
  'sufficientvelocity-reader.html': {
    title: 'Bellwether Hollow',
    author: 'Quillon Marsh',
    chapters: ['Part One', 'Part Two'],
    leftOut: ['Updates on Sundays', 'Next'],
    contains: ['<em>warm</em>'],
  },
  'wattpad-part.html': {
    title: "The Kite Keeper's Daughter",
    author: 'marigoldvance',
    chapters: ['Part Three: Paper Weather'],
    leftOut: ['Continue to next part', 'THE KITE CARRIES THINGS', 'Comment'], // the Vote button's text is hidden,
    contains: ['<em>Paper Weather</em>'],
  },
  'wordpress-serial-post.html': {
    title: 'Under the Tollgate',
    author: 'Hollis Brandt',
    chapters: ['Chapter 4: The Cartwright’s Oath'],
    leftOut: ['« Previous Chapter', 'Share this:', 'Hollis writes road stories', 'Typo thread', 'Recent Posts'],
    contains: ['<em>point</em>'],
  },
  'livejournal-entry.html': {
    title: 'The Orchard Clock',
    author: 'rowan_tallis',
    chapters: ['The Orchard Clock'],
    leftOut: ['An inch of shadow', 'Current Mood: hopeful', 'Leave a comment', 'Recent Entries'],
    tags: ['fic', 'one-shot'],
  },
  'dreamwidth-entry.html': {
    title: 'Salt for the Lamp',
    author: 'lanternwick',
    chapters: ['Salt for the Lamp'],
    leftOut: ['Salt lamps! Part two soon?', 'Previous Entry', 'Mood:'],
    contains: ['<em>green</em>'],
    tags: ['fic', 'lighthouses'],
  },
  'tumblr-post.html': {
    title: 'The Tin Heron',
    author: 'thimbleweed-writes',
    chapters: ['The Tin Heron'],
    leftOut: ['reblogged this and added', 'Reblog', 'Asks open'],
    contains: ['<em>rang</em>'],
    tags: ['my fic', 'herons'],
  },
};

/** The source files of a fixture: the file, or each page of a folder. */
async function sourceFiles(source: string): Promise<string[]> {
  if (source.endsWith('.html')) return [source];
  return (await readdir(path.join(FOLDER, source))).sort().map((name) => `${source}/${name}`);
}

describe('web serial pages (test/fixtures/serials)', () => {
  let library: BuiltLibrary;
  const books = new Map<string, OpenedEpub>();

  before(async () => {
    library = await buildInto(FOLDER, { cover: false, cache: false });
    for (const want of Object.values(EXPECTED)) books.set(want.title, await openEpub(library.book(want.title)));
  });

  it('makes one book of each page, or of each folder of chapter pages', () => {
    assert.deepEqual(
      library.result.books.map((b) => b.title).sort(),
      Object.values(EXPECTED)
        .map((e) => e.title)
        .sort(),
    );
  });

  it('takes title, author and tags from the page into the package document', async () => {
    for (const want of Object.values(EXPECTED)) {
      const { doc } = await packageDocument(books.get(want.title) as OpenedEpub);
      assert.equal(textOf(all(doc, 'dc:title')[0]!), want.title);
      assert.equal(textOf(all(doc, 'dc:creator')[0]!), want.author);
      const subjects = all(doc, 'dc:subject').map(textOf);
      for (const tag of want.tags ?? []) assert.ok(subjects.includes(tag), `${want.title}: dc:subject ${tag}`);
    }
  });

  it('shows the same title, author and chapters in `ficbind list --json`', async () => {
    const run = await runCli(['list', FOLDER, '--json']);
    assert.equal(run.code, 0, run.stderr);
    const listed = JSON.parse(run.stdout) as {
      books: Array<{ title: string; authors: string[]; stories: Array<{ chapters: Array<{ title: string }> }> }>;
    };
    for (const want of Object.values(EXPECTED)) {
      const book = listed.books.find((b) => b.title === want.title);
      assert.ok(book, `${want.title} is listed`);
      assert.deepEqual(book.authors, [want.author]);
      assert.deepEqual(
        book.stories.flatMap((s) => s.chapters.map((c) => c.title)),
        want.chapters,
      );
    }
  });

  it('finds the chapter text: each chapter under its heading, with its emphasis and notes', async () => {
    for (const want of Object.values(EXPECTED)) {
      const epub = books.get(want.title) as OpenedEpub;
      const chapters = (await spinePaths(epub)).filter((p) => /-c\d+\.xhtml$/.test(p));
      const docs = await Promise.all(chapters.map((p) => epub.xml(p)));
      assert.deepEqual(
        docs.map((d) => textOf(all(d, 'h2')[0]!)),
        want.chapters,
        want.title,
      );
      const markup = (await Promise.all(chapters.map((p) => epub.text(p)))).join('\n');
      for (const shown of want.contains ?? []) assert.ok(markup.includes(shown), `${want.title}: holds ${shown}`);
    }
  });

  it('keeps every word of the story text, in order, and each paragraph once', async () => {
    for (const [source, want] of Object.entries(EXPECTED)) {
      const epub = books.get(want.title) as OpenedEpub;
      const inBook = (await bookWords(epub)).join(' ');
      for (const file of await sourceFiles(source)) {
        const full = path.join(FOLDER, file);
        const reading = await markupSource(full);
        await assertNothingLost(full, file, epub, library.result.diagnostics, reading);
        for (const [index, line] of reading.lines.entries()) {
          const run = words(line);
          // Short lines ("A note from …", "Rating: T") may well repeat; a story paragraph may not.
          if (run.length < 8) continue;
          const count = ` ${inBook} `.split(` ${run.join(' ')} `).length - 1;
          assert.equal(count, 1, `${file}:${index + 1} is in the book once`);
        }
      }
    }
  });

  it('leaves out comments, navigation, share buttons, sidebars and author boxes, each reported with its line', async () => {
    for (const [source, want] of Object.entries(EXPECTED)) {
      const epub = books.get(want.title) as OpenedEpub;
      const everything = (await Promise.all((await spinePaths(epub)).map((p) => epub.text(p)))).join('\n');
      const files = await sourceFiles(source);
      const reports = library.result.diagnostics.filter((d) => d.rule === 'html/left-out' && files.includes(d.file));
      for (const chrome of want.leftOut) {
        assert.ok(!everything.includes(`>${chrome}`), `${want.title}: "${chrome}" is not in the book`);
        const report = reports.find((d) => d.message.includes(chrome));
        assert.ok(report, `${want.title}: "${chrome}" is reported as left out`);
        // The reported line opens the element that holds the text, at or a few lines above it.
        const lines = (await readFile(path.join(FOLDER, report.file), 'utf8')).split('\n');
        const textLine =
          lines.findIndex((l, i) => i + 1 >= report.line! && l.includes(chrome.replace('«', '&laquo;'))) + 1;
        assert.ok(lines[report.line! - 1]?.includes('<'), `${report.file}:${report.line} opens an element`);
        assert.ok(
          textLine >= report.line! && textLine - report.line! <= 4,
          `${report.file}:${report.line}: "${chrome}"`,
        );
      }
    }
  });
});
