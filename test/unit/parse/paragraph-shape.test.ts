import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { isSceneBreak } from '../../../src/parse/scene-breaks.js';
import { linesToBlocks } from '../../../src/parse/blocks.js';
import { toLines, type SourceLine } from '../../../src/parse/lines.js';
import { detectParagraphShape, splitParagraphs, type LineGroup } from '../../../src/parse/paragraph-shape.js';

// Fixtures: original text written for these tests.

/** One paragraph per line, no blank lines at all (as many archives save a story). */
const LINE_PER_PARAGRAPH = [
  'Mara had never liked the night ferry, but it was the only boat that still ran after the storm warnings went up along the coast.',
  'She found a seat by the window and watched the harbour lights slide away, one by one, until there was nothing outside but black water and her own tired face.',
  '“You’re the one going to Skell?” asked the man across the aisle. He had a canvas bag on his knees and a dog asleep under the seat.',
  '“I am.”',
  '“Nobody goes to Skell in November.”',
  'She smiled without meaning to. “Then it’ll be quiet.”',
  'The dog woke, yawned, and put its chin on her boot as if it had decided something about her.',
  '* * *',
  'By midnight the wind had found them. The ferry leaned and groaned, and somewhere below a door kept banging, patient as a clock.',
  'The man with the dog was asleep, or pretending to be. Mara counted the bangs and lost count, and started again, and lost count again…',
  'When the lights of Skell came up out of the dark at last, she was surprised to find she had not been afraid at all.',
].join('\n');

/** Hard-wrapped at 70 columns with blank lines between paragraphs, as Project Gutenberg does. */
const GUTENBERG = `CHAPTER I.

The lighthouse at Merrow Head had stood for a hundred and forty years
before anyone thought to ask who had built it. The question came up
one wet evening in the parlour of the Anchor, when the schoolmaster, a
narrow and careful man named Ellis Braithe, produced a folded paper he
had found inside a hymn book at the chapel.

It was a verse, written in a cramped brown hand, and he read it aloud
to the room while the rain went on against the shutters:

    Where the grey gull turns,
    And the cold tide burns,
    There the lamp was laid
    By a hand unpaid.

Nobody spoke for a while. Old Mrs. Penrose, who kept the bar, said
that she had heard her grandmother sing something like it, though the
tune had gone out of her head long ago, and the words with it.

* * *

The next morning the schoolmaster walked out along the cliff path with
the paper in his coat pocket and a stub of pencil behind his ear.

CHAPTER II.

By the time he reached the lighthouse the wind had dropped, and the
sea lay flat and bright as a sheet of tin. The keeper was sitting on
the step, mending a net, and did not look up when the gate creaked.

"You'll be wanting the stones," he said. "Everyone does, sooner or
later. They come with their papers and their questions, and they go
away again with neither."`;

/** Blank-separated paragraphs on one line each, one wrapped by hand, and a song's chorus. */
const BLANK_SEPARATED = `The fair came to Dunmore on the last Saturday of August, the way it always had, and Jory was there before the first stall opened.

He had saved eleven shillings over the summer. He meant to spend every one of them, and he meant to spend them slowly.

The fiddler by the cider tent was already playing, and a crowd had gathered to sing along with the chorus everyone knew:

Oh the apples are in
And the barley is high
And we'll dance till the morning
Comes over the rye

Jory did not sing. He was watching the girl at the ribbon stall, who was watching
the fiddler, who was watching nobody at all.

~ ~ ~

By evening he had four shillings left, a ribbon in his pocket, and no idea how he was going to give it to her.`;

const lines = (text: string): SourceLine[] => toLines(text);
const words = (text: string): string[] => text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
const paragraphs = (groups: readonly LineGroup[]) => groups.filter((g) => g.kind === 'paragraph');
/** Every word of the groups, in order. */
const groupWords = (groups: readonly LineGroup[]): string[] =>
  paragraphs(groups).flatMap((g) => g.lines.flatMap((l) => words(l.text)));
/** Every word of the source that is not a scene-break ornament, in order. */
const sourceWords = (text: string): string[] => text.split('\n').flatMap((l) => (isSceneBreak(l) ? [] : words(l)));

describe('detectParagraphShape', () => {
  const cases: Array<[string, string, 'blank-separated' | 'line-per-paragraph']> = [
    ['one paragraph per line, no blank line', LINE_PER_PARAGRAPH, 'line-per-paragraph'],
    [
      'one paragraph per line with a stray blank line or two',
      LINE_PER_PARAGRAPH.replace('\n* * *\n', '\n\n* * *\n\n'),
      'line-per-paragraph',
    ],
    ['hard-wrapped at 70 columns between blank lines (Gutenberg)', GUTENBERG, 'blank-separated'],
    ['paragraphs on one line each between blank lines', BLANK_SEPARATED, 'blank-separated'],
    [
      'hard-wrapped without any blank line (a run-on reading is no better: kept as today)',
      GUTENBERG.replace(/\n\n/g, '\n'),
      'blank-separated',
    ],
    [
      'long lines without closing punctuation and no blank line',
      Array.from({ length: 6 }, (_, i) => `${'word '.repeat(12 + ((i * 7) % 5) * 9)}and then`).join('\n'),
      'line-per-paragraph',
    ],
    ['two lines (too few to measure)', 'One line.\nTwo lines.', 'blank-separated'],
    ['nothing at all', '', 'blank-separated'],
  ];
  for (const [what, text, expected] of cases) {
    it(`${what} → ${expected}`, () => {
      assert.equal(detectParagraphShape(lines(text)), expected);
    });
  }
});

