import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { parseStory, type ParseOptions } from '../../../src/parse/parse-story.js';
import type { SourceFile, StorySource } from '../../../src/model/source.js';
import type { Block, Chapter } from '../../../src/model/story.js';

const file = (path: string, text: string, modified = 1_000): SourceFile => ({ path, text, modified });
const single = (path: string, text: string): StorySource => ({ path, files: [file(path, text)] });

/** A block as one short string: `¶ text with _em_` or `***` for a scene break. */
function show(block: Block): string {
  if (block.kind === 'scene-break') return '***';
  if (block.kind === 'image') return `[image: ${block.alt}]`;
  if (block.kind === 'note') return `A/N[${block.blocks.map(show).join(' ')}]`;
  return `¶ ${block.inlines.map((i) => (i.kind === 'em' ? `_${i.text}_` : i.text)).join('')}`;
}
/** Chapters as `[title or null, kind, blocks]`. */
const outline = (chapters: readonly Chapter[]): Array<[string | null, string, string[]]> =>
  chapters.map((c) => [c.title ?? null, c.kind, c.blocks.map(show)]);

function parse(source: StorySource, options?: ParseOptions) {
  const parsed = parseStory(source, options);
  return { ...parsed, rules: parsed.diagnostics.map((d) => `${d.severity} ${d.rule}`) };
}

