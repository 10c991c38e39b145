import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readNumber } from '../../../src/parse/numbers.js';
import { numberInTitle } from '../../../src/parse/title-number.js';

describe('readNumber', () => {
  const cases: Array<[string, number | undefined]> = [
    ['7', 7],
    ['012', 12],
    ['Three', 3],
    ['nineteen', 19],
    ['twenty-one', 21],
    ['Forty', 40],
    ['IV', 4],
    ['xii', 12],
    ['XC', 90],
    ['seventh', undefined],
    ['IIII', undefined],
    ['', undefined],
    ['thirty-twelve', undefined],
  ];
  for (const [text, expected] of cases)
    it(`reads "${text}" as ${expected}`, () => assert.equal(readNumber(text), expected));
});

describe('numberInTitle', () => {
  const cases: Array<[string, number | undefined]> = [
    ['Winter Frost, Book 3', 3],
    ['Book 2: The Crossing', 2],
    ['Part Three', 3],
    ['The Long Road (Part Two)', 2],
    ['Tides, Volume IV', 4],
    ['Moonlight II', 2],
    ['Moonlight 2', 2],
    ['Tides: Three', 3],
    ['Harrow #5', 5],
    // Not a place in a series.
    ['Where Am I', undefined],
    ['Catch-22 Days', undefined],
    ['The Salt Road', undefined],
    ['Civil Unrest', undefined],
    ['Mix It Up', undefined],
  ];
  for (const [title, expected] of cases)
    it(`"${title}" → ${expected}`, () => assert.equal(numberInTitle(title), expected));
});
