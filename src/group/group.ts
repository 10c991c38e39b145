import type { SeriesRef, StoryInfo } from '../model/story.js';
import { slug } from '../text/slug.js';
import { safeFileName } from './file-names.js';
import type { Book, BookShape } from '../model/book.js';
import { compareNatural } from '../text/natural-order.js';
import { seriesFromFolders } from './folder-series.js';
import { linkSequels } from './link-sequels.js';
import { orderSeries } from './series-order.js';
import { diagnostic, type Diagnostic } from '../diagnostics/diagnostic.js';
import { identifierFor, seriesIdentity, storyIdentity } from './identifier.js';
import { splitSeriesByAuthor } from './series-authors.js';

export interface GroupOptions {
  shape: BookShape;
  /** Language used when a story does not name its own. */
  language: string;
  /** Fixed `dcterms:modified` (from SOURCE_DATE_EPOCH); otherwise the newest source time. */
  modified?: number;
  /** The identifier the config file pins for a book, if any. */
  pinnedIdentifier?: (book: Pick<Book<StoryInfo>, 'stories' | 'series'>) => string | undefined;
  /** A series the config file names: its stories are one book whoever wrote them. */
  configSeries?: (name: string) => boolean;
}

/** Books, and what grouping has to say about them (two stories that would be one book). */
export interface Grouped<S extends StoryInfo> {
  books: Book<S>[];
  diagnostics: Diagnostic[];
}

/**
 * Stories → books. Series come from the stories' own fields, series folders and "sequel to"
 * links. With shape `series`, the stories of one series become one book in reading order (see
 * series-order.ts); a series with only one story here is that story's book. With `story`, one
 * book per story.
 */
export function groupIntoBooks<S extends StoryInfo>(stories: readonly S[], options: GroupOptions): Book<S>[] {
  return groupLibrary(stories, options).books;
}

/** groupIntoBooks, with the diagnostics of giving every book an identifier of its own. */
export function groupLibrary<S extends StoryInfo>(stories: readonly S[], options: GroupOptions): Grouped<S> {
  const linked = linkSequels(seriesFromFolders(stories));
  const groups = new Map<string, S[]>();
  for (const story of linked.stories) {
    const key =
      options.shape === 'series' && story.meta.series
        ? `series:${slug(story.meta.series.name)}`
        : `story:${story.source}`;
    groups.set(key, [...(groups.get(key) ?? []), story]);
  }
  const diagnostics: Diagnostic[] = [];
  const bookStories = [...groups.entries()].flatMap(([key, members]) => {
    const name = members[0]?.meta.series?.name;
    if (!key.startsWith('series:') || name === undefined) return [members];
    const split = splitSeriesByAuthor(members, options.configSeries?.(name) ?? false);
    if (split.length > 1) diagnostics.push(seriesSplit(name, split));
    return split;
  });
  const books = bookStories.map((members) => makeBook(orderSeries(members, linked.follows), options));
  books.sort(
    (a, b) =>
      compareNatural(a.title, b.title) || compareNatural(a.stories[0]?.source ?? '', b.stories[0]?.source ?? ''),
  );
  const identified = withIdentifiers(books, options.pinnedIdentifier);
  return { books: withUniqueFileNames(identified.books), diagnostics: [...diagnostics, ...identified.diagnostics] };
}

function seriesSplit(name: string, groups: readonly StoryInfo[][]): Diagnostic {
  const first = groups[0]?.[0]?.source ?? name;
  const who = groups.map((g) => [...new Set(g.map((s) => s.meta.author))].join(', ')).join('; ');
  return diagnostic(
    'book/series-by-authors',
    first,
    `the series "${name}" is named by stories of different authors (${who}): made ${groups.length} books of it, one per author`,
    { facts: { name } },
  );
}

/** A book before it has its identifier, which depends on the other books (two must not share one). */
type UnnamedBook<S extends StoryInfo> = Omit<Book<S>, 'identifier'>;

