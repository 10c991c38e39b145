import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { orderSeries } from '../../../src/group/series-order.js';
import type { Story, StoryMeta } from '../../../src/model/story.js';

function story(source: string, title: string, meta: Partial<StoryMeta> = {}): Story {
  return { source, meta: { title, author: 'A', extra: [], series: { name: 'S' }, ...meta }, chapters: [], modified: 0 };
}
const order = (stories: Story[], follows?: Map<string, string>) => orderSeries(stories, follows).map((s) => s.source);

describe('orderSeries', () => {
  it('orders by part number before anything else', () => {
    const stories = [
      story('a.txt', 'Book 1', { series: { name: 'S', part: 3 }, published: '2001' }),
      story('b.txt', 'Book 3', { series: { name: 'S', part: 1 }, published: '2003' }),
      story('c.txt', 'Book 2', { series: { name: 'S', part: 2 }, published: '2002' }),
    ];
    assert.deepEqual(order(stories), ['b.txt', 'c.txt', 'a.txt']);
  });

  it('then by published date, a story without one after those with one', () => {
    const stories = [
      story('a.txt', 'Autumn', { published: '2021-09-14' }),
      story('b.txt', 'Nothing known'),
      story('c.txt', 'Summer', { published: '2021-06-02' }),
      story('d.txt', 'Numbered', { series: { name: 'S', part: 1 } }),
    ];
    assert.deepEqual(order(stories), ['d.txt', 'c.txt', 'a.txt', 'b.txt']);
  });

  it('then by the number in the title: "Book 2", "II", "Part Three"', () => {
    const stories = [
      story('a.txt', 'Tides, Part Three'),
      story('b.txt', 'Tides II'),
      story('c.txt', 'Book 1: Tides'),
      story('d.txt', 'Tides Untold'),
    ];
    assert.deepEqual(order(stories), ['c.txt', 'b.txt', 'a.txt', 'd.txt']);
  });

  it('falls back to the file name only when nothing else tells, in natural order', () => {
    const stories = [story('part10.txt', 'Ten'), story('part2.txt', 'Two'), story('part1.txt', 'One')];
    assert.deepEqual(order(stories), ['part1.txt', 'part2.txt', 'part10.txt']);
  });

  it('places a sequel right after the story it follows, chains too', () => {
    const stories = [
      story('c.txt', 'Third'),
      story('a.txt', 'First'),
      story('z.txt', 'Other'),
      story('b.txt', 'Second'),
    ];
    const follows = new Map([
      ['c.txt', 'b.txt'],
      ['b.txt', 'a.txt'],
    ]);
    assert.deepEqual(order(stories, follows), ['a.txt', 'b.txt', 'c.txt', 'z.txt']);
  });

  it('ignores a link to a story outside the series, and survives a loop of links', () => {
    const stories = [story('a.txt', 'A'), story('b.txt', 'B')];
    assert.deepEqual(order(stories, new Map([['a.txt', 'elsewhere.txt']])), ['a.txt', 'b.txt']);
    assert.deepEqual(
      order(
        stories,
        new Map([
          ['a.txt', 'b.txt'],
          ['b.txt', 'a.txt'],
        ]),
      ).sort(),
      ['a.txt', 'b.txt'],
    );
  });
});
