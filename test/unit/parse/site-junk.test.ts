import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { removeSiteJunk } from '../../../src/parse/site-junk.js';
import { toLines } from '../../../src/parse/lines.js';

const TOOLBAR = 'full\u00a0 3/4\u00a0 1/2\u00a0 \u00a0 skin\u00a0 light\u00a0 dark\u00a0 \u00a0 \u00a0';

/** Runs one line through the cleaner: what is left of it, and the rule that removed it if any. */
function clean(line: string): { kept: string; rule?: string } {
  const { lines, diagnostics } = removeSiteJunk(toLines(line), 'story.txt');
  const kept = lines[0]?.text ?? '';
  const rule = diagnostics[0]?.rule;
  return rule === undefined ? { kept } : { kept, rule };
}

describe('removeSiteJunk', () => {
  describe('removed', () => {
    const cases: Array<[string, string]> = [
      [TOOLBAR, 'junk/reader-toolbar'],
      ['full 3/4 1/2 skin light dark', 'junk/reader-toolbar'],
      ['skin light dark', 'junk/reader-toolbar'],
      ['Full 3/4 1/2 Skin Light Dark Font Size', 'junk/reader-toolbar'],
      ['<<\u00a0\u00a0 >>', 'junk/navigation'],
      ['<<\u00a0 \u00a0 \u00a0 \u00a0 \u00a0 >>', 'junk/navigation'],
      ['>>', 'junk/navigation'],
      ['« »', 'junk/navigation'],
      ['next', 'junk/navigation'],
      ['Next', 'junk/navigation'],
      ['  next  ', 'junk/navigation'],
      ['Previous Chapter', 'junk/navigation'],
      ['Next Chapter >>', 'junk/navigation'],
      ['<< Previous', 'junk/navigation'],
      ['« Back', 'junk/navigation'],
      ['Prev', 'junk/navigation'],
      ['Chapter List', 'junk/navigation'],
      ['Table of Contents', 'junk/navigation'],
      ['Photobucket - Video and Image Hosting', 'junk/image-host-caption'],
      ['Photobucket', 'junk/image-host-caption'],
      ['ImageShack.us', 'junk/image-host-caption'],
      ['TinyPic - Free Image Hosting', 'junk/image-host-caption'],
    ];
    for (const [line, rule] of cases) {
      it(`${JSON.stringify(line)} (${rule})`, () => {
        assert.deepEqual(clean(line), { kept: '', rule });
      });
    }
  });

  describe('kept', () => {
    const cases = [
      'He went next door.',
      'Next, she took the stake.',
      'Next!',
      'next time',
      'It was dark.',
      'dark',
      'dark light',
      'Light and dark, skin and bone.',
      'full 3/4 1/2 font size', // toolbar words, but no "skin": could be anything
      'Back to the house they went.',
      'Previous chapters were kinder.',
      'Photobucket is where I keep my pictures',
      'The photobucket link is broken.',
      '<< she wrote >>',
      'Chapter 1',
      '* * *',
    ];
    for (const line of cases) {
      it(JSON.stringify(line), () => {
        assert.deepEqual(clean(line), { kept: line });
      });
    }
  });

  it('blanks each junk line in place, keeps line numbers and reports line and text', () => {
    const text = [
      TOOLBAR,
      '\u00a0',
      'An Uneasy Bargain',
      '<<\u00a0\u00a0 >>',
      'Photobucket - Video and Image Hosting',
      '',
      'It was dark.',
      'next',
      'Previous Chapter',
    ].join('\n');
    const { lines, diagnostics } = removeSiteJunk(toLines(text), 'stories/bargain.txt');
    assert.deepEqual(
      lines.map((l) => [l.number, l.text]),
      [
        [1, ''],
        [2, '\u00a0'],
        [3, 'An Uneasy Bargain'],
        [4, ''],
        [5, ''],
        [6, ''],
        [7, 'It was dark.'],
        [8, ''],
        [9, ''],
      ],
    );
    assert.deepEqual(
      diagnostics.map((d) => [d.line, d.rule, d.severity, d.file, d.message]),
      [
        [
          1,
          'junk/reader-toolbar',
          'info',
          'stories/bargain.txt',
          'removed reader toolbar: "full 3/4 1/2 skin light dark"',
        ],
        [4, 'junk/navigation', 'info', 'stories/bargain.txt', 'removed navigation links: "<< >>"'],
        [
          5,
          'junk/image-host-caption',
          'info',
          'stories/bargain.txt',
          'removed image-host caption: "Photobucket - Video and Image Hosting"',
        ],
        [8, 'junk/navigation', 'info', 'stories/bargain.txt', 'removed navigation links: "next"'],
        [9, 'junk/navigation', 'info', 'stories/bargain.txt', 'removed navigation links: "Previous Chapter"'],
      ],
    );
  });

  it('does not touch its input lines', () => {
    const input = toLines('next\nBody');
    removeSiteJunk(input, 'a.txt');
    assert.deepEqual(input, [
      { text: 'next', number: 1 },
      { text: 'Body', number: 2 },
    ]);
  });
});

describe('removeSiteJunk: prompts and repeated disclaimers', () => {
  const removed: Array<[string, string]> = [
    ['Please review!', 'junk/review-prompt'],
    ['Review please :)', 'junk/review-prompt'],
    ['Read and review.', 'junk/review-prompt'],
    ['R&R', 'junk/review-prompt'],
    ['Reviews are love!', 'junk/review-prompt'],
    ['Follow/Fav', 'junk/review-prompt'],
    ['Follow, fav and review!', 'junk/review-prompt'],
    ['Disclaimer: see chapter 1', 'junk/repeated-disclaimer'],
    ['Disclaimer: See the first chapter.', 'junk/repeated-disclaimer'],
    ['Disclaimer - in Prologue', 'junk/repeated-disclaimer'],
  ];
  const kept = [
    'Please review the evidence before you decide, she said.',
    'He went to review the troops.',
    'Follow me.',
    'The disclaimer on the jar said nothing useful.',
    'Reviews are in, and the play is a hit.',
  ];
  for (const [text, rule] of removed) {
    it(`removes ${JSON.stringify(text)} and reports the text (${rule})`, () => {
      const result = removeSiteJunk([{ text, number: 7 }], 'story.txt');
      assert.equal(result.lines[0]?.text, '');
      assert.deepEqual(
        result.diagnostics.map((d) => [d.rule, d.severity, d.line, d.removed]),
        [[rule, 'info', 7, text]],
      );
    });
  }
  for (const text of kept) {
    it(`keeps ${JSON.stringify(text)}`, () => {
      const result = removeSiteJunk([{ text, number: 1 }], 'story.txt');
      assert.equal(result.lines[0]?.text, text);
      assert.deepEqual(result.diagnostics, []);
    });
  }
});
