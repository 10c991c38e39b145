import type { Element } from '@xmldom/xmldom';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { before, describe, it } from 'node:test';
import { REPO_ROOT, buildInto, type BuiltLibrary } from '../helpers/build.js';
import { runCli } from '../helpers/cli.js';
import {
  all,
  chapterPaths,
  openEpub,
  packageDocument,
  storyDocument,
  textOf,
  type OpenedEpub,
} from '../helpers/epub.js';
import { markupSource } from '../helpers/source-text.js';
import { assertNothingLost, bookWords, words } from '../helpers/words.js';

const FOLDER = path.join(REPO_ROOT, 'test/fixtures/downloads');

/** What each download must become, written from the fixture files by hand. */
interface Expected {
  title: string;
  author: string;
  language: string;
  source: string;
  series?: { name: string; part: string };
  chapters: string[];
  /** Each a `dc:subject` of the package document. */
  subjects: string[];
  /** On the title page (details and stats), each as `Key Value`. */
  titlePage: string[];
  summary?: string;
  /** Notes in a chapter's note block: [chapter index, text]. */
  notes?: Array<[number, string]>;
  /** In `ficbind list --json`, on the story. */
  listed: Record<string, unknown>;
  /** The download's own wrapping, in no chapter document. */
  notStory: string[];
}

