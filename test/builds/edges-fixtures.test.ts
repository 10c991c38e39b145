import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { before, describe, it } from 'node:test';
import { encodedFixtures, fixtureTexts } from '../fixtures/edges/make.js';
import { REPO_ROOT, buildInto, type BuiltLibrary } from '../helpers/build.js';
import { runCli } from '../helpers/cli.js';
import { all, chapterPaths, openEpub, packageDocument, spinePaths, textOf, type OpenedEpub } from '../helpers/epub.js';
import { assertNoBrokenCharacters, markupEntries } from '../helpers/structure.js';
import { assertNothingLost } from '../helpers/words.js';

/**
 * Issue 18, classes 7–10: character references, slug series, pages that hold no story, grouping
 * by evidence (numbered pages naming their part too), declared charsets, site links above a
 * plain page's story. Each fixture's book is checked for its metadata (package
 * document and `ficbind list --json`), its text and what the build reported.
 */
const FOLDER = path.join(REPO_ROOT, 'test/fixtures/edges');

interface Expected {
  files: string[];
  author: string;
  series?: string;
  summary?: string;
  /** Paragraphs of the chapters, each the whole text of one `<p>`. */
  paragraphs: string[];
}

const BOOKS: Record<string, Expected> = {
  'Tides of Vessary': {
    files: ['keepers-lamp.md', 'salt-ledger.md'],
    author: 'Mira Fenwick',
    series: 'Tides of Vessary',
    paragraphs: [
      'The keeper’s lamp burned & smoked until the glass went grey, and Ines wiped it with her sleeve.',
      '“Enough,” she said to the wick… and it listened, for once.',
      // `&amp;rsquo;` in a body is the code, as its author wrote it.
      'On the slate by the door she wrote &rsquo; because the harbour code for a tide turning was exactly that.',
      'The merchant’s boy read it upside down and asked why the salt was counted in ½ barrels.',
    ],
  },
  'The Ferryman’s Coin': {
    files: ['ferrymans-coin.html'],
    author: 'Ada Brill',
    summary: 'A coin’s short crossing.',
    paragraphs: [
      'He paid the ferryman’s fee & crossed — quietly, as the river asked …',
      'On the far bank a sign read “Fares &amp; Tolls”, the sign painter having doubled his ampersand.',
    ],
  },
  'The Gatekeeper': {
    files: ['gatekeeper.html'],
    author: 'Hollis Marr',
    paragraphs: [
      '“Please log in to continue,” it said, in green letters that had burned themselves into the glass long ago.',
    ],
  },
  'The Harbour Wall': {
    files: ['harbour1.html', 'harbour2.html', 'harbour3.html'],
    author: 'Tessa Crane',
    paragraphs: ['Tessa spent it on the wall, counting the stones that were still there.'],
  },
  // Numbered pages whose title heading names the part: one story, the part naming each chapter.
  'The Lantern Road': {
    files: ['lantern1.html', 'lantern2.html', 'lantern3.html'],
    author: 'Wren Ashby',
    paragraphs: ['The pole at the crossroads was the only one that ever went out, and it went out every night.'],
  },
  'The Orchard Wall': {
    files: ['orchard1.html', 'orchard2.html'],
    author: 'Bram Keel',
    paragraphs: ['It was a hedgehog, and it had opinions about boots.'],
  },
  // Numbered pages whose headings name different stories, with parts: never joined.
  'The Copper Kettle, Part 1': {
    files: ['tale1.html'],
    author: 'Linnea Holt',
    paragraphs: ['The kettle had been dented by three generations of Holts and mended by none of them.'],
  },
  'The Iron Gate, Part 2': {
    files: ['tale2.html'],
    author: 'Linnea Holt',
    paragraphs: ['When the new neighbour oiled them, half the village came down to watch it close.'],
  },
  // Plain pages opening with a row of site links: the row is left out, a link inside prose kept.
  'The Signal Tower': {
    files: ['signal-tower.html'],
    author: 'Juno Pell',
    paragraphs: [
      'Juno found the shutters stuck and the mirror black with soot, and a map of the hill pinned inside the door, drawn by someone who had never climbed it.',
    ],
  },
  'The Quarry Song': {
    files: ['quarry-song.html'],
    author: 'Efa Morgan',
    paragraphs: [
      'Efa’s father said it had come down the valley with the first slate, and that if it ever stopped the hill would know.',
    ],
  },
  'Garden Notes': {
    files: ['notes.html'],
    author: 'Piet Hollander',
    paragraphs: ['By Friday the slugs had found the lettuces, and Piet began a list of their names.'],
  },
  'The Lighthouse Diary': {
    files: ['old-notes.html'],
    author: 'Marta Wren',
    paragraphs: ['On the ninth day a ship signalled twice and sailed on without an answer.'],
  },
  'The Lantern Fair': {
    files: ['cp1252-declared-lantern.html'],
    author: 'Odile Marchetti',
    paragraphs: ['A paper lantern cost 2 € at the fair… and a glass one cost 9 €, which nobody paid.'],
  },
  'Market Day in Añora': {
    files: ['latin1-declared-market.html'],
    author: 'Inés Carvajal',
    paragraphs: ['The señora sold olives – green, black and the bruised ones – at 3 € the kilo.'],
  },
  'The Early Bakery': {
    files: ['utf8-declared-cp1252-bakery.html'],
    author: 'Ansel Dorré',
    paragraphs: ['“Don’t touch,” he said… and the apprentice touched.'],
  },
  'The Boathouse Key': {
    files: ['undefined-bytes-boathouse.html'],
    author: 'Ivo Stanner',
    paragraphs: ['The key hung on a nail by the door, and everyone in the village knew which nail.'],
  },
};

