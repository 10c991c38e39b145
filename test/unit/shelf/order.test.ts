import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { ShelfBook } from '../../../src/model/shelf.js';
import { authorGroups, newestFirst, searchBooks, seriesGroups } from '../../../src/shelf/order.js';

function book(title: string, extra: Partial<ShelfBook> = {}): ShelfBook {
  return {
    file: `${title}.epub`,
    key: '0'.repeat(16),
    size: 1,
    mtimeMs: 0,
    sha256: '',
    identifier: `urn:test:${title}`,
    title,
    authors: ['Ada Lind'],
    subjects: [],
    modified: '2024-01-01T00:00:00.000Z',
    ...extra,
  };
}

describe('shelf order', () => {
  const tide = (title: string, position?: number): ShelfBook =>
    book(title, { series: { name: 'Tidewater', ...(position === undefined ? {} : { position }) } });
  const books = [
    tide('Ten', 10),
    tide('Two', 2),
    tide('Unnumbered'),
    tide('One', 1),
    book('Élan Vital', { authors: ['Bo Ek', 'Ada Lind'], mtimeMs: 5 }),
    book('Alone', { series: { name: 'Aardvark Tales', position: 1 }, mtimeMs: 9 }),
  ];

  it('lists a series in series order (numbers, not text), books without a position last', () => {
    assert.deepEqual(
      seriesGroups(books).map((g) => [g.name, g.books.map((b) => b.title)]),
      [
        ['Aardvark Tales', ['Alone']],
        ['Tidewater', ['One', 'Two', 'Ten', 'Unnumbered']],
      ],
    );
  });

  it('lists each author once with every book they wrote or co-wrote', () => {
    const groups = authorGroups(books);
    assert.deepEqual(
      groups.map((g) => g.name),
      ['Ada Lind', 'Bo Ek'],
    );
    assert.equal(groups[0]!.books.length, 6);
    assert.deepEqual(
      groups[1]!.books.map((b) => b.title),
      ['Élan Vital'],
    );
  });

  it('puts the most recently changed file first', () => {
    assert.deepEqual(
      newestFirst(books)
        .slice(0, 2)
        .map((b) => b.title),
      ['Alone', 'Élan Vital'],
    );
  });

  it('searches title, author and series without regard to case or accents, title matches first', () => {
    assert.deepEqual(
      searchBooks(books, 'ELAN').map((b) => b.title),
      ['Élan Vital'],
    );
    assert.deepEqual(
      searchBooks(books, 'bo ek').map((b) => b.title),
      ['Élan Vital'],
    );
    assert.equal(searchBooks(books, 'tidewater').length, 4);
    assert.deepEqual(
      searchBooks(books, 'tidewater two').map((b) => b.title),
      ['Two'],
    );
    assert.deepEqual(searchBooks(books, '   '), []);
  });
});
