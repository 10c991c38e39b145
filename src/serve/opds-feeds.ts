import type { ShelfBook } from '../model/shelf.js';
import { xmlDocument, type XmlNode } from '../render/xml.js';
import type { BookGroup } from '../shelf/order.js';
import {
  MEDIA,
  OPDS_AUTHORS,
  OPDS_NEW,
  OPDS_ROOT,
  OPDS_SEARCH,
  OPDS_SERIES,
  OPENSEARCH_DESCRIPTION,
  authorPath,
  bookPath,
  coverPath,
  seriesPath,
  thumbnailPath,
  withPage,
} from './paths.js';

/**
 * The OPDS 1.2 catalog (opds-spec.org/specs/opds-catalog-1-2): Atom feeds built from a list of
 * books, pure functions of their arguments. Links are root-relative, as calibre's are; only the
 * OpenSearch template is absolute, because clients fill it in without resolving it.
 */

const ATOM = 'http://www.w3.org/2005/Atom';
const NAMESPACES = {
  xmlns: ATOM,
  'xmlns:dc': 'http://purl.org/dc/terms/',
  'xmlns:opds': 'http://opds-spec.org/2010/catalog',
  'xmlns:opensearch': 'http://a9.com/-/spec/opensearch/1.1/',
  'xmlns:schema': 'http://schema.org/',
};
const DC = NAMESPACES['xmlns:dc'];
const OPENSEARCH = NAMESPACES['xmlns:opensearch'];
const SCHEMA = NAMESPACES['xmlns:schema'];

export const REL = {
  acquisition: 'http://opds-spec.org/acquisition',
  image: 'http://opds-spec.org/image',
  thumbnail: 'http://opds-spec.org/image/thumbnail',
  sortNew: 'http://opds-spec.org/sort/new',
  crawlable: 'http://opds-spec.org/crawlable',
} as const;

/** Entries in one page of an acquisition feed: a phone or e-reader lists them without waiting. */
export const PAGE_SIZE = 50;

export interface CatalogContext {
  /** Title of the catalog, e.g. the folder's name. */
  title: string;
  /** When the catalog last changed (ISO 8601): the newest book's file time. */
  updated: string;
}

interface FeedHead {
  id: string;
  title: string;
  self: string;
  kind: 'navigation' | 'acquisition';
  up?: string;
}

/** The root navigation feed at `/opds`: newest books, by series, by author, and search. */
export function rootFeed(
  context: CatalogContext,
  books: readonly ShelfBook[],
  series: number,
  authors: number,
): string {
  const feed = feedHead(context, { id: 'urn:ficbind:root', title: context.title, self: OPDS_ROOT, kind: 'navigation' });
  link(feed, REL.sortNew, OPDS_NEW, MEDIA.acquisition, 'Newest books');
  link(feed, REL.crawlable, OPDS_NEW, MEDIA.acquisition, 'All books');
  const entry = (id: string, title: string, href: string, type: string, content: string, rel = 'subsection'): void =>
    navigationEntry(feed, context, { id, title, href, type, content, rel });
  entry(
    'urn:ficbind:new',
    'All books, newest first',
    OPDS_NEW,
    MEDIA.acquisition,
    count(books.length, 'book'),
    REL.sortNew,
  );
  entry('urn:ficbind:series', 'By series', OPDS_SERIES, MEDIA.navigation, count(series, 'series', 'series'));
  entry('urn:ficbind:authors', 'By author', OPDS_AUTHORS, MEDIA.navigation, count(authors, 'author'));
  return feed.end();
}

/** A navigation feed listing groups (series or authors), each a subsection of its books. */
export function groupsFeed(context: CatalogContext, what: 'series' | 'authors', groups: readonly BookGroup[]): string {
  const self = what === 'series' ? OPDS_SERIES : OPDS_AUTHORS;
  const feed = feedHead(context, {
    id: `urn:ficbind:${what}`,
    title: what === 'series' ? 'By series' : 'By author',
    self,
    kind: 'navigation',
    up: OPDS_ROOT,
  });
  for (const group of groups) {
    const href = what === 'series' ? seriesPath(group.name) : authorPath(group.name);
    navigationEntry(feed, context, {
      id: `urn:ficbind:${what}:${encodeURIComponent(group.name)}`,
      title: group.name,
      href,
      type: MEDIA.acquisition,
      content: count(group.books.length, 'book'),
    });
  }
  return feed.end();
}

export interface AcquisitionPage {
  id: string;
  title: string;
  /** This feed's path without a page number. */
  self: string;
  /** All the books of the feed, in order; the page is cut from them. */
  books: readonly ShelfBook[];
  page: number;
  up?: string;
}

/** One page of an acquisition feed, with first/previous/next/last links and OpenSearch counts. */
export function acquisitionFeed(context: CatalogContext, feedPage: AcquisitionPage): string {
  const pages = Math.max(1, Math.ceil(feedPage.books.length / PAGE_SIZE));
  const page = Math.min(feedPage.page, pages);
  const feed = feedHead(context, {
    id: feedPage.id,
    title: feedPage.title,
    self: withPage(feedPage.self, page),
    kind: 'acquisition',
    up: feedPage.up ?? OPDS_ROOT,
  });
  if (pages > 1) {
    link(feed, 'first', withPage(feedPage.self, 1), MEDIA.acquisition);
    if (page > 1) link(feed, 'previous', withPage(feedPage.self, page - 1), MEDIA.acquisition);
    if (page < pages) link(feed, 'next', withPage(feedPage.self, page + 1), MEDIA.acquisition);
    link(feed, 'last', withPage(feedPage.self, pages), MEDIA.acquisition);
  }
  feed.root.eleNs(OPENSEARCH, 'opensearch:totalResults').txt(String(feedPage.books.length));
  feed.root.eleNs(OPENSEARCH, 'opensearch:itemsPerPage').txt(String(PAGE_SIZE));
  feed.root.eleNs(OPENSEARCH, 'opensearch:startIndex').txt(String((page - 1) * PAGE_SIZE + 1));
  for (const book of feedPage.books.slice((page - 1) * PAGE_SIZE, page * PAGE_SIZE)) bookEntry(feed.root, book);
  return feed.end();
}