describe('parseStory', () => {
  it("names the file a field is in when a story's files disagree (header/repeated, header/date)", () => {
    const parsed = parse({
      path: 'harbour',
      files: [
        file('harbour/ch1.txt', 'Title: Harbour Lights\nAuthor: Vesper Lark\n\nThe lamps were lit.'),
        file(
          'harbour/ch2.txt',
          'Author: Vesper Lark\nTitle: Harbour Lanterns\nPublished: someday\n\nThe lamps went out.',
        ),
      ],
    });
    const said = parsed.diagnostics
      .filter((d) => d.rule === 'header/repeated' || d.rule === 'header/date')
      .map((d) => [d.rule, d.file, d.line]);
    assert.deepEqual(said, [
      ['header/repeated', 'harbour/ch2.txt', 2],
      ['header/date', 'harbour/ch2.txt', 3],
    ]);
  });

  it('reads a header and chapters from one file', () => {
    const text = [
      'Title: The Far Shore',
      'Author: Vesper Lark',
      'Series: The Lantern Road, Part 2',
      '',
      'Prologue',
      '',
      'It was *late*.',
      'Wrapped line.',
      '',
      '~ ~ ~ ~',
      '',
      'Later.',
      '',
      'Chapter 1: Shore',
      '',
      'The boat.',
      '',
      'Epilogue',
      '',
      'Home.',
    ].join('\n');
    const { story, rules } = parse(single('far-shore.txt', text));
    assert.deepEqual(rules, []);
    assert.ok(story);
    assert.equal(story.source, 'far-shore.txt');
    assert.equal(story.meta.title, 'The Far Shore');
    assert.equal(story.meta.author, 'Vesper Lark');
    assert.deepEqual(story.meta.series, { name: 'The Lantern Road', part: 2 });
    assert.deepEqual(outline(story.chapters), [
      ['Prologue', 'prologue', ['¶ It was _late_. Wrapped line.', '***', '¶ Later.']],
      ['Chapter 1: Shore', 'chapter', ['¶ The boat.']],
      ['Epilogue', 'epilogue', ['¶ Home.']],
    ]);
    assert.deepEqual(
      story.chapters.map((c) => [c.file, c.line]),
      [
        ['far-shore.txt', 5],
        ['far-shore.txt', 14],
        ['far-shore.txt', 18],
      ],
    );
    assert.equal(story.modified, 1_000);
  });

  it('keeps line numbers of the source file on paragraphs and breaks', () => {
    const { story } = parse(single('a.txt', 'Title: A\n\nOne.\n\n* * *\n\nTwo\nlines.'));
    assert.deepEqual(
      story?.chapters[0]?.blocks.map((b) => b.line),
      [3, 5, 7],
    );
  });

  it('reads a folder of chapter files in the order given, naming untitled files by their place', () => {
    const source: StorySource = {
      path: 'the-paper-garden',
      files: [
        file('the-paper-garden/01.txt', 'Title: The Paper Garden\nAuthor: Me\n\nFirst file text.', 50),
        file('the-paper-garden/02.txt', 'Chapter Two: Roots\n\nSecond file.', 300),
        file('the-paper-garden/03.txt', 'Third, untitled.', 70),
      ],
    };
    const { story, rules } = parse(source);
    assert.deepEqual(rules, []);
    assert.equal(story?.meta.title, 'The Paper Garden');
    assert.deepEqual(outline(story?.chapters ?? []), [
      ['Chapter 1', 'chapter', ['¶ First file text.']],
      ['Chapter Two: Roots', 'chapter', ['¶ Second file.']],
      ['Chapter 3', 'chapter', ['¶ Third, untitled.']],
    ]);
    assert.deepEqual(
      story?.chapters.map((c) => c.file),
      ['the-paper-garden/01.txt', 'the-paper-garden/02.txt', 'the-paper-garden/03.txt'],
    );
    assert.equal(story?.modified, 300, 'newest file time');
  });

  it('takes the title of a headerless file from its first line, and warns', () => {
    const { story, diagnostics } = parse(single('lone.txt', 'The Lone Tale\n\nIt began.\n\nIt ended.'));
    assert.equal(story?.meta.title, 'The Lone Tale');
    assert.equal(story?.meta.author, 'Unknown');
    assert.deepEqual(outline(story?.chapters ?? []), [[null, 'chapter', ['¶ It began.', '¶ It ended.']]]);
    assert.deepEqual(
      diagnostics.map((d) => [d.severity, d.rule, d.file, d.line]),
      [['warning', 'header/missing', 'lone.txt', 1]],
    );
    assert.match(diagnostics[0]?.message ?? '', /"The Lone Tale" taken from its first line/);
  });

  it('takes the title from the file name when a headerless file starts with prose', () => {
    const { story, diagnostics } = parse(single('the-paper_garden.txt', 'It began on a Tuesday.\n\nMore.'));
    assert.equal(story?.meta.title, 'The Paper Garden');
    assert.deepEqual(outline(story?.chapters ?? []), [[null, 'chapter', ['¶ It began on a Tuesday.', '¶ More.']]]);
    assert.deepEqual(
      diagnostics.map((d) => d.rule),
      ['header/missing'],
    );
    assert.match(diagnostics[0]?.message ?? '', /taken from the file name/);
  });

  it('does not take a chapter heading for a title', () => {
    const { story } = parse(single('untitled-story.txt', 'Chapter 1\n\nText.'));
    assert.equal(story?.meta.title, 'Untitled Story');
    assert.deepEqual(outline(story?.chapters ?? []), [['Chapter 1', 'chapter', ['¶ Text.']]]);
  });

  for (const [what, text] of [
    ['an empty file', ''],
    ['a file of blank lines', '\n \n\u00a0\n'],
    ['a header-only file', 'Title: X\nAuthor: Y\n\n'],
    ['a header and headings but no text', 'Title: X\n\nChapter 1\n\n* * *\n\nChapter 2\n'],
    ['nothing but page junk', 'Title: X\n\nfull 3/4 1/2 skin light dark\n\n<< >>\n\nnext'],
  ] as const) {
    it(`makes no story of ${what}, with a story/empty error`, () => {
      const { story, diagnostics } = parse(single('x.txt', text));
      assert.equal(story, undefined);
      const errors = diagnostics.filter((d) => d.severity === 'error');
      assert.deepEqual(
        errors.map((d) => [d.rule, d.file]),
        [['story/empty', 'x.txt']],
      );
    });
  }

  it('makes text before the first heading an untitled opening chapter', () => {
    const { story } = parse(single('o.txt', 'Title: X\n\nA note before it all.\n\nChapter 1\n\nBody.'));
    assert.deepEqual(outline(story?.chapters ?? []), [
      [null, 'chapter', ['¶ A note before it all.']],
      ['Chapter 1', 'chapter', ['¶ Body.']],
    ]);
  });

  it('only takes a heading that stands on its own', () => {
    const { story } = parse(
      single('o.txt', 'Title: X\n\nShe read on.\nChapter 3\nwas the worst.\n\nChapter 4\n\nBody.'),
    );
    assert.deepEqual(outline(story?.chapters ?? []), [
      [null, 'chapter', ['¶ She read on. Chapter 3 was the worst.']],
      ['Chapter 4', 'chapter', ['¶ Body.']],
    ]);
  });

  it('reads a file of one paragraph per line, taking a heading line as a chapter without blank lines around it', () => {
    const text = [
      'Title: Night Ferry',
      'Author: A',
      '',
      'Mara had never liked the night ferry, but it was the only boat that still ran after the storm warnings went up.',
      '“You’re the one going to Skell?” asked the man across the aisle, a dog asleep under his seat.',
      '“I am.”',
      'Chapter 2',
      'By midnight the wind had found them, and somewhere below a door kept banging, patient as a clock.',
      'When the lights of Skell came up out of the dark at last, she was not afraid at all.',
    ].join('\n');
    const { story } = parse(single('ferry.txt', text));
    assert.deepEqual(
      outline(story?.chapters ?? []).map(([title, , blocks]) => [title, blocks.length]),
      [
        [null, 3],
        ['Chapter 2', 2],
      ],
    );
  });

  describe('page junk', () => {
    const text = 'full 3/4 1/2 skin light dark\n\nAn Uneasy Bargain\n\n<< >>\n\nCorvin waited.\n\nnext';

    it('removes it, reports each line, and still finds the title line beneath it', () => {
      const { story, diagnostics } = parse(single('bargain.txt', text));
      assert.equal(story?.meta.title, 'An Uneasy Bargain');
      assert.deepEqual(outline(story?.chapters ?? []), [[null, 'chapter', ['¶ Corvin waited.']]]);
      assert.deepEqual(
        diagnostics.map((d) => [d.rule, d.line]),
        [
          ['junk/reader-toolbar', 1],
          ['junk/navigation', 5],
          ['junk/navigation', 9],
          ['header/missing', 1],
        ],
      );
    });

    it('keeps it with keepJunk', () => {
      const { story, diagnostics } = parse(single('bargain.txt', text), { keepJunk: true });
      assert.deepEqual(
        diagnostics.map((d) => d.rule),
        ['header/missing'],
      );
      assert.deepEqual(outline(story?.chapters ?? []), [
        [
          null,
          'chapter',
          ['¶ full 3/4 1/2 skin light dark', '¶ An Uneasy Bargain', '¶ << >>', '¶ Corvin waited.', '¶ next'],
        ],
      ]);
    });
  });

  it('reads series from the summary when there is no Series field', () => {
    const text =
      "Title: Second Debt\nAuthor: Vesper Lark\nSummary: 2/3 Corvin goes to Ottilie. Part 2 in Don't Say I Never Warned You About the Tide, a sequel.\n\nCorvin couldn't bring himself to look.";
    const { story } = parse(single('second-debt.txt', text));
    assert.deepEqual(story?.meta.series, { name: "Don't Say I Never Warned You About the Tide", part: 2, total: 3 });
  });

  describe('an inline header opening with "Part 8/9"', () => {
    const header = [
      'Part 8/9',
      'Disclaimer: The people and places are my own.',
      'Rating: T',
      'Summary: The keeper finds the last letter.',
    ];

    it('reads the part and the fields under it as the header of a text file', () => {
      const { story } = parse(
        single('letters-8.txt', [...header, '', 'The eighth letter came on a Tuesday.'].join('\n')),
      );
      assert.equal(story?.meta.disclaimer, 'The people and places are my own.');
      assert.equal(story?.meta.rating, 'T');
      assert.equal(story?.meta.summary, 'The keeper finds the last letter.');
      assert.deepEqual(story?.meta.extra, [{ key: 'Part', value: '8/9' }]);
      assert.deepEqual(outline(story?.chapters ?? []), [[null, 'chapter', ['¶ The eighth letter came on a Tuesday.']]]);
    });

    it('reads it from the <br> lines of a saved page, bold keys and all', () => {
      const html = `<html><body><div id="storytext"><p>Part 8 of 9<br><b>Disclaimer:</b> The people and places are my own.<br><b>Rating:</b> T<br><b>Summary:</b> The keeper finds the last letter.</p>
<p>The eighth letter came on a Tuesday.</p></div></body></html>`;
      const { story } = parse(single('letters-8.html', html));
      assert.equal(story?.meta.disclaimer, 'The people and places are my own.');
      assert.equal(story?.meta.rating, 'T');
      assert.deepEqual(story?.meta.extra, [{ key: 'Part', value: '8 of 9' }]);
      assert.deepEqual(outline(story?.chapters ?? []), [[null, 'chapter', ['¶ The eighth letter came on a Tuesday.']]]);
    });

    it('leaves a lone "Part 8/9" line with prose under it as text', () => {
      const { story } = parse(single('x.txt', 'Title: X\n\nPart 8/9\nof the letters had come.'));
      assert.deepEqual(outline(story?.chapters ?? []), [[null, 'chapter', ['¶ Part 8/9 of the letters had come.']]]);
    });
  });

  describe('a challenge page saved as text', () => {
    const challenge = [
      'Just a moment...',
      '',
      'Checking your browser before accessing stories.example.',
      '',
      'This process is automatic. Your browser will redirect to your requested content shortly.',
      '',
      'DDoS protection by Cloudflare',
      'Ray ID: 7f00aa11bb22cc33',
    ].join('\n');

    it('makes no story, with one error saying what the file is', () => {
      const { story, diagnostics } = parse(single('chapter-9.txt', challenge));
      assert.equal(story, undefined);
      assert.deepEqual(
        diagnostics.map((d) => [d.severity, d.rule, d.file]),
        [['error', 'story/challenge-page', 'chapter-9.txt']],
      );
    });

    it('still reads a story that mentions such a page', () => {
      const text =
        'Title: Waiting\n\nThe screen said: Just a moment...\n\nShe waited. Nothing about Cloudflare helped.';
      assert.ok(parse(single('waiting.txt', text)).story);
    });
  });
});