/** Books of numbered pages: each chapter's heading and first paragraph, in page order. */
const PAGE_CHAPTERS: Record<string, Array<[heading: string, opening: string]>> = {
  'The Lantern Road': [
    [
      'Part 1',
      'The road out of Keswater was lit by lanterns on poles, one every forty paces, and someone had to light them.',
    ],
    ['Part 2', 'By the third week he could light the whole road before the church bell finished ringing six.'],
    ['Chapter 3', 'On the last night of the year Odo sat under the crossroads lantern with a blanket and waited.'],
  ],
  // Page 1's heading names no part: its `<title>`, `(1/2)`, does.
  'The Orchard Wall': [
    [
      'Part 1 of 2',
      'Behind the orchard ran a wall of flat grey stones that the apple roots had been lifting for a century.',
    ],
    ['Part 2', 'One April a stone would not go back, because something behind it was pushing too.'],
  ],
};

/** Files that make no book, and what the one error about each must say. */
const NO_STORY: Record<string, string> = {
  'restricted-work.html': 'login wall',
  'missing-chapter.html': 'error page',
  'tag-listing.html': 'search or listing page',
};

/** Warnings and errors the build must give, by file and rule: and no other. */
const PROBLEMS: ReadonlyArray<[file: string, rule: string, line?: number]> = [
  ['restricted-work.html', 'story/no-story-page'],
  ['missing-chapter.html', 'story/no-story-page'],
  ['tag-listing.html', 'story/no-story-page'],
  ['undefined-bytes-boathouse.html', 'encoding/undefined-byte', 10],
  ['undefined-bytes-boathouse.html', 'encoding/undefined-byte', 11],
];

// The test's own reading of the sources: tags stripped, the references the fixtures use decoded.
const NAMED: Readonly<Record<string, string>> = {
  amp: '&',
  rsquo: '’',
  ldquo: '“',
  rdquo: '”',
  hellip: '…',
  mdash: '—',
  apos: "'",
  frac12: '½',
};

const decoded = (text: string): string =>
  text.replace(/&#x([\da-f]+);|&#(\d+);|&(\w+);/gi, (ref, hex?: string, decimal?: string, name?: string) =>
    hex
      ? String.fromCodePoint(parseInt(hex, 16))
      : decimal
        ? String.fromCodePoint(Number(decimal))
        : (NAMED[name!] ?? ref),
  );

