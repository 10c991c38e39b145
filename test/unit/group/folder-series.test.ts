import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { seriesFromFolders } from '../../../src/group/folder-series.js';
import type { Story, StoryMeta } from '../../../src/model/story.js';

function story(source: string, title: string, meta: Partial<StoryMeta> = {}): Story {
  return { source, meta: { title, author: 'A', extra: [], ...meta }, chapters: [], modified: 0 };
}

describe('seriesFromFolders', () => {
  it('names the series after the folder and numbers the parts in reading order', () => {
    const stories = seriesFromFolders([
      story('Orchard Seasons/autumn.txt', 'Autumn Wind', { published: '2021-09-14' }),
      story('Orchard Seasons/summer.txt', 'Summer Rain', { published: '2021-06-02' }),
      story('Orchard Seasons/winter.txt', 'Winter Frost, Book 3'),
      story('alone.txt', 'Alone'),
    ]);
    assert.deepEqual(
      stories.map((s) => [s.source, s.meta.series]),
      [
        ['Orchard Seasons/autumn.txt', { name: 'Orchard Seasons', part: 2, total: 3 }],
        ['Orchard Seasons/summer.txt', { name: 'Orchard Seasons', part: 1, total: 3 }],
        ['Orchard Seasons/winter.txt', { name: 'Orchard Seasons', part: 3, total: 3 }],
        ['alone.txt', undefined],
      ],
    );
  });

  it('makes a dashed folder name readable', () => {
    const [first] = seriesFromFolders([story('the-orchard-years/a.txt', 'A'), story('the-orchard-years/b.txt', 'B')]);
    assert.equal(first?.meta.series?.name, 'The Orchard Years');
  });

  it('uses the series a story in the folder names, keeping given part numbers', () => {
    const stories = seriesFromFolders([
      story('f/a.txt', 'A', { series: { name: 'Tides', part: 1 } }),
      story('f/b.txt', 'B'),
    ]);
    assert.deepEqual(
      stories.map((s) => s.meta.series),
      [{ name: 'Tides', part: 1 }, { name: 'Tides' }],
    );
  });

  it('leaves stories outside folders alone', () => {
    const input = [story('a.txt', 'A'), story('the-paper-garden', 'Folder Story')];
    assert.deepEqual(seriesFromFolders(input), input);
  });
});
