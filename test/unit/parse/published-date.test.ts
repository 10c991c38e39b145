import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { toIsoDate } from '../../../src/parse/published-date.js';

describe('toIsoDate', () => {
  const cases: Array<[string, string | undefined]> = [
    ['2021-04-02', '2021-04-02'],
    ['2021/4/2', '2021-04-02'],
    ['2021.04.02', '2021-04-02'],
    ['2021-04-02T10:15:00Z', '2021-04-02'],
    ['April 2, 2021', '2021-04-02'],
    ['Apr 2nd, 2021', '2021-04-02'],
    ['Sept. 14 2021', '2021-09-14'],
    ['2 April 2021', '2021-04-02'],
    ['Friday, 2 April 2021', '2021-04-02'],
    ['April 2021', '2021-04'],
    ['2021-04', '2021-04'],
    ['2021', '2021'],
    // Ambiguous or impossible: not a date ficbind guesses at.
    ['02/04/2021', undefined],
    ['2021-02-30', undefined],
    ['2021-13-01', undefined],
    ['Smarch 3, 2021', undefined],
    ['a while ago', undefined],
    ['', undefined],
  ];
  for (const [text, expected] of cases) it(`"${text}" → ${expected}`, () => assert.equal(toIsoDate(text), expected));
});
