import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { splitChapters } from '../../../src/parse/chapters.js';
import { toLines } from '../../../src/parse/lines.js';
import type { Block, Chapter } from '../../../src/model/story.js';

// Original text written for these tests.

function show(block: Block): string {
  if (block.kind === 'scene-break') return '***';
  if (block.kind === 'image') return `[image: ${block.alt}]`;
  if (block.kind === 'note') return 'A/N';
  return block.inlines.map((i) => (i.kind === 'em' ? `<${i.text}>` : i.text)).join('');
}
const outline = (chapters: readonly Chapter[]): Array<[string | null, string[]]> =>
  chapters.map((c) => [c.title ?? null, c.blocks.map(show)]);
const split = (text: string) => splitChapters(toLines(text), 'story.txt');

describe('splitChapters: heading forms', () => {
  it('splits at parts and books as at chapters', () => {
    const { chapters } = split(
      'PART I\n\nThe first.\n\nBook Two: The Return\n\nThe second.\n\nPart Three\n\nThe third.',
    );
    assert.deepEqual(outline(chapters), [
      ['PART I', ['The first.']],
      ['Book Two: The Return', ['The second.']],
      ['Part Three', ['The third.']],
    ]);
  });

  it('keeps a part heading right before its first chapter as a heading of its own', () => {
    const { chapters, diagnostics } = split('Part One\n\nChapter 1\n\nIt began.\n\nChapter 2\n\nIt went on.');
    assert.deepEqual(outline(chapters), [
      ['Part One', []],
      ['Chapter 1', ['It began.']],
      ['Chapter 2', ['It went on.']],
    ]);
    assert.deepEqual(diagnostics, []);
  });

  it('joins a Gutenberg heading with its title on the next line', () => {
    const { chapters } = split(
      'CHAPTER I.\nTHE HOUSE ON THE HILL.\n\nThe house stood alone.\n\nCHAPTER II.\nDown to the Harbour\n\nThe path went down.',
    );
    assert.deepEqual(outline(chapters), [
      ['CHAPTER I. THE HOUSE ON THE HILL.', ['The house stood alone.']],
      ['CHAPTER II. Down to the Harbour', ['The path went down.']],
    ]);
  });

  it('takes a line set off by blank lines under a bare heading for the first paragraph, not a title', () => {
    const { chapters } = split('CHAPTER XII.\n\nTHE LAST BOAT\n\nNobody came.');
    assert.deepEqual(outline(chapters), [['CHAPTER XII.', ['THE LAST BOAT', 'Nobody came.']]]);
  });

  it('joins a bare heading with a title on the next line in a file of one paragraph per line', () => {
    const line =
      'The wind came over the moor and found the house, as it did every night that winter, and the shutters shook.';
    const { chapters } = split(
      ['CHAPTER I.', 'THE HOUSE ON THE MOOR', line, line, 'CHAPTER II.', line, line].join('\n'),
    );
    assert.deepEqual(
      outline(chapters).map(([t, b]) => [t, b.length]),
      [
        ['CHAPTER I. THE HOUSE ON THE MOOR', 2],
        ['CHAPTER II.', 2],
      ],
    );
  });

  it('does not take a sentence under a heading for its title', () => {
    const { chapters } = split('Intro.\n\nChapter 3\nIt was dark and the rain fell.\n\nMore.');
    assert.equal(chapters.length, 1);
    assert.equal(chapters[0]?.title, undefined);
  });

  it('takes lines of only a number as headings when the file numbers its chapters so', () => {
    const { chapters } = split('1.\n\nThe first.\n\n2.\n\nThe second.\n\n3.\n\nThe third.');
    assert.deepEqual(outline(chapters), [
      ['1.', ['The first.']],
      ['2.', ['The second.']],
      ['3.', ['The third.']],
    ]);
    const roman = split('I.\n\nOne.\n\nII.\n\nTwo.');
    assert.deepEqual(
      outline(roman.chapters).map(([t]) => t),
      ['I.', 'II.'],
    );
  });

  it('leaves lone numbers as text when they are not a sequence', () => {
    for (const text of ['Before.\n\n1.\n\nOnly one.', '1.\n\nOne.\n\n3.\n\nThree.', '1.\n\nOne.\n\nII.\n\nTwo.']) {
      const { chapters } = split(text);
      assert.deepEqual(
        chapters.map((c) => c.title),
        [undefined],
        text,
      );
    }
  });

  it('reads numbers as headings in a file of one paragraph per line', () => {
    const line =
      'The wind came over the moor and found the house, as it did every night that winter, and the shutters shook.';
    const { chapters } = split(['I.', line, line, 'II.', line, line].join('\n'));
    assert.deepEqual(
      outline(chapters).map(([t, b]) => [t, b.length]),
      [
        ['I.', 2],
        ['II.', 2],
      ],
    );
  });

  it('never splits at a heading-like line inside a paragraph of prose', () => {
    const { chapters } = split('She turned to\nPart One\nof the book and read.\n\nThen she slept.');
    assert.deepEqual(outline(chapters), [[null, ['She turned to Part One of the book and read.', 'Then she slept.']]]);
  });
});

