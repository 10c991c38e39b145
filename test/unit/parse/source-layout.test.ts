import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { REPO_ROOT } from '../../helpers/build.js';
import type { SourceFile, StorySource } from '../../../src/model/source.js';
import { readSourceFacts, chapterInFileName } from '../../../src/parse/source-facts.js';
import { arrangeSources, isSeriesFolder, withoutChapterMarker } from '../../../src/parse/source-layout.js';

const file = (path: string, text: string): SourceFile => ({ path, text, modified: 0 });
const single = (path: string, text: string): StorySource => ({ path, files: [file(path, text)] });
const folder = (name: string, files: Record<string, string>): StorySource => ({
  path: name,
  files: Object.entries(files).map(([n, t]) => file(`${name}/${n}`, t)),
});
const header = (title: string, body = 'The lamp was lit at dusk.', author = 'Wren Alder') =>
  `Title: ${title}\nAuthor: ${author}\n\n${body}\n`;
const layout = (sources: StorySource[]) =>
  arrangeSources(sources, readSourceFacts).sources.map((s) => [s.path, s.files.map((f) => f.path)]);

/** A saved archive page: its own address, title, author and chapter heading. */
const archivePage = (address: string, title: string, chapter: string) =>
  `<html><head><link rel="canonical" href="${address}"><title>${title}</title><meta name="author" content="Marisol Quill"></head>` +
  `<body><div class="content"><h2>${chapter}</h2><p>The boats came home one by one.</p><p>She counted them all.</p></div></body></html>`;

describe('readSourceFacts', () => {
  it('reads a text header, and the chapter the body opens with', () => {
    assert.deepEqual(readSourceFacts(file('a.txt', header('Salt Road', 'Chapter Three: The Fall\n\nText.'))), {
      title: 'Salt Road',
      author: 'Wren Alder',
      chapter: 3,
    });
  });

  it('takes no title from a headerless first line (only a declared title counts)', () => {
    assert.deepEqual(readSourceFacts(file('a.txt', 'Salt Road\n\nIt was a dark night.\n')), {});
  });

  it('reads front matter, a page, the page address and the chapter in a file name', () => {
    assert.deepEqual(readSourceFacts(file('x.md', '---\ntitle: Tides\nauthor: Ann\n---\n\n## Chapter 2\n\nText.\n')), {
      title: 'Tides',
      author: 'Ann',
      chapter: 2,
    });
    assert.deepEqual(
      readSourceFacts(
        file('p.html', archivePage('https://www.fanfiction.net/s/4321/3/Harbour', 'Harbour', 'Chapter 3: Ebb')),
      ),
      {
        title: 'Harbour',
        author: 'Marisol Quill',
        archiveId: 'fanfiction.net/s/4321',
        chapter: 3,
      },
    );
    assert.deepEqual(readSourceFacts(file('Story Chapter 12.txt', 'Just text.\n')), {
      nameChapter: { stem: 'Story', number: 12 },
      chapter: 12,
    });
  });

  it('reads the header as parsing does: under a "Part 2/5" line, and under a reader toolbar', () => {
    const inline = 'Part 2/5\nTitle: Salt Road\nAuthor: Wren Alder\n\nChapter Two\n\nText.\n';
    assert.deepEqual(readSourceFacts(file('a.txt', inline)), { title: 'Salt Road', author: 'Wren Alder', chapter: 2 });
    const toolbar = `full 3/4 1/2 skin light dark\n\n${header('Salt Road')}`;
    assert.deepEqual(readSourceFacts(file('b.txt', toolbar)), { title: 'Salt Road', author: 'Wren Alder' });
  });

  it('takes a page title and author from the page head as a full read does', () => {
    const page =
      '<html><head><meta property="og:title" content=" "><title>Low Water | Some Archive</title>' +
      '<meta property="author" content="Ines  Harrow"></head><body><p>The tide went out.</p></body></html>';
    assert.deepEqual(readSourceFacts(file('p.html', page)), { title: 'Low Water', author: 'Ines Harrow' });
  });
});

