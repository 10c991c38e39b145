import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { splitPageMarker } from '../../../src/parse/page-marker.js';

describe('splitPageMarker', () => {
  it('splits a page title into the story title and the part the page names', () => {
    const cases: Array<[string, string, string]> = [
      ['The Lantern Road, Part 2', 'The Lantern Road', 'Part 2'],
      ['The Lantern Road - Chapter 3', 'The Lantern Road', 'Chapter 3'],
      ['The Lantern Road (3/3)', 'The Lantern Road', 'Part 3 of 3'],
      ['The Lantern Road: Part Two – The Ford', 'The Lantern Road', 'Part Two – The Ford'],
      ['The Lantern Road (Pt. IV)', 'The Lantern Road', 'Pt. IV'],
      ['Chapter and Verse — Ch. 12', 'Chapter and Verse', 'Ch. 12'],
      ['The Lantern Road [2/5]', 'The Lantern Road', 'Part 2 of 5'],
      ['The Lantern Road, Part 2 (Revised)', 'The Lantern Road', 'Part 2 (Revised)'],
    ];
    for (const [title, story, marker] of cases)
      assert.deepEqual(splitPageMarker(title), { title: story, marker }, title);
  });

  it('leaves a title that names no part of a page whole', () => {
    for (const title of [
      'Part of the Sea',
      'Chapter 3',
      'The Departure',
      'Book One: The Gathering',
      'Room 2/B',
      'Love in 9/11',
    ])
      assert.deepEqual(splitPageMarker(title), { title }, title);
  });
});