describe('splitChapters: tables of contents', () => {
  const body =
    '\n\nCHAPTER I.\nTHE HOUSE.\n\nThe house stood alone.\n\nCHAPTER II.\nTHE HARBOUR.\n\nThe path went down.\n\nCHAPTER III.\nTHE BOAT.\n\nThe boat was gone.';

  it('keeps a contents list under its label as text, one entry a paragraph, and reports it', () => {
    const { chapters, diagnostics } = split(
      `CONTENTS\n\nCHAPTER I. THE HOUSE\nCHAPTER II. THE HARBOUR\nCHAPTER III. THE BOAT${body}`,
    );
    assert.deepEqual(outline(chapters), [
      [null, ['CONTENTS', 'CHAPTER I. THE HOUSE', 'CHAPTER II. THE HARBOUR', 'CHAPTER III. THE BOAT']],
      ['CHAPTER I. THE HOUSE.', ['The house stood alone.']],
      ['CHAPTER II. THE HARBOUR.', ['The path went down.']],
      ['CHAPTER III. THE BOAT.', ['The boat was gone.']],
    ]);
    assert.deepEqual(
      diagnostics.map((d) => [d.severity, d.rule, d.line]),
      [['info', 'chapters/contents', 1]],
    );
    assert.match(diagnostics[0]?.message ?? '', /lines 1–5 are a table of contents/);
  });

  it('finds a list without a label by the headings it names later, entries apart by blank lines', () => {
    const { chapters, diagnostics } = split(`Chapter I\n\nChapter II\n\nChapter III${body}`);
    assert.deepEqual(outline(chapters)[0], [null, ['Chapter I', 'Chapter II', 'Chapter III']]);
    assert.equal(chapters.length, 4);
    assert.deepEqual(
      diagnostics.map((d) => d.rule),
      ['chapters/contents'],
    );
  });

  it('keeps a part heading between the list and the first chapter as a heading', () => {
    const { chapters } = split(`Contents:\n\nChapter I\nChapter II\nChapter III\n\nPART ONE${body}`);
    assert.deepEqual(
      outline(chapters).map(([t]) => t),
      [null, 'PART ONE', 'CHAPTER I. THE HOUSE.', 'CHAPTER II. THE HARBOUR.', 'CHAPTER III. THE BOAT.'],
    );
  });

  it('takes two headings on consecutive lines that the body repeats for a list', () => {
    const { chapters, diagnostics } = split(
      'Chapter 1: Out\nChapter 2: Back\n\nChapter 1: Out\n\nGoing.\n\nChapter 2: Back\n\nComing.',
    );
    assert.deepEqual(outline(chapters), [
      [null, ['Chapter 1: Out', 'Chapter 2: Back']],
      ['Chapter 1: Out', ['Going.']],
      ['Chapter 2: Back', ['Coming.']],
    ]);
    assert.deepEqual(
      diagnostics.map((d) => d.rule),
      ['chapters/contents'],
    );
  });

  it('needs three entries the body repeats to take headings apart by blank lines for a list', () => {
    const { chapters, diagnostics } = split(
      'Chapter 1\n\nChapter 2\n\nText.\n\nChapter 1\n\nMore.\n\nChapter 2\n\nEnd.',
    );
    assert.deepEqual(
      outline(chapters).map(([t]) => t),
      ['Chapter 1', 'Chapter 2', 'Chapter 1', 'Chapter 2'],
    );
    assert.deepEqual(diagnostics, []);
  });

  it('leaves empty chapters the body does not repeat as chapters', () => {
    const { chapters, diagnostics } = split('Chapter 1\n\nChapter 2\n\nChapter 3\n\nOnly now the text.');
    assert.deepEqual(
      outline(chapters).map(([t]) => t),
      ['Chapter 1', 'Chapter 2', 'Chapter 3'],
    );
    assert.deepEqual(diagnostics, []);
  });
});

describe('splitChapters: broken emphasis', () => {
  it('reports a marker that never closes, with its line, and keeps the text', () => {
    const { chapters, diagnostics } = split(
      'Title line.\n\nShe gave him a *look that said\nmore than words, and he left.\n\nFine *here*.',
    );
    assert.deepEqual(outline(chapters), [
      [null, ['Title line.', 'She gave him a *look that said more than words, and he left.', 'Fine <here>.']],
    ]);
    assert.deepEqual(
      diagnostics.map((d) => [d.severity, d.rule, d.file, d.line]),
      [['warning', 'emphasis/unbalanced', 'story.txt', 3]],
    );
  });

  it('does not let a span over a line end swallow half a paragraph', () => {
    const { chapters, diagnostics } = split('He had _half\nthe words ready and then forgot the rest of them_ all.');
    assert.deepEqual(outline(chapters), [
      [null, ['He had _half the words ready and then forgot the rest of them_ all.']],
    ]);
    assert.deepEqual(
      diagnostics.map((d) => [d.rule, d.line]),
      [['emphasis/unbalanced', 1]],
    );
    assert.match(diagnostics[0]?.message ?? '', /lines 1–2/);
  });
});