const EXPECTED: Record<string, Expected> = {
  'ao3-download-multi.html': {
    title: "The Tidewright's Ledger",
    author: 'quillharrow',
    language: 'en',
    source: 'https://archiveofourown.org/works/48151623',
    series: { name: 'Ledgers of the Saltmarsh', part: '2' },
    chapters: ['Chapter 1: Low Water', 'Chapter 2', 'Chapter 3: The Signature'],
    subjects: [
      'F/M',
      'Tide Tables',
      'Slow Burn',
      'Rowing',
      'Saltmarsh Chronicles',
      'Odile Penrose/Tamsin Vey',
      'Odile Penrose',
      'Tamsin Vey',
      'The Harbourmaster',
      'No Archive Warnings Apply',
      'Rated General Audiences',
    ],
    titlePage: [
      'Fandom Saltmarsh Chronicles',
      'Relationships Odile Penrose/Tamsin Vey',
      'Characters Odile Penrose, Tamsin Vey, The Harbourmaster',
      'Published 2021-04-02',
      'Completed 2021-06-11',
      'Words 612',
      'Chapters 3/3',
      'Notes Written for a prompt about lighthouses that turned into a prompt about mud.',
    ],
    summary: 'Odile keeps the ledger of every tide that floods the marsh. Tamsin keeps forgetting to sign it.',
    notes: [
      [0, 'Chapter Summary In which the ledger is opened for the season.'],
      [0, 'The tide tables here are invented'],
      [0, 'Chapter End Notes Thank you for reading the first part of the ledger.'],
      [2, 'Chapter Notes Last one.'],
      [2, 'End Notes A third ledger is planned, about the winter storms.'],
    ],
    listed: {
      rating: 'General Audiences',
      warnings: 'No Archive Warnings Apply',
      fandoms: ['Saltmarsh Chronicles'],
      relationships: ['Odile Penrose/Tamsin Vey'],
      characters: ['Odile Penrose', 'Tamsin Vey', 'The Harbourmaster'],
      published: '2021-04-02',
    },
    notStory: [
      'Preface',
      'Posted originally',
      'Archive Warning',
      'Stats',
      'Afterword',
      'drop by the archive',
      'Summary',
    ],
  },
  'ao3-download-oneshot.html': {
    title: 'Nine Bells for the Ferryman',
    author: 'marrowlight',
    language: 'en',
    source: 'https://archiveofourown.org/works/50077311',
    chapters: ['Nine Bells for the Ferryman'],
    subjects: ['Gen', 'River Lore', 'Bells of Aldmere', 'The Ferryman', 'Major Character Death'],
    titlePage: ['Fandom River Lore, Bells of Aldmere', 'Words 180', 'Chapters 1/1'],
    summary: 'The ferryman counts the bells. On the ninth, someone pays.',
    listed: { fandoms: ['River Lore', 'Bells of Aldmere'], characters: ['The Ferryman'] },
    notStory: ['Preface', 'Posted originally', 'Teen And Up', 'Afterword', 'drop by the archive'],
  },
  // Co-authors, plural labels, two series, a collection, "Chapters: 2/?", notes that only point to end notes.
  'ao3-download-coauthored.html': {
    title: 'Night Ferry & Other Crossings',
    author: 'brindlewick & Oarlock Jones (oarlock)',
    language: 'en',
    source: 'https://archiveofourown.org/works/70011223',
    series: { name: 'Crossings', part: '3' },
    chapters: ['Chapter 1: The Landing Stage', 'Chapter 2: Midstream'],
    subjects: [
      'Gen',
      'M/M',
      'Hurt/Comfort',
      'Lanternfall (Video Game)',
      'Ferryman Tales',
      'Corvin Ash & The Ferrywoman',
      'Pell Marrow',
      'Major Character Death',
      'Rated Teen And Up Audiences',
    ],
    titlePage: [
      'Series The Lanternfall Zine, Part 1',
      'Collections Lanternfall Big Bang 2022',
      'Updated 2023-01-15',
      'Words 1,204',
      'Chapters 2/?',
      'Related Inspired by The River Hours by tidewell',
      'Works inspired by this one Fog Bell by misthook',
    ],
    summary: 'The ferry runs at night now. Corvin doesn’t ask why, and Pell doesn’t tell him.',
    notes: [
      [0, 'by brindlewick'],
      [0, 'Chapter End Notes Art for this chapter'],
      [1, 'Chapter Summary Halfway is the hardest place'],
      [1, 'End Notes Chapter three is written'],
    ],
    listed: {
      rating: 'Teen And Up Audiences',
      fandoms: ['Lanternfall (Video Game)', 'Ferryman Tales'],
      relationships: ['Corvin Ash/Pell Marrow', 'Corvin Ash & The Ferrywoman'],
    },
    notStory: ['Preface', 'Posted originally', 'Stats', 'Afterword', 'drop by the Archive', 'See the end'],
  },
  'fanficfare-story.html': {
    title: "The Cartographer's Daughter",
    author: 'Wenna Rook',
    language: 'en',
    source: 'https://www.fanfiction.net/s/14011235',
    chapters: ['1. The Inheritance', '2. Shifting Sands'],
    subjects: ['Compass Rose', 'Adventure', 'Family', 'Mira V.', 'Old Tobin', 'Rated K+'],
    titlePage: ['Status In-Progress', 'Published 2020-02-14', 'Updated 2020-08-30', 'Words 341', 'Chapters 2'],
    summary: 'Mira inherits her mother’s maps and a coastline that refuses to stay where it was drawn.',
    listed: { rating: 'K+', characters: ['Mira V.', 'Old Tobin'] },
    notStory: ['Table of Contents', 'Wenna Rook', 'Packaged', 'Publisher'],
  },
  // One chapter (no table of contents), two authors, FanFicFare's `Series: Name [N]`.
  'fanficfare-oneshot.html': {
    title: 'Under the Weir',
    author: 'Halden Rue & Mossy Clerk',
    language: 'en',
    source: 'https://archiveofourown.org/works/61230001',
    series: { name: 'Waterworks', part: '2' },
    chapters: ['Under the Weir'],
    subjects: ['Gen', 'Weirkeepers', 'Ilse & Brand', 'No Archive Warnings Apply', 'Rated General Audiences'],
    titlePage: ['Status Completed', 'Words 1,045', 'Chapters 1'],
    summary: 'Ilse minds the weir. Brand minds Ilse, which is harder.',
    listed: { rating: 'General Audiences', relationships: ['Ilse & Brand'] },
    notStory: ['Packaged', 'Publisher', 'Halden Rue', 'Waterworks'],
  },
  'fanficfare-story.txt': {
    title: 'The Salt Road Letters',
    author: 'Perrin Ashdown',
    language: 'en',
    source: 'https://archiveofourown.org/works/20511874',
    chapters: ['First Letter', 'Second Letter'],
    subjects: ['Original Fiction', 'Epistolary', 'Romance', 'Rated Teen'],
    titlePage: ['Status Completed', 'Updated 2019-11-20', 'Words 298', 'Chapters 2'],
    summary:
      'Two clerks at opposite ends of the salt road write to each other about the weather, the carts, and eventually everything else.',
    listed: { rating: 'Teen', category: 'Original Fiction' },
    notStory: ['TABLE OF CONTENTS', 'End file', 'Perrin Ashdown', 'Packaged', 'Story URL'],
  },
  'fichub-story.html': {
    title: 'Lamplighters of Vell',
    author: 'Sorrel Quince',
    language: 'en',
    source: 'https://www.royalroad.com/fiction/51234/lamplighters-of-vell',
    chapters: ['Chapter 1 – Dusk Round', 'Chapter 2 – Dark Streets'],
    subjects: [],
    titlePage: ['Chapters 2', 'Words 205', 'Status ongoing', 'Updated 2023-03-08'],
    summary: 'The lamps of Vell go out one street at a time, and only the youngest lamplighter notices the pattern.',
    listed: { url: 'https://www.royalroad.com/fiction/51234/lamplighters-of-vell' },
    notStory: ['Original source', 'Exported with', 'FicHub', 'chapter list', 'next chapter', 'Sorrel Quince'],
  },
};