/** A fixture line by line as a reader sees it (line numbers kept), and its front-matter lines. */
function sourceReading(file: string, text: string): { lines: string[]; header: Set<number> } {
  const raw = text.replace(/\r\n?/g, '\n').split('\n');
  const header = new Set<number>();
  let inHead = false;
  let frontMatter = file.endsWith('.md') && raw[0] === '---';
  const lines = raw.map((line, index) => {
    if (frontMatter) {
      if (index > 0 && line === '---') frontMatter = false;
      else if (index > 0) header.add(index);
      return index > 0 && frontMatter ? decoded(line.replace(/^(?:series|part):.*$/, '')) : '';
    }
    if (/<head>/.test(line)) inHead = true;
    const shown = inHead ? '' : line;
    if (/<\/head>/.test(line)) inHead = false;
    return decoded(shown.replace(/<[^>]*>/g, ' '));
  });
  return { lines, header };
}

describe('edge inputs: character references, slug series, no-story pages, grouping evidence, declared charsets', () => {
  let library: BuiltLibrary;
  const books = new Map<string, OpenedEpub>();

  before(async () => {
    library = await buildInto(FOLDER, { cover: false, cache: false });
    for (const title of Object.keys(BOOKS)) books.set(title, await openEpub(library.book(title)));
  });

  it('has the encoded pages on disk exactly as make.ts writes them', async () => {
    for (const [name, bytes] of encodedFixtures())
      assert.deepEqual(
        new Uint8Array(await readFile(path.join(FOLDER, name))),
        new Uint8Array(bytes),
        `${name}: run npx tsx test/fixtures/edges/make.ts`,
      );
  });

  it('makes one book per story, joins numbered pages only, and none from a page without a story', () => {
    assert.deepEqual(library.result.books.map((b) => b.title).sort(), Object.keys(BOOKS).sort());
    for (const [file, kind] of Object.entries(NO_STORY)) {
      const errors = library.result.diagnostics.filter((d) => d.file === file && d.severity === 'error');
      assert.equal(errors.length, 1, file);
      assert.equal(errors[0]?.rule, 'story/no-story-page', file);
      assert.ok(errors[0]?.message.includes(kind), `${file}: ${errors[0]?.message}`);
    }
    const joined = library.result.diagnostics.filter((d) => d.rule === 'input/chapter-files');
    assert.deepEqual(
      joined.map((d) => d.message.replace(/^.*: /, '')),
      [
        'harbour1.html, harbour2.html, harbour3.html',
        'lantern1.html, lantern2.html, lantern3.html',
        'orchard1.html, orchard2.html',
      ],
    );
  });

  it('names each chapter of numbered pages by the part its page names, in page order, the title once', async () => {
    for (const [title, want] of Object.entries(PAGE_CHAPTERS)) {
      const epub = books.get(title)!;
      const chapters: Array<[string, string]> = [];
      for (const page of await chapterPaths(epub)) {
        const doc = await epub.xml(page);
        chapters.push([textOf(all(doc, 'h2')[0]!), textOf(all(doc, 'p')[0]!)]);
        // The page's title heading is on the title page, not repeated in the text.
        for (const p of all(doc, 'p')) assert.ok(!textOf(p).startsWith(title), `${title}: ${textOf(p)}`);
      }
      assert.deepEqual(chapters, want, title);
    }
    // Each page's cut heading is reported with its file and line.
    const cut = library.result.diagnostics
      .filter(
        (d) =>
          /^(?:lantern|orchard)\d/.test(d.file) &&
          /^format\/title-/.test(d.rule) &&
          /The (?:Lantern Road|Orchard Wall)/.test(d.message),
      )
      .map((d) => [d.file, d.line]);
    assert.deepEqual(cut, [
      ['lantern1.html', 8],
      ['lantern2.html', 8],
      ['lantern3.html', 8],
      ['orchard1.html', 9],
      ['orchard2.html', 9],
    ]);
  });

  it('leaves out a row of site links at the start of a plain page, and says so with its line', async () => {
    const opening: Record<string, [line: number, first: string]> = {
      'The Signal Tower': [8, 'The tower on Brack Hill had not sent a signal in forty years'],
      'The Quarry Song': [10, 'The men in the quarry sang while they cut'],
    };
    for (const [title, [line, first]] of Object.entries(opening)) {
      const paragraphs: string[] = [];
      for (const page of await chapterPaths(books.get(title)!))
        paragraphs.push(...all(await books.get(title)!.xml(page), 'p').map(textOf));
      assert.ok(paragraphs[0]?.startsWith(first), `${title}: opens with "${paragraphs[0]}"`);
      for (const link of ['Home', 'Stories', 'Authors', 'Contact'])
        assert.ok(!paragraphs.some((p) => p.includes(link)), `${title}: "${link}" is left out`);
      const file = BOOKS[title]!.files[0]!;
      const reported = library.result.diagnostics.filter((d) => d.file === file && d.rule === 'html/left-out');
      assert.deepEqual(
        reported.map((d) => [d.line, /Home.*Stories.*Authors/.test(d.message)]),
        [[line, true]],
        file,
      );
    }
  });

  it('reports what each file needs reported, and no other warning or error', () => {
    const problems = library.result.diagnostics.filter((d) => d.severity !== 'info');
    assert.deepEqual(
      problems.map((d) => [d.file, d.rule, d.line]).sort(),
      PROBLEMS.map(([file, rule, line]) => [file, rule, line]).sort(),
    );
    const said = (file: string, rule: string) =>
      library.result.diagnostics.some((d) => d.file === file && d.rule === rule);
    // A page saved in Windows-1252 under a UTF-8 declaration: read right, and the declaration named.
    assert.ok(said('utf8-declared-cp1252-bakery.html', 'encoding/declaration-ignored'));
    // Pages whose bytes agree with their declaration: nothing to say about the encoding.
    for (const file of ['cp1252-declared-lantern.html', 'latin1-declared-market.html'])
      assert.ok(!library.result.diagnostics.some((d) => d.file === file && d.rule.startsWith('encoding/')), file);
    // The title heading and byline of a plain page are cut from its text and said to be.
    assert.ok(said('gatekeeper.html', 'format/title-block'));
  });

  it('carries title, author, series and summary in the package document', async () => {
    for (const [title, want] of Object.entries(BOOKS)) {
      const { doc } = await packageDocument(books.get(title)!);
      assert.equal(textOf(all(doc, 'dc:title')[0]!), title);
      assert.equal(textOf(all(doc, 'dc:creator')[0]!), want.author, title);
      const collection = all(doc, 'meta').find((m) => m.getAttribute('property') === 'belongs-to-collection');
      assert.equal(collection && textOf(collection), want.series, title);
      if (want.summary) assert.ok(textOf(all(doc, 'dc:description')[0]!).includes(want.summary), title);
    }
  });

  it('shows the same metadata in "ficbind list --json"', async () => {
    const run = await runCli(['list', '--json', FOLDER]);
    const listed = JSON.parse(run.stdout) as {
      books: Array<{ title: string; authors: string[]; series?: { name: string } }>;
    };
    assert.deepEqual(
      listed.books.map((b) => [b.title, b.authors, b.series?.name]).sort(),
      Object.entries(BOOKS)
        .map(([title, want]) => [title, [want.author], want.series])
        .sort(),
    );
  });

  it('holds each story’s paragraphs with every reference a character, and no broken character', async () => {
    for (const [title, want] of Object.entries(BOOKS)) {
      const epub = books.get(title)!;
      const paragraphs = new Set<string>();
      for (const page of await spinePaths(epub))
        for (const p of all(await epub.xml(page), 'p')) paragraphs.add(textOf(p));
      for (const text of want.paragraphs) assert.ok(paragraphs.has(text), `${title}: a paragraph reads "${text}"`);
      for (const [name, raw] of await markupEntries(epub)) {
        assertNoBrokenCharacters(raw, `${title}: ${name}`);
        assert.doesNotMatch(
          raw,
          /&amp;(?:#\d+|#x[\da-f]+|rsquo|ldquo|mdash|hellip);(?! because)/i,
          `${title}: ${name}`,
        );
      }
    }
  });

  it('loses no story word: every word of each page is in its book in order, or reported as removed', async () => {
    for (const [title, want] of Object.entries(BOOKS)) {
      for (const file of want.files) {
        const text = fixtureTexts().get(file) ?? (await readFile(path.join(FOLDER, file), 'utf8'));
        await assertNothingLost(
          path.join(FOLDER, file),
          file,
          books.get(title)!,
          library.result.diagnostics,
          sourceReading(file, text),
        );
      }
    }
  });
});
