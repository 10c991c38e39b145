import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { groupIntoBooks, groupLibrary, type GroupOptions } from '../../../src/group/group.js';
import type { Book } from '../../../src/model/book.js';
import type { SeriesRef, Story, StoryMeta } from '../../../src/model/story.js';

function story(source: string, title: string, meta: Partial<StoryMeta> = {}, modified = 1_000): Story {
  return {
    source,
    meta: { title, author: 'Vesper Lark', extra: [], ...meta },
    chapters: [
      {
        kind: 'chapter',
        blocks: [{ kind: 'paragraph', inlines: [{ kind: 'text', text: 'Text.' }], line: 1 }],
        file: source,
        line: 1,
      },
    ],
    modified,
  };
}
const inSeries = (
  source: string,
  title: string,
  series: SeriesRef,
  meta: Partial<StoryMeta> = {},
  modified?: number,
): Story => story(source, title, { series, ...meta }, modified);

const SERIES: GroupOptions = { shape: 'series', language: 'en' };
const PER_STORY: GroupOptions = { shape: 'story', language: 'en' };

/** The parts of a book a test cares about, with its stories by source. */
function summary(book: Book): { title: string; fileName: string; stories: string[]; series?: SeriesRef } {
  return {
    title: book.title,
    fileName: book.fileName,
    stories: book.stories.map((s) => s.source),
    ...(book.series ? { series: book.series } : {}),
  };
}