/** The story lines of a fixture, read with rules of this test's own. */
async function storyReading(file: string): Promise<{ lines: string[]; header: Set<number> }> {
  if (file.endsWith('.html')) return markupSource(path.join(FOLDER, file));
  // FanFicFare's TXT: everything above the table of contents is its title page; its language is
  // the book's dc:language (checked on its own), not a word on a page.
  const lines = (await readFile(path.join(FOLDER, file), 'utf8'))
    .split('\n')
    .map((line) => (line.startsWith('Language:') ? '' : line));
  const contents = lines.indexOf('TABLE OF CONTENTS');
  return { lines, header: new Set(lines.map((_, i) => i).filter((i) => i < contents && lines[i]!.trim() !== '')) };
}

function occurrences(haystack: readonly string[], run: readonly string[]): number {
  let count = 0;
  for (let at = haystack.indexOf(run[0]!); at >= 0; at = haystack.indexOf(run[0]!, at + 1))
    if (run.every((word, i) => haystack[at + i] === word)) count++;
  return count;
}

describe('downloads: AO3, FanFicFare and FicHub files (test/fixtures/downloads)', () => {
  let library: BuiltLibrary;
  const books = new Map<string, OpenedEpub>();

  before(async () => {
    library = await buildInto(FOLDER, { cover: false, cache: false });
    for (const [file, want] of Object.entries(EXPECTED)) books.set(file, await openEpub(library.book(want.title)));
  });

  it('makes one book of each download, with the chapters the work has', async () => {
    assert.equal(library.result.books.length, Object.keys(EXPECTED).length);
    for (const [file, want] of Object.entries(EXPECTED)) {
      const epub = books.get(file)!;
      const headings = await Promise.all(
        (await chapterPaths(epub)).map(async (p) => textOf(all(await epub.xml(p), 'h2')[0]!)),
      );
      assert.deepEqual(headings, want.chapters, file);
    }
  });

  it('puts the metadata in the package document', async () => {
    for (const [file, want] of Object.entries(EXPECTED)) {
      const { doc } = await packageDocument(books.get(file)!);
      const texts = (tag: string) => all(doc, tag).map(textOf);
      assert.deepEqual(texts('dc:title'), [want.title], file);
      assert.deepEqual(texts('dc:creator'), [want.author], file);
      assert.deepEqual(texts('dc:language'), [want.language], file);
      assert.deepEqual(texts('dc:source'), [want.source], file);
      assert.deepEqual(texts('dc:description'), want.summary ? [want.summary] : [], file);
      for (const subject of want.subjects)
        assert.ok(texts('dc:subject').includes(subject), `${file}: subject ${subject}`);
      const metas = all(doc, 'meta');
      const collection = metas.find((m) => m.getAttribute('property') === 'belongs-to-collection');
      assert.equal(collection && textOf(collection), want.series?.name, file);
      if (want.series) {
        const position = metas.find((m) => m.getAttribute('property') === 'group-position');
        assert.equal(position && textOf(position), want.series.part, file);
      }
    }
  });

  it('shows the tags and the stats on the title page', async () => {
    for (const [file, want] of Object.entries(EXPECTED)) {
      const epub = books.get(file)!;
      const page = await epub.xml(await storyDocument(epub, 'title'));
      const rows = all(page, 'dt').map((dt) => `${textOf(dt)} ${textOf(dt.nextSibling as Element)}`);
      for (const row of want.titlePage) assert.ok(rows.includes(row), `${file}: "${row}" in ${rows.join(' | ')}`);
    }
  });

  it('prints none of the preface, info block or afterword as story text', async () => {
    for (const [file, want] of Object.entries(EXPECTED)) {
      const epub = books.get(file)!;
      for (const chapter of await chapterPaths(epub)) {
        // The story's own text: neither the heading nor the author's notes.
        const story = all(await epub.xml(chapter), 'section')[0]!;
        const text = Array.from(story.childNodes)
          .filter((n) => (n as Element).tagName === 'p')
          .map((n) => n.textContent ?? '')
          .join(' ');
        for (const wrapping of want.notStory)
          assert.ok(!text.includes(wrapping), `${file}: ${chapter} has "${wrapping}"`);
      }
    }
  });

  it("keeps AO3's chapter summaries and notes as notes, in their chapter", async () => {
    for (const [file, want] of Object.entries(EXPECTED)) {
      const epub = books.get(file)!;
      const chapters = await chapterPaths(epub);
      for (const [index, note] of want.notes ?? []) {
        const notes = all(await epub.xml(chapters[index]!), 'div')
          .filter((d) => d.getAttribute('role') === 'note')
          .map((d) => all(d, 'p').map(textOf).join(' '));
        assert.ok(
          notes.some((n) => n.includes(note)),
          `${file}: chapter ${index + 1} has the note "${note}"`,
        );
      }
    }
  });

  it('has every word of the story text, each line once, and reports what it removed with file and line', async () => {
    for (const [file, want] of Object.entries(EXPECTED)) {
      const epub = books.get(file)!;
      const reading = await storyReading(file);
      await assertNothingLost(path.join(FOLDER, file), file, epub, library.result.diagnostics, reading);
      const inBook = await bookWords(epub);
      const removed = new Set(library.result.diagnostics.filter((d) => d.file === file).map((d) => d.line));
      reading.lines.forEach((line, index) => {
        const run = words(line);
        if (reading.header.has(index) || removed.has(index + 1) || run.length < 4) return;
        assert.equal(occurrences(inBook, run), 1, `${file}:${index + 1} is in ${want.title} once`);
      });
    }
    const reported = library.result.diagnostics
      .filter((d) => d.rule === 'junk/downloader')
      .map((d) => [d.line, d.removed]);
    assert.deepEqual(reported, [
      [31, 'TABLE OF CONTENTS'],
      [34, 'First Letter'],
      [37, 'Second Letter'],
      [66, 'End file.'],
    ]);
    // FanFicFare's title page shows the cover; a saved page's pictures are not kept, and that is said.
    const pictures = library.result.diagnostics.filter((d) => d.rule === 'html/image-left-out');
    assert.deepEqual(
      pictures.map((d) => [d.file, d.line]),
      [['fanficfare-oneshot.html', 13]],
    );
  });

  it('shows the metadata in `ficbind list --json`', async () => {
    const run = await runCli(['list', '--json', FOLDER]);
    assert.equal(run.code, 0, run.stderr);
    const plan = JSON.parse(run.stdout) as { books: Array<{ stories: Array<Record<string, unknown>> }> };
    for (const [file, want] of Object.entries(EXPECTED)) {
      const story = plan.books.flatMap((b) => b.stories).find((s) => s['source'] === file)!;
      assert.equal(story['title'], want.title, file);
      assert.equal(story['author'], want.author, file);
      for (const [key, value] of Object.entries(want.listed)) assert.deepEqual(story[key], value, `${file}: ${key}`);
      const extra = (story['extra'] as Array<{ key: string; value: string }>).map((e) => `${e.key} ${e.value}`);
      const stats = want.titlePage.filter((row) => /^(?:Words|Chapters|Status|Updated|Completed) /.test(row));
      for (const row of stats) assert.ok(extra.includes(row), `${file}: "${row}" listed`);
    }
  });
});