describe('readSourceFacts on the saved pages in test/fixtures/html', () => {
  const page = (name: string) => file(name, readFileSync(path.join(REPO_ROOT, 'test/fixtures/html', name), 'utf8'));
  it('reads the site fields and the chapter the page is on', () => {
    assert.deepEqual(readSourceFacts(page('ffnet-chapter.html')), {
      title: 'The Lantern Keeper',
      author: 'Marisol Quill',
      chapter: 2,
    });
    assert.deepEqual(readSourceFacts(page('ao3-work.html')), { title: 'Salt and Cinder', author: 'Teodor Vale' });
  });
  it('keeps the chapter pages of harbour-letters one story', () => {
    const files = ['chapter-1.html', 'chapter-2.html'].map((n) => page(`harbour-letters/${n}`));
    assert.deepEqual(files.map(readSourceFacts), [
      { title: 'Harbour Letters', author: 'Edda Lorne', chapter: 1, nameChapter: { stem: '', number: 1 } },
      { title: 'Harbour Letters', author: 'Edda Lorne', chapter: 2, nameChapter: { stem: '', number: 2 } },
    ]);
    assert.equal(isSeriesFolder(files, readSourceFacts), false);
  });
});

describe('chapterInFileName', () => {
  const cases: Array<[string, { stem: string; number: number } | undefined]> = [
    ['Story Chapter 2.html', { stem: 'Story', number: 2 }],
    ['story-ch10.txt', { stem: 'story', number: 10 }],
    ['story_ch_3.txt', { stem: 'story', number: 3 }],
    ['ch1.txt', { stem: '', number: 1 }],
    ['sub/The Tide - chap 4.md', { stem: 'The Tide', number: 4 }],
    ['rich1.txt', undefined],
    ['teach 2.txt', undefined],
    ['story part 2.txt', undefined],
    ['chapters.txt', undefined],
  ];
  for (const [name, expected] of cases)
    it(`${name} → ${JSON.stringify(expected)}`, () => assert.deepEqual(chapterInFileName(name), expected));
});

describe('withoutChapterMarker', () => {
  it('leaves the story title', () => {
    assert.equal(withoutChapterMarker('Salt Road - Chapter 2'), 'Salt Road');
    assert.equal(withoutChapterMarker('Salt Road, ch. 3: The Storm'), 'Salt Road');
    assert.equal(withoutChapterMarker('Salt Road (2/5)'), 'Salt Road');
    assert.equal(withoutChapterMarker('Catch-22'), 'Catch-22');
  });
});

describe('isSeriesFolder', () => {
  const files = (texts: Record<string, string>) => folder('f', texts).files;
  it('is a series folder when every file declares its own title', () => {
    assert.equal(
      isSeriesFolder(files({ 'a.txt': header('Summer Rain'), 'b.txt': header('Autumn Wind') }), readSourceFacts),
      true,
    );
    // A book's title may look like a heading of a larger unit; it is still a story's title, not a chapter's.
    assert.equal(
      isSeriesFolder(
        files({ 'a.txt': header('Book One: The Gathering'), 'b.txt': header('Book Two: The Return') }),
        readSourceFacts,
      ),
      true,
    );
  });
  it('is a chapter folder when files have no title, repeat one, or are named or numbered as chapters', () => {
    assert.equal(
      isSeriesFolder(files({ 'ch1.txt': header('Paper Garden'), 'ch2.txt': 'Chapter 2\n\nText.\n' }), readSourceFacts),
      false,
    );
    assert.equal(
      isSeriesFolder(files({ 'a.txt': header('Paper Garden'), 'b.txt': header('Paper Garden') }), readSourceFacts),
      false,
    );
    assert.equal(
      isSeriesFolder(
        files({ 'a.txt': header('Tides - Chapter 1'), 'b.txt': header('Tides - Chapter 2') }),
        readSourceFacts,
      ),
      false,
    );
    assert.equal(
      isSeriesFolder(files({ 'ch1.txt': header('Seeds'), 'ch2.txt': header('Folding') }), readSourceFacts),
      false,
    );
    assert.equal(
      isSeriesFolder(files({ 'a.txt': header('Chapter 1'), 'b.txt': header('Chapter 2') }), readSourceFacts),
      false,
    );
    assert.equal(
      isSeriesFolder(
        files({ 'a.txt': header('Seeds', 'Chapter 1\n\nText.'), 'b.txt': header('Folding', 'Chapter 2\n\nText.') }),
        readSourceFacts,
      ),
      false,
    );
    assert.equal(isSeriesFolder(files({ 'a.txt': header('Only One') }), readSourceFacts), false);
  });
  it('is a series folder when each story opens with its own chapter 1', () => {
    assert.equal(
      isSeriesFolder(
        files({ 'a.txt': header('Seeds', 'Chapter 1\n\nText.'), 'b.txt': header('Folding', 'Chapter 1\n\nText.') }),
        readSourceFacts,
      ),
      true,
    );
  });
});

