import type { ShelfBook } from '../model/shelf.js';

/** Books under one heading (a series, an author), in reading order. */
export interface BookGroup {
  name: string;
  books: ShelfBook[];
}

const collator = new Intl.Collator('en', { numeric: true, sensitivity: 'base' });

/**
 * Newest first by the time the file last changed on the shelf (a rebuild that changed nothing
 * leaves it alone), then by title: what OPDS sync in KOReader walks until it meets a book it has.
 */
export function newestFirst(books: readonly ShelfBook[]): ShelfBook[] {
  return [...books].sort((a, b) => b.mtimeMs - a.mtimeMs || byTitle(a, b));
}

/** Each series, by name, with its books in series order (position, then title). */
export function seriesGroups(books: readonly ShelfBook[]): BookGroup[] {
  return groups(books, (book) => (book.series ? [book.series.name] : []), inSeriesOrder);
}

/** Each author, by name, with their books by series and position, then title. */
export function authorGroups(books: readonly ShelfBook[]): BookGroup[] {
  return groups(books, (book) => book.authors, inSeriesOrder);
}

/** Books with no series, by title: shown beside the series on the shelf page. */
export function standalone(books: readonly ShelfBook[]): ShelfBook[] {
  return books.filter((book) => !book.series).sort(byTitle);
}

/**
 * Books whose title, author or series hold every word of the query, ignoring case and accents;
 * title matches first. An empty query finds nothing.
 */
export function searchBooks(books: readonly ShelfBook[], query: string): ShelfBook[] {
  const words = fold(query).split(/\s+/).filter(Boolean);
  if (words.length === 0) return [];
  const scored = books.flatMap((book) => {
    const title = fold(book.title);
    const haystack = [title, ...book.authors.map(fold), fold(book.series?.name ?? '')].join('\n');
    if (!words.every((word) => haystack.includes(word))) return [];
    return [{ book, inTitle: words.every((word) => title.includes(word)) }];
  });
  return scored
    .sort((a, b) => Number(b.inTitle) - Number(a.inTitle) || inSeriesOrder(a.book, b.book))
    .map((s) => s.book);
}

function groups(
  books: readonly ShelfBook[],
  names: (book: ShelfBook) => readonly string[],
  order: (a: ShelfBook, b: ShelfBook) => number,
): BookGroup[] {
  const byName = new Map<string, ShelfBook[]>();
  for (const book of books) {
    for (const name of new Set(names(book))) {
      const list = byName.get(name) ?? [];
      list.push(book);
      byName.set(name, list);
    }
  }
  return [...byName]
    .sort(([a], [b]) => collator.compare(a, b))
    .map(([name, members]) => ({ name, books: members.sort(order) }));
}

function inSeriesOrder(a: ShelfBook, b: ShelfBook): number {
  const series = collator.compare(a.series?.name ?? '', b.series?.name ?? '');
  if (series !== 0) return series;
  const position = (a.series?.position ?? Infinity) - (b.series?.position ?? Infinity);
  return Number.isNaN(position) || position === 0 ? byTitle(a, b) : position;
}

function byTitle(a: ShelfBook, b: ShelfBook): number {
  return collator.compare(a.title, b.title) || collator.compare(a.file, b.file);
}

function fold(text: string): string {
  return text.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase();
}