/** The OpenSearch description: where to send a search and what comes back. */
export function openSearchDescription(context: CatalogContext, origin: string): string {
  const document = xmlDocument(OPENSEARCH, 'OpenSearchDescription', { xmlns: OPENSEARCH });
  document.root.ele('ShortName').txt(context.title.slice(0, 16));
  document.root.ele('Description').txt(`Search ${context.title} by title, author or series`);
  document.root.ele('InputEncoding').txt('UTF-8');
  document.root.ele('OutputEncoding').txt('UTF-8');
  document.root.ele('Url', { type: MEDIA.acquisition, template: `${origin}${OPDS_SEARCH}?q={searchTerms}` });
  return document.end({ prettyPrint: true });
}

interface Feed {
  root: XmlNode;
  end(): string;
}

function feedHead(context: CatalogContext, head: FeedHead): Feed {
  const document = xmlDocument(ATOM, 'feed', NAMESPACES);
  const root = document.root;
  root.ele('id').txt(head.id);
  root.ele('title').txt(head.title);
  root.ele('updated').txt(context.updated);
  root.ele('author').ele('name').txt('ficbind');
  const feed = { root, end: () => document.end({ prettyPrint: true }) };
  link(feed, 'self', head.self, MEDIA[head.kind]);
  link(feed, 'start', OPDS_ROOT, MEDIA.navigation, context.title);
  if (head.up) link(feed, 'up', head.up, MEDIA.navigation);
  link(feed, 'search', OPENSEARCH_DESCRIPTION, MEDIA.opensearch, 'Search');
  link(feed, 'search', `${OPDS_SEARCH}?q={searchTerms}`, MEDIA.acquisition, 'Search');
  return feed;
}

interface NavigationEntry {
  id: string;
  title: string;
  href: string;
  /** Media type of the feed it leads to. */
  type: string;
  content: string;
  rel?: string;
}

function navigationEntry(feed: Feed, context: CatalogContext, item: NavigationEntry): void {
  const entry = feed.root.ele('entry');
  entry.ele('id').txt(item.id);
  entry.ele('title').txt(item.title);
  entry.ele('updated').txt(context.updated);
  entry.ele('content', { type: 'text' }).txt(item.content);
  entry.ele('link', { rel: item.rel ?? 'subsection', href: item.href, type: item.type });
}

/** A complete OPDS catalog entry for one book. */
function bookEntry(parent: XmlNode, book: ShelfBook): void {
  const entry = parent.ele('entry');
  entry.ele('id').txt(book.identifier);
  entry.ele('title').txt(book.title);
  for (const name of book.authors) {
    const author = entry.ele('author');
    author.ele('name').txt(name);
    author.ele('uri').txt(authorPath(name));
  }
  entry.ele('updated').txt(new Date(book.mtimeMs).toISOString());
  entry.eleNs(DC, 'dc:identifier').txt(book.identifier);
  entry.eleNs(DC, 'dc:modified').txt(book.modified);
  if (book.language) entry.eleNs(DC, 'dc:language').txt(book.language);
  if (book.series) {
    // Library Simplified's form, which opds-feed-parser and its clients read.
    entry.eleNs(SCHEMA, 'schema:Series', {
      name: book.series.name,
      ...(book.series.position === undefined ? {} : { 'schema:position': String(book.series.position) }),
    });
  }
  for (const subject of book.subjects) entry.ele('category', { term: subject, label: subject });
  if (book.summary) entry.ele('summary', { type: 'text' }).txt(book.summary);
  // calibre and Calibre-Web show the series in the content, where every client that shows the
  // entry's text (KOReader, Moon+ Reader) displays it.
  const content = [seriesLine(book), book.summary].filter(Boolean).join('\n\n');
  if (content) entry.ele('content', { type: 'text' }).txt(content);
  const cover = coverPath(book);
  const thumbnail = thumbnailPath(book);
  if (cover && book.cover) entry.ele('link', { rel: REL.image, href: cover, type: book.cover.mediaType });
  if (thumbnail) entry.ele('link', { rel: REL.thumbnail, href: thumbnail, type: MEDIA.thumbnail });
  acquisition(entry, bookPath(book.file), MEDIA.epub, book.size, 'EPUB');
  if (book.kepub) acquisition(entry, bookPath(book.kepub.file), MEDIA.kepub, book.kepub.size, 'Kobo (KEPUB)');
  if (book.series)
    entry.ele('link', {
      rel: 'related',
      href: seriesPath(book.series.name),
      type: MEDIA.acquisition,
      title: `All of ${book.series.name}`,
    });
}

export function seriesLine(book: ShelfBook): string {
  if (!book.series) return '';
  return book.series.position === undefined
    ? `Series: ${book.series.name}`
    : `Series: ${book.series.name} [${book.series.position}]`;
}

function acquisition(entry: XmlNode, href: string, type: string, length: number, title: string): void {
  entry.ele('link', { rel: REL.acquisition, href, type, length: String(length), title });
}

function link(feed: Feed, rel: string, href: string, type: string, title?: string): void {
  feed.root.ele('link', { rel, href, type, ...(title ? { title } : {}) });
}

function count(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}