describe('arrangeSources', () => {
  it('splits a series folder into one story per file and reports it', () => {
    const result = arrangeSources(
      [
        folder('Seasons', { 'b.txt': header('Autumn Wind'), 'a.txt': header('Summer Rain') }),
        single('z.txt', header('Z')),
      ],
      readSourceFacts,
    );
    assert.deepEqual(
      result.sources.map((s) => s.path),
      ['Seasons/a.txt', 'Seasons/b.txt', 'z.txt'].sort(),
    );
    assert.deepEqual(
      result.diagnostics.map((d) => [d.rule, d.severity, d.file]),
      [['input/series-folder', 'info', 'Seasons']],
    );
  });

  it('keeps a chapter folder one story', () => {
    const source = folder('the-paper-garden', {
      'ch1.txt': header('The Paper Garden'),
      'ch2.txt': 'Chapter 2\n\nText.\n',
    });
    assert.deepEqual(arrangeSources([source], readSourceFacts), { sources: [source], diagnostics: [] });
  });

  it('joins top-level chapter files named as chapters, in natural chapter order, under the name they share', () => {
    const result = arrangeSources(
      [
        single('Apples Chapter 10.html', '<p>Ten.</p>'),
        single('Apples Chapter 2.html', '<p>Two.</p>'),
        single('Apples Chapter 1.html', '<p>One.</p>'),
        single('story-ch2.txt', 'Two.\n'),
        single('story-ch1.txt', 'One.\n'),
        single('alone.txt', header('Alone')),
      ],
      readSourceFacts,
    );
    assert.deepEqual(
      result.sources.map((s) => [s.path, s.files.map((f) => f.path)]),
      [
        ['alone.txt', ['alone.txt']],
        ['Apples', ['Apples Chapter 1.html', 'Apples Chapter 2.html', 'Apples Chapter 10.html']],
        ['story', ['story-ch1.txt', 'story-ch2.txt']],
      ],
    );
    assert.deepEqual(
      result.diagnostics.map((d) => [d.rule, d.severity, d.file, d.message]),
      [
        [
          'input/chapter-files',
          'info',
          'Apples',
          'joined 3 files into one story by their names, in chapter order: Apples Chapter 1.html, Apples Chapter 2.html, Apples Chapter 10.html',
        ],
        [
          'input/chapter-files',
          'info',
          'story',
          'joined 2 files into one story by their names, in chapter order: story-ch1.txt, story-ch2.txt',
        ],
      ],
    );
  });

  it('joins pages of one archive story by their address, whatever their names', () => {
    const pages = [
      single(
        'harbour (1).html',
        archivePage('https://www.fanfiction.net/s/4321/2/Harbour', 'Harbour', 'Chapter 2: Flood'),
      ),
      single('harbour.html', archivePage('https://www.fanfiction.net/s/4321/1/Harbour', 'Harbour', 'Chapter 1: Ebb')),
      single('other.html', archivePage('https://www.fanfiction.net/s/999/1/Other', 'Harbour', 'Chapter 1: Ebb')),
    ];
    assert.deepEqual(layout(pages), [
      ['harbour.html', ['harbour.html', 'harbour (1).html']],
      ['other.html', ['other.html']],
    ]);
  });

  it('joins files with one title and author whose chapter headings differ', () => {
    assert.deepEqual(
      layout([
        single('b.txt', header('Low Water', 'Chapter 2\n\nMore.')),
        single('a.txt', header('Low Water', 'Chapter 1\n\nText.')),
        single('c.txt', header('Low Water', 'Chapter 1\n\nSomething else.', 'Another Writer')),
      ]),
      [
        ['a.txt', ['a.txt', 'b.txt']],
        ['c.txt', ['c.txt']],
      ],
    );
  });

  it('does not join distinct stories: different titles, the same chapter number twice, or no chapter numbers', () => {
    const sources = [
      single('Tides Chapter 1.txt', header('Tides')),
      single('Tides Chapter 2.txt', header('Storms')),
      single('x.txt', header('Copy', 'Chapter 1\n\nA.')),
      single('y.txt', header('Copy', 'Chapter 1\n\nA.')),
      single('p.txt', header('Twin')),
      single('q.txt', header('Twin')),
    ];
    assert.deepEqual(
      arrangeSources(sources, readSourceFacts).sources.map((s) => s.files.length),
      [1, 1, 1, 1, 1, 1],
    );
  });

  /** A plain saved page: a `<title>` of its own, the story's title heading and a byline. */
  const plainPage = (pageTitle: string, title: string, byline: string, text: string) =>
    `<html><head><title>${pageTitle}</title></head><body><h1>${title}</h1>${byline}<p>${text}</p><p>The tide turned.</p></body></html>`;

  it('joins numbered pages whose title heading and byline agree, under the title the page shows', () => {
    const by = '<p>by Tessa Crane</p>';
    const sources = [
      single('harbour2.html', plainPage('harbour2', 'The Harbour Wall', by, 'Second night.')),
      single('harbour1.html', plainPage('harbour1', 'The Harbour Wall', by, 'First night.')),
      single('harbour10.html', plainPage('harbour10', 'The Harbour Wall', by, 'Tenth night.')),
    ];
    assert.deepEqual(layout(sources), [['harbour1.html', ['harbour1.html', 'harbour2.html', 'harbour10.html']]]);
    assert.deepEqual(
      [readSourceFacts(sources[0]!.files[0]!).title, readSourceFacts(sources[0]!.files[0]!).author],
      ['The Harbour Wall', 'Tessa Crane'],
    );
    const linked = plainPage('x', 'Low Tide', '<p>By <a href="/users/okeel/pseuds/okeel">Oona Keel</a></p>', 'One.');
    assert.equal(readSourceFacts(file('tide1.html', linked)).author, 'Oona Keel');
  });

  it('never joins pages by their names alone: a shared stem, or numbers with differing titles or authors', () => {
    const sources = [
      single('notes.html', plainPage('Notes', 'Garden Notes', '<p>by Piet Hollander</p>', 'Beans.')),
      single('old-notes.html', plainPage('Notes', 'Garden Notes', '<p>by Piet Hollander</p>', 'Peas.')),
      single('draft1.html', plainPage('draft1', 'The Bell', '<p>by Ann Wick</p>', 'Rang.')),
      single('draft2.html', plainPage('draft2', 'The Clock', '<p>by Ann Wick</p>', 'Ticked.')),
      single('log1.html', plainPage('log1', 'Ship Log', '<p>by Ann Wick</p>', 'Sailed.')),
      single('log2.html', plainPage('log2', 'Ship Log', '<p>by Bo Lind</p>', 'Docked.')),
      single('t1.txt', header('...')),
      single('t2.txt', header('<>|*')),
    ];
    assert.deepEqual(
      arrangeSources(sources, readSourceFacts).sources.map((s) => s.files.length),
      [1, 1, 1, 1, 1, 1, 1, 1],
    );
  });
});
