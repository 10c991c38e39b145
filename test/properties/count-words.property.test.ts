import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { countTextWords } from '../../src/parse/count-words.js';
import { propertyOptions, RUNS } from '../helpers/property.js';

/** The definition the counter must keep: a reader's words, as one regular expression. */
const WORD = /[\p{L}\p{N}]+(?:['’][\p{L}\p{N}]+)*/gu;

// The ASCII letters and digits, and the characters either side of each range.
const asciiEdges = fc.string({ unit: fc.constantFrom(...'/09:@AZ[`az{ '), maxLength: 6 });
const piece = fc.oneof(
  { weight: 3, arbitrary: asciiEdges },
  { weight: 3, arbitrary: fc.string({ unit: 'binary', maxLength: 6 }) },
  {
    weight: 2,
    arbitrary: fc.constantFrom(
      "'",
      '’',
      "''",
      ' ',
      'a',
      'É',
      '٣',
      '中',
      '𝒜',
      '🌙',
      '\uD800',
      '\uDC00',
      '-',
      '—',
      '“',
      '\u1FFC',
      '\u2070',
    ),
  },
);

describe('countTextWords', () => {
  it(`counts the matches of the word pattern in any text (${RUNS} cases)`, () => {
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 12 }), (pieces) => {
        const text = pieces.join('');
        assert.equal(countTextWords(text), text.match(WORD)?.length ?? 0);
      }),
      propertyOptions(),
    );
  });

  it('joins words at an apostrophe between letters, and only there', () => {
    assert.equal(countTextWords("don't o’clock 'tis rock'n'roll dogs' 3'4 a''b"), 8);
  });
});