describe('groupIntoBooks', () => {
  describe('shape "series"', () => {
    it('puts a series into one book, ordered by part and not by source name', () => {
      const books = groupIntoBooks(
        [
          inSeries('z-first-light.txt', 'First Light', { name: 'The Lantern Road', part: 1, total: 3 }),
          inSeries('a-the-far-shore.txt', 'The Far Shore', { name: 'The Lantern Road', part: 3 }),
          inSeries('m-dusk.txt', 'Dusk', { name: 'The Lantern Road', part: 2 }),
        ],
        SERIES,
      );
      assert.deepEqual(books.map(summary), [
        {
          title: 'The Lantern Road',
          fileName: 'The Lantern Road',
          stories: ['z-first-light.txt', 'm-dusk.txt', 'a-the-far-shore.txt'],
          series: { name: 'The Lantern Road', part: 1 },
        },
      ]);
    });

    it('orders part 2 before part 10', () => {
      const books = groupIntoBooks(
        [inSeries('a.txt', 'Ten', { name: 'S', part: 10 }), inSeries('b.txt', 'Two', { name: 'S', part: 2 })],
        SERIES,
      );
      assert.deepEqual(
        books[0]?.stories.map((s) => s.meta.title),
        ['Two', 'Ten'],
      );
    });

    it('puts stories without a part after the numbered ones, by file name when nothing else tells', () => {
      const books = groupIntoBooks(
        [
          inSeries('1.txt', 'Zeta', { name: 'S' }),
          inSeries('2.txt', 'Alpha', { name: 'S' }),
          inSeries('3.txt', 'Second', { name: 'S', part: 2 }),
        ],
        SERIES,
      );
      assert.deepEqual(
        books[0]?.stories.map((s) => s.meta.title),
        ['Second', 'Zeta', 'Alpha'],
      );
    });

    it('orders by published date, then by the number in the title, before the file name', () => {
      const books = groupIntoBooks(
        [
          inSeries('a.txt', 'Tides, Book 4', { name: 'S' }),
          inSeries('b.txt', 'Tides III', { name: 'S' }),
          inSeries('c.txt', 'Late', { name: 'S' }, { published: '2022-01-05' }),
          inSeries('d.txt', 'Early', { name: 'S' }, { published: '2021-12-24' }),
        ],
        SERIES,
      );
      assert.deepEqual(
        books[0]?.stories.map((s) => s.meta.title),
        ['Early', 'Late', 'Tides III', 'Tides, Book 4'],
      );
    });

    it('links a sequel to the story it follows, in both shapes', () => {
      const stories = [
        story('after.txt', 'After the Thaw', { summary: 'A sequel to The Long Thaw.' }),
        story('thaw.txt', 'The Long Thaw'),
      ];
      assert.deepEqual(groupIntoBooks(stories, SERIES).map(summary), [
        {
          title: 'The Long Thaw',
          fileName: 'The Long Thaw',
          stories: ['thaw.txt', 'after.txt'],
          series: { name: 'The Long Thaw', part: 1 },
        },
      ]);
      assert.deepEqual(
        groupIntoBooks(stories, PER_STORY).map((b) => [b.title, b.series]),
        [
          ['After the Thaw', { name: 'The Long Thaw', part: 2 }],
          ['The Long Thaw', { name: 'The Long Thaw', part: 1 }],
        ],
      );
    });

    it('places a sequel without a free part number right after the story it follows', () => {
      const books = groupIntoBooks(
        [
          inSeries('1.txt', 'One', { name: 'S', part: 1 }),
          inSeries('2.txt', 'Two', { name: 'S', part: 2 }),
          inSeries('3.txt', 'Three', { name: 'S', part: 3 }),
          story('side.txt', 'Side', { summary: 'Sequel to One.' }),
        ],
        SERIES,
      );
      assert.deepEqual(
        books[0]?.stories.map((s) => s.source),
        ['1.txt', 'side.txt', '2.txt', '3.txt'],
      );
    });

    it('makes the stories of a series folder one series named after the folder', () => {
      const books = groupIntoBooks(
        [
          story('Seasons/b.txt', 'Autumn', { published: '2021-09' }),
          story('Seasons/a.txt', 'Winter', { published: '2021-12' }),
        ],
        SERIES,
      );
      assert.deepEqual(books.map(summary), [
        {
          title: 'Seasons',
          fileName: 'Seasons',
          stories: ['Seasons/b.txt', 'Seasons/a.txt'],
          series: { name: 'Seasons', part: 1 },
        },
      ]);
    });

    it('matches series names that differ in case and apostrophes, naming the book after the first part', () => {
      const books = groupIntoBooks(
        [
          inSeries('b.txt', 'Second Debt', { name: 'dont say i never warned you about the tide', part: 2 }),
          inSeries('a.txt', 'First Debt', { name: 'Don’t Say I Never Warned You About the Tide', part: 1 }),
        ],
        SERIES,
      );
      assert.equal(books.length, 1);
      assert.equal(books[0]?.title, 'Don’t Say I Never Warned You About the Tide');
      assert.deepEqual(
        books[0]?.stories.map((s) => s.source),
        ['a.txt', 'b.txt'],
      );
    });

    it('makes a single-story series that story’s book, with its own title and series position', () => {
      const books = groupIntoBooks(
        [inSeries('second-debt.txt', 'Second Debt', { name: 'Don’t Say I Never Warned', part: 2, total: 3 })],
        SERIES,
      );
      assert.deepEqual(books.map(summary), [
        {
          title: 'Second Debt',
          fileName: 'Second Debt',
          stories: ['second-debt.txt'],
          series: { name: 'Don’t Say I Never Warned', part: 2, total: 3 },
        },
      ]);
    });

    it('keeps stories of different series and stories without one apart, books sorted by title', () => {
      const books = groupIntoBooks(
        [
          inSeries('m2.txt', 'Moon Two', { name: 'Moonlight', part: 2 }),
          story('salt.txt', 'Salt and Static'),
          inSeries('l1.txt', 'First Light', { name: 'Lantern Road', part: 1 }),
          inSeries('m1.txt', 'Moon One', { name: 'Moonlight', part: 1 }),
          inSeries('l2.txt', 'Far Shore', { name: 'Lantern Road', part: 2 }),
        ],
        SERIES,
      );
      assert.deepEqual(
        books.map((b) => [b.title, b.stories.map((s) => s.source)]),
        [
          ['Lantern Road', ['l1.txt', 'l2.txt']],
          ['Moonlight', ['m1.txt', 'm2.txt']],
          ['Salt and Static', ['salt.txt']],
        ],
      );
    });

    it('does not give a series book the total of its first part', () => {
      const books = groupIntoBooks(
        [
          inSeries('1.txt', 'One', { name: 'S', part: 1, total: 2 }),
          inSeries('2.txt', 'Two', { name: 'S', part: 2, total: 2 }),
        ],
        SERIES,
      );
      assert.deepEqual(books[0]?.series, { name: 'S', part: 1 });
    });

    it('lists each author once, in story order (a shared series kept in one folder)', () => {
      const books = groupIntoBooks(
        [
          inSeries('s/1.txt', 'One', { name: 'S', part: 1 }, { author: 'A' }),
          inSeries('s/2.txt', 'Two', { name: 'S', part: 2 }, { author: 'B' }),
          inSeries('s/3.txt', 'Three', { name: 'S', part: 3 }, { author: 'A' }),
        ],
        SERIES,
      );
      assert.deepEqual(books[0]?.authors, ['A', 'B']);
    });
  });

  describe('one series name, several authors (book/series-by-authors)', () => {
    const coffee = { name: 'Coffee Shop AU' };
    it('makes a book per author when two authors name the same series, and says so', () => {
      const grouped = groupLibrary(
        [
          inSeries('a-beans.txt', 'Beans', { ...coffee, part: 1 }, { author: 'Ada Vell' }),
          inSeries('b-crema.txt', 'Crema', { ...coffee, part: 1 }, { author: 'Rook Tamsin' }),
          inSeries('c-grounds.txt', 'Grounds', { ...coffee, part: 2 }, { author: 'Ada Vell' }),
        ],
        SERIES,
      );
      assert.deepEqual(grouped.books.map((b) => b.stories.map((s) => s.source)).sort(), [
        ['a-beans.txt', 'c-grounds.txt'],
        ['b-crema.txt'],
      ]);
      const said = grouped.diagnostics.filter((d) => d.rule === 'book/series-by-authors');
      assert.equal(said.length, 1);
      assert.match(said[0]?.message ?? '', /Coffee Shop AU/);
      assert.match(said[0]?.message ?? '', /Ada Vell/);
      assert.match(said[0]?.message ?? '', /Rook Tamsin/);
      assert.notEqual(grouped.books[0]?.fileName, grouped.books[1]?.fileName);
    });

    it('keeps co-authors, one series folder, unknown authors and a config-named series together', () => {
      const oneBook = (stories: Story[], options: GroupOptions = SERIES): void => {
        const grouped = groupLibrary(stories, options);
        assert.equal(grouped.books.length, 1, JSON.stringify(grouped.books.map((b) => b.stories.map((s) => s.source))));
        assert.deepEqual(
          grouped.diagnostics.filter((d) => d.rule === 'book/series-by-authors'),
          [],
        );
      };
      oneBook([
        inSeries('a.txt', 'One', { ...coffee, part: 1 }, { author: 'Ada Vell' }),
        inSeries('b.txt', 'Two', { ...coffee, part: 2 }, { author: 'Ada Vell & Rook Tamsin' }),
      ]);
      oneBook([
        inSeries('coffee/a.txt', 'One', { ...coffee, part: 1 }, { author: 'Ada Vell' }),
        inSeries('coffee/b.txt', 'Two', { ...coffee, part: 2 }, { author: 'A. Vell' }),
      ]);
      oneBook([
        inSeries('a.txt', 'One', { ...coffee, part: 1 }, { author: 'Ada Vell' }),
        inSeries('b.txt', 'Two', { ...coffee, part: 2 }, { author: 'Unknown' }),
      ]);
      oneBook(
        [
          inSeries('a.txt', 'One', { ...coffee, part: 1 }, { author: 'Ada Vell' }),
          inSeries('b.txt', 'Two', { ...coffee, part: 2 }, { author: 'Rook Tamsin' }),
        ],
        { ...SERIES, configSeries: (name) => name === 'Coffee Shop AU' },
      );
    });
  });

  describe('shape "story"', () => {
    it('makes one book per story, series or not', () => {
      const books = groupIntoBooks(
        [
          inSeries('b.txt', 'Far Shore', { name: 'Lantern Road', part: 2 }),
          inSeries('a.txt', 'First Light', { name: 'Lantern Road', part: 1, total: 2 }),
          story('c.txt', 'Alone'),
        ],
        PER_STORY,
      );
      assert.deepEqual(books.map(summary), [
        { title: 'Alone', fileName: 'Alone', stories: ['c.txt'] },
        { title: 'Far Shore', fileName: 'Far Shore', stories: ['b.txt'], series: { name: 'Lantern Road', part: 2 } },
        {
          title: 'First Light',
          fileName: 'First Light',
          stories: ['a.txt'],
          series: { name: 'Lantern Road', part: 1, total: 2 },
        },
      ]);
    });
  });

  describe('file names', () => {
    it('gives books with one title distinct file names: by author first, then by number', () => {
      const books = groupIntoBooks(
        [
          story('x.txt', 'Twin', { author: 'A' }),
          story('y.txt', 'Twin', { author: 'A' }),
          story('w.txt', 'Twin', { author: 'B' }),
        ],
        PER_STORY,
      );
      assert.deepEqual(
        books.map((b) => [b.stories[0]?.source, b.fileName]),
        [
          ['w.txt', 'Twin'],
          ['x.txt', 'Twin (A)'],
          ['y.txt', 'Twin (2)'],
        ],
      );
    });

    it('treats file names that differ only in case as the same', () => {
      const books = groupIntoBooks([story('a.txt', 'twin'), story('b.txt', 'TWIN')], PER_STORY);
      const names = books.map((b) => b.fileName.toLowerCase());
      assert.equal(new Set(names).size, 2, names.join(' | '));
    });

    it('gives distinct file names to books whose titles are the same after cleaning', () => {
      const books = groupIntoBooks(
        [story('a.txt', 'What?'), story('b.txt', 'What'), story('c.txt', 'What.')],
        PER_STORY,
      );
      assert.equal(new Set(books.map((b) => b.fileName.toLowerCase())).size, 3);
    });

    it('gives distinct file names to long titles that only differ past the cut (and finishes)', () => {
      const long = 'A Very Long Title '.repeat(10);
      const books = groupIntoBooks(
        [story('1.txt', long), story('2.txt', long), story('3.txt', long), story('4.txt', `${long} Part Two`)],
        PER_STORY,
      );
      const names = books.map((b) => b.fileName);
      assert.equal(new Set(names.map((n) => n.toLowerCase())).size, 4, names.join('\n'));
      assert.ok(names.every((n) => n.length <= 100));
    });

    it('uses a safe file name but keeps the title as written', () => {
      const [book] = groupIntoBooks([story('a.txt', 'AC/DC: Back in Black?')], PER_STORY);
      assert.equal(book?.title, 'AC/DC: Back in Black?');
      assert.equal(book?.fileName, 'AC DC Back in Black');
    });
  });

  describe('language and modified time', () => {
    it('uses the story’s language, else the option’s', () => {
      const books = groupIntoBooks([story('a.txt', 'A', { language: 'de' }), story('b.txt', 'B')], PER_STORY);
      assert.deepEqual(
        books.map((b) => b.language),
        ['de', 'en'],
      );
    });

    it('takes the newest modification time of the book’s stories', () => {
      const books = groupIntoBooks(
        [
          inSeries('1.txt', 'One', { name: 'S', part: 1 }, {}, 500),
          inSeries('2.txt', 'Two', { name: 'S', part: 2 }, {}, 900),
        ],
        SERIES,
      );
      assert.equal(books[0]?.modified, 900);
    });

    it('lets the modified option override the sources’ times, even when it is 0', () => {
      const stories = [inSeries('1.txt', 'One', { name: 'S', part: 1 }, {}, 500), story('2.txt', 'Two', {}, 900)];
      assert.deepEqual(
        groupIntoBooks(stories, { ...SERIES, modified: 1_700_000_000 }).map((b) => b.modified),
        [1_700_000_000, 1_700_000_000],
      );
      assert.deepEqual(
        groupIntoBooks(stories, { ...SERIES, modified: 0 }).map((b) => b.modified),
        [0, 0],
      );
    });
  });

  it('does not change the stories it is given', () => {
    const stories = [
      inSeries('1.txt', 'One', { name: 'S', part: 1, total: 2 }),
      inSeries('2.txt', 'Two', { name: 'S', part: 2 }),
    ];
    const before = structuredClone(stories);
    groupIntoBooks(stories, SERIES);
    assert.deepEqual(stories, before);
  });

  it('gives no books for no stories', () => {
    assert.deepEqual(groupIntoBooks([], SERIES), []);
  });
});
