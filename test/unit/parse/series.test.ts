import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { findSeriesInText, parseSeriesField } from '../../../src/parse/series.js';
import type { SeriesRef } from '../../../src/model/story.js';

describe('parseSeriesField', () => {
  const cases: Array<[string, SeriesRef]> = [
    ['The Lantern Road, Part 2', { name: 'The Lantern Road', part: 2 }],
    ['The Lantern Road Part 2', { name: 'The Lantern Road', part: 2 }],
    ['The Lantern Road: part 12', { name: 'The Lantern Road', part: 12 }],
    ['The Lantern Road — Part 2', { name: 'The Lantern Road', part: 2 }],
    ['Name #3', { name: 'Name', part: 3 }],
    ['Name, #3', { name: 'Name', part: 3 }],
    ['Name (2/3)', { name: 'Name', part: 2, total: 3 }],
    ['Name [2 / 3]', { name: 'Name', part: 2, total: 3 }],
    // FanFicFare writes a series and its part as `Name [N]`, in its HTML, TXT and title pages.
    ['Keepers of the Flame [4]', { name: 'Keepers of the Flame', part: 4 }],
    ['Waterworks [ 12 ]', { name: 'Waterworks', part: 12 }],
    ['The Long Year (2019)', { name: 'The Long Year (2019)' }],
    ['Name - 2/3', { name: 'Name', part: 2, total: 3 }],
    ['Name 1/2', { name: 'Name', part: 1, total: 2 }],
    ['Name, Book 2 of 3', { name: 'Name', part: 2, total: 3 }],
    ['Name part 2 of 5', { name: 'Name', part: 2, total: 5 }],
    ['Name (Part 2 of 3)', { name: 'Name', part: 2, total: 3 }],
    ['Name Vol. 4', { name: 'Name', part: 4 }],
    ['Name, Volume 4', { name: 'Name', part: 4 }],
    ['Name No. 5', { name: 'Name', part: 5 }],
    ['Moonlight', { name: 'Moonlight' }],
    ['  Rust   and the Ribbon  ', { name: 'Rust and the Ribbon' }],
    ['“Don’t Say I Never Warned You About the Tide”', { name: 'Don’t Say I Never Warned You About the Tide' }],
    ['"Quoted", Part 2', { name: 'Quoted', part: 2 }],
    // Numbers that belong to the name stay in it.
    ['Catch-22', { name: 'Catch-22' }],
    ["Blake's 7", { name: "Blake's 7" }],
    // A number with nothing before it is not a part of anything: the whole value is the name.
    ['Part 2', { name: 'Part 2' }],
    ['Book 2 of 3', { name: 'Book 2 of 3' }],
    // A name typed as a slug is shown as a name: small words lower case, but the first.
    ['tides_of_vessary', { name: 'Tides of Vessary' }],
    ['tides-of-vessary, Part 2', { name: 'Tides of Vessary', part: 2 }],
    ['the_salt_road_2', { name: 'The Salt Road 2' }],
    ['of-mice-and-keepers', { name: 'Of Mice and Keepers' }],
    // Names as typed by a person stay as they are.
    ['Spider-Man Noir', { name: 'Spider-Man Noir' }],
    ['tides of vessary', { name: 'tides of vessary' }],
    ['vessary', { name: 'vessary' }],
  ];
  for (const [input, expected] of cases) {
    it(`${JSON.stringify(input)} → ${JSON.stringify(expected)}`, () => {
      assert.deepEqual(parseSeriesField(input), expected);
    });
  }

  it('gives undefined for an empty or blank value', () => {
    assert.equal(parseSeriesField(''), undefined);
    assert.equal(parseSeriesField('   '), undefined);
  });
});

describe('findSeriesInText', () => {
  const cases: Array<[string, SeriesRef]> = [
    [
      "2/3 Corvin goes to Ottilie after a run-in with Wynn. Part 2 in Don't Say I Never Warned You About the Tide, a sequel to my Rust and the Ribbon series.",
      { name: "Don't Say I Never Warned You About the Tide", part: 2, total: 3 },
    ],
    ['Part 1 in The Lantern Road.', { name: 'The Lantern Road', part: 1 }],
    ['Part 1 in The Lantern Road', { name: 'The Lantern Road', part: 1 }],
    ['part 1 in the lantern road; more to come', { name: 'the lantern road', part: 1 }],
    ['Part 3 of the Moonlight series', { name: 'Moonlight', part: 3 }],
    ['Part 3 of the Moonlight series.', { name: 'Moonlight', part: 3 }],
    ['Hattie finds out. Part 3 of the Moonlight series, and the last.', { name: 'Moonlight', part: 3 }],
    ['Part 2 of 4 in The Long Way Home.', { name: 'The Long Way Home', part: 2, total: 4 }],
    ['Part 2 in “Quoted Series”.', { name: 'Quoted Series', part: 2 }],
    ['Part 2 in Name! More text follows.', { name: 'Name', part: 2 }],
    // The fraction gives the total only when its first number is this part.
    ['1/3 Part 2 in Name.', { name: 'Name', part: 2 }],
    ['2/3 Part 2 in Name', { name: 'Name', part: 2, total: 3 }],
    // A bracketed aside is not part of the name.
    ['Part 1 in Dawn (see there).', { name: 'Dawn', part: 1 }],
    ['Part 1 in Dawn (complete).', { name: 'Dawn', part: 1 }],
    // The first mention wins.
    ['Part 1 of the Lantern Road series, part 2 of something else.', { name: 'Lantern Road', part: 1 }],
  ];
  for (const [input, expected] of cases) {
    it(`${JSON.stringify(input.length > 60 ? `${input.slice(0, 57)}…` : input)} → ${JSON.stringify(expected)}`, () => {
      assert.deepEqual(findSeriesInText(input), expected);
    });
  }

  const without = [
    'A story about nothing in particular.',
    'This is the first part of my trilogy.',
    'Corvin takes part in the heist.',
    'Part of the fun is not knowing.',
    '2/3 of the way home, Ottilie stops.',
    'Part 2 in',
    '',
  ];
  for (const input of without) {
    it(`finds no series in ${JSON.stringify(input)}`, () => {
      assert.equal(findSeriesInText(input), undefined);
    });
  }
});
