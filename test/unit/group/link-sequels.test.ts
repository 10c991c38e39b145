import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { linkSequels } from '../../../src/group/link-sequels.js';
import type { SeriesRef, Story, StoryMeta } from '../../../src/model/story.js';

function story(source: string, title: string, meta: Partial<StoryMeta> = {}): Story {
  return { source, meta: { title, author: 'Piet Raven', extra: [], ...meta }, chapters: [], modified: 0 };
}
const seriesBySource = (stories: Story[]): Record<string, SeriesRef | undefined> =>
  Object.fromEntries(stories.map((s) => [s.source, s.meta.series]));

describe('linkSequels', () => {
  it('makes a series named after the first story when neither has one', () => {
    const { stories, follows } = linkSequels([
      story('after.txt', 'After the Thaw', { summary: 'A sequel to "The Long Thaw". The ferry runs again.' }),
      story('thaw.txt', 'The Long Thaw'),
      story('other.txt', 'Other'),
    ]);
    assert.deepEqual(seriesBySource(stories), {
      'after.txt': { name: 'The Long Thaw', part: 2 },
      'thaw.txt': { name: 'The Long Thaw', part: 1 },
      'other.txt': undefined,
    });
    assert.deepEqual([...follows], [['after.txt', 'thaw.txt']]);
  });

  it('joins the series of the story it follows, as the next part', () => {
    const { stories } = linkSequels([
      story('one.txt', 'Salt Road', { series: { name: 'Harrow Tides', part: 1 } }),
      story('two.txt', 'Low Water', { summary: 'This is a continuation of salt road, told by Edda.' }),
    ]);
    assert.deepEqual(stories[1]?.meta.series, { name: 'Harrow Tides', part: 2 });
  });

  it('gives no part number when the next part is already taken', () => {
    const { stories } = linkSequels([
      story('one.txt', 'Salt Road', { series: { name: 'Harrow Tides', part: 1 } }),
      story('two.txt', 'Low Water', { series: { name: 'Harrow Tides', part: 2 } }),
      story('side.txt', 'Driftwood', { summary: 'Follow-up to The Salt Road.' }),
    ]);
    assert.deepEqual(stories[2]?.meta.series, { name: 'Harrow Tides' });
  });

  it('numbers a chain of sequels', () => {
    const { stories } = linkSequels([
      story('c.txt', 'Third Winter', { summary: 'Sequel to Second Winter.' }),
      story('b.txt', 'Second Winter', { summary: 'Sequel to First Winter.' }),
      story('a.txt', 'First Winter'),
    ]);
    assert.deepEqual(seriesBySource(stories), {
      'c.txt': { name: 'First Winter', part: 3 },
      'b.txt': { name: 'First Winter', part: 2 },
      'a.txt': { name: 'First Winter', part: 1 },
    });
  });

  it('matches titles loosely: case, quotes, emphasis, a leading "the" or "my story"', () => {
    const mentions = [
      'sequel to THE LONG THAW!',
      'A sequel to my story *The Long Thaw*.',
      'the continuation of “Long Thaw” — read it first',
      "Sequel to 'the long thaw'",
    ];
    for (const summary of mentions) {
      const { follows } = linkSequels([story('b.txt', 'Spring', { summary }), story('a.txt', 'The Long Thaw')]);
      assert.equal(follows.get('b.txt'), 'a.txt', summary);
    }
  });

  it('reads a header field that names the story followed', () => {
    const { follows } = linkSequels([
      story('b.txt', 'Spring', { extra: [{ key: 'Sequel to', value: 'The Long Thaw' }] }),
      story('a.txt', 'The Long Thaw'),
    ]);
    assert.equal(follows.get('b.txt'), 'a.txt');
    const { follows: fromNotes } = linkSequels([
      story('b.txt', 'Spring', { extra: [{ key: 'Notes', value: 'Follows on from The Long Thaw.' }] }),
      story('a.txt', 'The Long Thaw'),
    ]);
    assert.equal(fromNotes.get('b.txt'), 'a.txt');
  });

  it('takes the longest title that matches, and prefers the same author', () => {
    const { follows } = linkSequels([
      story('s.txt', 'Spring', { summary: 'Sequel to Thaw Road.' }),
      story('t.txt', 'Thaw'),
      story('tr.txt', 'Thaw Road'),
    ]);
    assert.equal(follows.get('s.txt'), 'tr.txt');
    const { follows: byAuthor } = linkSequels([
      story('s.txt', 'Spring', { summary: 'Sequel to Thaw.' }),
      story('x.txt', 'Thaw', { author: 'Someone Else' }),
      story('t.txt', 'Thaw'),
    ]);
    assert.equal(byAuthor.get('s.txt'), 't.txt');
  });

  it('does not link on everyday "follows", a part of a word, or the story itself', () => {
    const { follows } = linkSequels([
      story('a.txt', 'The River', { summary: 'She follows the river home.' }),
      story('b.txt', 'Home', { summary: 'A sequel to Homecoming.' }),
      story('c.txt', 'Echo', { summary: 'The sequel to Echo? No, just Echo.' }),
    ]);
    assert.deepEqual([...follows], []);
  });

  it('leaves a sequel that has a series of its own in it (second-debt names a series and "a sequel to my … series")', () => {
    const own = { name: "Don't Say I Never Warned", part: 2 };
    const { stories, follows } = linkSequels([
      story('b.txt', 'Second Debt', { series: own, summary: 'A sequel to First Debt.' }),
      story('a.txt', 'First Debt'),
    ]);
    assert.deepEqual(stories[0]?.meta.series, own);
    assert.equal(stories[1]?.meta.series, undefined);
    assert.equal(follows.get('b.txt'), 'a.txt');
  });

  it('does not change the stories it is given, and survives two stories that follow each other', () => {
    const input = [
      story('a.txt', 'Alpha', { summary: 'Sequel to Beta.' }),
      story('b.txt', 'Beta', { summary: 'Sequel to Alpha.' }),
    ];
    const before = structuredClone(input);
    const { stories } = linkSequels(input);
    assert.deepEqual(input, before);
    assert.equal(stories.length, 2);
  });
});
