import type { SeriesRef, StoryInfo } from '../model/story.js';
import { slug } from '../text/slug.js';
import { safeFileName } from './file-names.js';
import type { Book, BookShape } from '../model/book.js';
import { compareNatural } from '../text/natural-order.js';
import { seriesFromFolders } from './folder-series.js';
import { linkSequels } from './link-sequels.js';
import { orderSeries } from './series-order.js';

export interface GroupOptions {
  shape: BookShape;
  /** Language used when a story does not name its own. */
  language: string;
  /** Fixed `dcterms:modified` (from SOURCE_DATE_EPOCH); otherwise the newest source time. */
  modified?: number;
}

/**
 * Stories → books. Series come from the stories' own fields, series folders and "sequel to"
 * links. With shape `series`, the stories of one series become one book in reading order (see
 * series-order.ts); a series with only one story here is that story's book. With `story`, one
 * book per story.
 */
export function groupIntoBooks<S extends StoryInfo>(stories: readonly S[], options: GroupOptions): Book<S>[] {
  const linked = linkSequels(seriesFromFolders(stories));
  const groups = new Map<string, S[]>();
  for (const story of linked.stories) {
    const key =
      options.shape === 'series' && story.meta.series
        ? `series:${slug(story.meta.series.name)}`
        : `story:${story.source}`;
    groups.set(key, [...(groups.get(key) ?? []), story]);
  }
  const books = [...groups.values()].map((members) => makeBook(orderSeries(members, linked.follows), options));
  books.sort(
    (a, b) =>
      compareNatural(a.title, b.title) || compareNatural(a.stories[0]?.source ?? '', b.stories[0]?.source ?? ''),
  );
  return withUniqueFileNames(books);
}

function makeBook<S extends StoryInfo>(stories: S[], options: GroupOptions): Book<S> {
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

/** Two books with one title (two different stories) get distinct file names. */
function withUniqueFileNames<S extends StoryInfo>(books: Book<S>[]): Book<S>[] {
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