function makeBook<S extends StoryInfo>(stories: S[], options: GroupOptions): UnnamedBook<S> {
  const first = stories[0] as S;
  const seriesName = first.meta.series?.name;
  const isSeriesBook = stories.length > 1 && seriesName !== undefined;
  const title = isSeriesBook ? seriesName : first.meta.title;
  const series: SeriesRef | undefined = first.meta.series ? { ...first.meta.series } : undefined;
  if (isSeriesBook && series) delete series.total;
  return {
    fileName: safeFileName(title),
    title,
    authors: [...new Set(stories.map((s) => s.meta.author))],
    language: first.meta.language ?? options.language,
    ...(series ? { series } : {}),
    stories,
    modified: options.modified ?? Math.max(...stories.map((s) => s.modified)),
  };
}

/** What a book is: a series by its name and author(s), a book of one story by that story. */
export function bookIdentity(book: Pick<Book<StoryInfo>, 'stories' | 'series'>): string {
  const first = book.stories[0] as StoryInfo;
  return book.stories.length > 1 && book.series
    ? seriesIdentity(
        book.series.name,
        book.stories.map((s) => s.meta.author),
      )
    : storyIdentity(first.meta);
}

/**
 * Each book's identifier: the config's pin, else one from what the book is. Two books that would
 * share one (one story saved twice, or two same-titled stories by one author) are told apart by
 * source path, the first in path order keeping the plain identity, and the later one is reported.
 */
function withIdentifiers<S extends StoryInfo>(
  books: readonly UnnamedBook<S>[],
  pinned: GroupOptions['pinnedIdentifier'],
): Grouped<S> {
  const diagnostics: Diagnostic[] = [];
  const taken = new Map<string, UnnamedBook<S>>();
  const pins = books.map((book) => pinned?.(book));
  for (const [index, book] of books.entries()) {
    const pin = pins[index];
    if (pin === undefined) continue;
    const holder = taken.get(pin);
    if (holder) diagnostics.push(sharedPin(book, holder, pin));
    else taken.set(pin, book);
  }
  const bySource = books
    .map((book, index) => ({ book, index }))
    .sort((a, b) => compareNatural(a.book.stories[0]?.source ?? '', b.book.stories[0]?.source ?? ''));
  const identifiers: string[] = [];
  for (const { book, index } of bySource) {
    const pin = pins[index];
    if (pin !== undefined && taken.get(pin) === book) {
      identifiers[index] = pin;
      continue;
    }
    const identity = bookIdentity(book);
    let identifier = identifierFor(identity);
    const holder = taken.get(identifier);
    if (holder) {
      diagnostics.push(sameIdentity(book, holder));
      identifier = identifierFor(`${identity}\nsource\n${book.stories[0]?.source ?? ''}`);
    }
    taken.set(identifier, book);
    identifiers[index] = identifier;
  }
  return { books: books.map((book, index) => ({ ...book, identifier: identifiers[index] as string })), diagnostics };
}

function sameIdentity(book: UnnamedBook<StoryInfo>, holder: UnnamedBook<StoryInfo>): Diagnostic {
  const source = book.stories[0]?.source ?? book.fileName;
  return diagnostic(
    'book/same-identity',
    source,
    `"${book.title}" by ${book.authors.join(', ')} is the same book, by title, author and address, as the one made from ${holder.stories[0]?.source ?? holder.fileName}; this one gets an identifier of its own`,
  );
}

function sharedPin(book: UnnamedBook<StoryInfo>, holder: UnnamedBook<StoryInfo>, pin: string): Diagnostic {
  return diagnostic(
    'config/identifier-shared',
    book.stories[0]?.source ?? book.fileName,
    `the config file gives "${book.title}" the identifier ${pin}, which it already gives "${holder.title}"; this book gets one from what it is instead`,
  );
}

/** Two books with one title (two different stories) get distinct file names. */
export function withUniqueFileNames<S extends StoryInfo>(books: Book<S>[]): Book<S>[] {
  const used = new Set<string>();
  return books.map((book) => {
    let name = book.fileName;
    if (used.has(name.toLowerCase())) name = safeFileName(book.title, `(${book.authors.join(', ')})`);
    // The number goes after the length cut (a long title would otherwise lose it and never be unique).
    for (let n = 2; used.has(name.toLowerCase()); n++) name = safeFileName(book.title, `(${n})`);
    used.add(name.toLowerCase());
    return { ...book, fileName: name };
  });
}