describe('splitParagraphs', () => {
  it('makes each line of a line-per-paragraph file its own paragraph, the break a break', () => {
    const groups = splitParagraphs(lines(LINE_PER_PARAGRAPH), 'line-per-paragraph');
    assert.equal(paragraphs(groups).length, 10);
    assert.ok(paragraphs(groups).every((g) => g.lines.length === 1 && !g.verse));
    assert.deepEqual(
      groups.filter((g) => g.kind === 'scene-break').map((g) => g.line.number),
      [8],
    );
    assert.deepEqual(groupWords(groups), sourceWords(LINE_PER_PARAGRAPH));
  });

  it('joins the wrapped lines of a Gutenberg file, keeps its verse as lines, never swallows a heading or break', () => {
    const groups = splitParagraphs(lines(GUTENBERG), 'blank-separated');
    assert.deepEqual(
      groups.map((g) =>
        g.kind !== 'paragraph' ? '***' : `${g.lines[0]?.number}:${g.lines.length}${g.verse ? ' verse' : ''}`,
      ),
      ['1:1', '3:5', '9:2', '12:4 verse', '17:3', '***', '23:2', '26:1', '28:3', '32:3'],
    );
    assert.equal(paragraphs(groups).length, 9);
    assert.deepEqual(groupWords(groups), sourceWords(GUTENBERG));
  });

  it('keeps a heading or break apart even when no blank line separates it from the text', () => {
    const text = 'CHAPTER III.\nThe Keeper’s Step\n\nHe came down the step\n* * *\nand went in.\nChapter 4\n\nThe end.';
    const groups = splitParagraphs(lines(text), 'blank-separated');
    assert.deepEqual(
      groups.map((g) => (g.kind !== 'paragraph' ? '***' : g.lines.map((l) => l.text).join(' / '))),
      ['CHAPTER III.', 'The Keeper’s Step', 'He came down the step', '***', 'and went in.', 'Chapter 4', 'The end.'],
    );
  });

  it('reads a heading line between two text lines as a wrapped sentence', () => {
    const groups = splitParagraphs(lines('She read on.\nChapter 3\nwas the worst.'), 'blank-separated');
    assert.deepEqual(
      paragraphs(groups).map((g) => g.lines.length),
      [3],
    );
  });

  it('joins a hand-wrapped paragraph and keeps a song chorus as verse in a blank-separated file', () => {
    const groups = splitParagraphs(lines(BLANK_SEPARATED), 'blank-separated');
    assert.equal(paragraphs(groups).length, 6);
    const verse = paragraphs(groups).filter((g) => g.verse);
    assert.deepEqual(
      verse.map((g) => g.lines.map((l) => l.text)),
      [['Oh the apples are in', 'And the barley is high', "And we'll dance till the morning", 'Comes over the rye']],
    );
    assert.ok(
      paragraphs(groups).some((g) => g.lines.length === 2 && !g.verse),
      'the hand-wrapped paragraph is joined',
    );
    assert.equal(groups.filter((g) => g.kind === 'scene-break').length, 1);
    assert.deepEqual(groupWords(groups), sourceWords(BLANK_SEPARATED));
  });

  it('joins two short lines in an unwrapped file (they may be one paragraph), but not in a hard-wrapped one', () => {
    const unwrapped =
      'It was *late*.\nWrapped line.\n\nA long paragraph on one line, as most saved stories have them, running on well past any wrap width at all.';
    assert.deepEqual(
      paragraphs(splitParagraphs(lines(unwrapped), 'blank-separated')).map((g) => g.verse),
      [false, false],
    );
    const wrapped = `${GUTENBERG}\n\n    Here lies the keeper,\n    Asleep by the sea.`;
    const last = paragraphs(splitParagraphs(lines(wrapped), 'blank-separated')).at(-1);
    assert.deepEqual([last?.lines.length, last?.verse], [2, true]);
  });

  it('gives nothing for blank lines only', () => {
    assert.deepEqual(splitParagraphs(lines('\n  \n\u00A0\n'), 'blank-separated'), []);
    assert.deepEqual(splitParagraphs(lines('\n  \n'), 'line-per-paragraph'), []);
  });
});

describe('linesToBlocks', () => {
  it('reads each line of a line-per-paragraph body as a paragraph, measuring the shape itself', () => {
    const blocks = linesToBlocks(lines(LINE_PER_PARAGRAPH));
    assert.equal(blocks.filter((b) => b.kind === 'paragraph').length, 10);
    assert.equal(blocks.filter((b) => b.kind === 'scene-break').length, 1);
  });

  it('gives verse its lines as well as its joined text, with the line it starts on', () => {
    const verse = linesToBlocks(lines(GUTENBERG)).find((b) => b.kind === 'paragraph' && b.lines !== undefined);
    assert.ok(verse?.kind === 'paragraph');
    assert.equal(verse.line, 12);
    assert.deepEqual(
      verse.lines?.map((l) => l.map((i) => i.text).join('')),
      ['Where the grey gull turns,', 'And the cold tide burns,', 'There the lamp was laid', 'By a hand unpaid.'],
    );
    assert.equal(
      verse.inlines.map((i) => i.text).join(''),
      'Where the grey gull turns, And the cold tide burns, There the lamp was laid By a hand unpaid.',
    );
  });

  it('joins wrapped prose into one line of text with single spaces', () => {
    const first = linesToBlocks(lines(GUTENBERG)).find((b) => b.kind === 'paragraph' && b.line === 3);
    assert.ok(first?.kind === 'paragraph');
    assert.equal(first.lines, undefined);
    assert.match(
      first.inlines.map((i) => i.text).join(''),
      /^The lighthouse at Merrow Head had stood for a hundred and forty years before anyone/,
    );
  });
});
