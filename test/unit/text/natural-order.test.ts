import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { compareNatural } from '../../../src/text/natural-order.js';

const sign = (n: number): number => Math.sign(n);
const sorted = (names: readonly string[]): string[] => [...names].sort(compareNatural);

describe('compareNatural', () => {
  describe('pairs', () => {
    // [a, b, expected sign of compareNatural(a, b)]
    const cases: Array<[string, string, -1 | 0 | 1]> = [
      ['ch1', 'ch2', -1],
      ['ch2', 'ch10', -1],
      ['ch10', 'ch2', 1],
      ['ch9.txt', 'ch10.txt', -1],
      ['chapter-2-b', 'chapter-10-a', -1],
      ['part2-ch10', 'part10-ch1', -1],
      ['1.5', '1.10', -1],
      ['9', '10', -1],
      ['ch1', 'ch1a', -1],
      ['a', 'b', -1],
      ['B', 'a', 1],
      ['Ch2', 'ch10', -1],
      ['ch1', 'ch1', 0],
      ['', '', 0],
      ['', 'a', -1],
      // Numbers longer than a double can hold are still told apart.
      ['99999999999999999998', '99999999999999999999', -1],
    ];
    for (const [a, b, expected] of cases) {
      it(`${JSON.stringify(a)} ${expected < 0 ? '<' : expected > 0 ? '>' : '='} ${JSON.stringify(b)}`, () => {
        assert.equal(sign(compareNatural(a, b)), expected);
        assert.equal(sign(compareNatural(b, a)), -expected || 0);
      });
    }
  });

  it('sorts chapter files by their numbers, not character by character', () => {
    assert.deepEqual(sorted(['ch10.txt', 'ch2.txt', 'ch1.txt', 'ch11.txt', 'ch3.txt']), [
      'ch1.txt',
      'ch2.txt',
      'ch3.txt',
      'ch10.txt',
      'ch11.txt',
    ]);
  });

  it('ignores case when ordering', () => {
    assert.deepEqual(sorted(['Chapter 3', 'chapter 10', 'CHAPTER 2', 'chapter 1']), [
      'chapter 1',
      'CHAPTER 2',
      'Chapter 3',
      'chapter 10',
    ]);
    assert.deepEqual(sorted(['beta', 'Alpha', 'gamma', 'Delta']), ['Alpha', 'beta', 'Delta', 'gamma']);
  });

  it('breaks ties between names that differ only in case or leading zeros, never calling them equal', () => {
    assert.notEqual(compareNatural('ch1', 'CH1'), 0);
    assert.notEqual(compareNatural('ch01', 'ch1'), 0);
    assert.deepEqual(sorted(['ch1', 'CH1', 'Ch1']), ['CH1', 'Ch1', 'ch1']);
    assert.deepEqual(sorted(['ch1', 'ch001', 'ch01']), ['ch001', 'ch01', 'ch1']);
  });

  it('gives the same order whatever order the names come in', () => {
    const names = [
      'ch10',
      'ch2',
      'Ch2',
      'ch02',
      'ch1',
      'CH1',
      'ch1a',
      'ch1.txt',
      'a',
      'A',
      'b',
      'ch 2',
      '10',
      '9',
      '',
      'x007',
      'x7',
    ];
    const expected = sorted(names);
    for (let shift = 1; shift < names.length; shift++) {
      const rotated = [...names.slice(shift), ...names.slice(0, shift)];
      assert.deepEqual(sorted(rotated), expected);
      assert.deepEqual(sorted([...rotated].reverse()), expected);
    }
  });

  it('is a consistent order: antisymmetric and transitive over a mixed set', () => {
    const names = [
      'ch10',
      'ch2',
      'Ch2',
      'ch02',
      'ch1',
      'CH1',
      'ch1a',
      'ch1.txt',
      'a',
      'A',
      'b',
      'ch 2',
      '10',
      '9',
      '',
      'x007',
      'x7',
      'a1b',
      'a01b',
      'a1',
      'a1.5',
    ];
    for (const a of names) {
      for (const b of names) {
        assert.equal(sign(compareNatural(a, b)), -sign(compareNatural(b, a)) || 0, `${a} vs ${b}`);
        assert.equal(compareNatural(a, b) === 0, a === b, `${a} vs ${b}`);
        for (const c of names) {
          if (compareNatural(a, b) < 0 && compareNatural(b, c) < 0)
            assert.ok(compareNatural(a, c) < 0, `${a} < ${b} < ${c}`);
        }
      }
    }
  });
});
