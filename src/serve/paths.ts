import type { ShelfBook } from '../model/shelf.js';

/** The server's URLs, written in one place and read back by `route`. Pure. */

export const OPDS_ROOT = '/opds';
export const OPDS_NEW = '/opds/new';
export const OPDS_SERIES = '/opds/series';
export const OPDS_AUTHORS = '/opds/authors';
export const OPDS_SEARCH = '/opds/search';
export const OPENSEARCH_DESCRIPTION = '/opds/search.xml';

export const MEDIA = {
  navigation: 'application/atom+xml;profile=opds-catalog;kind=navigation',
  acquisition: 'application/atom+xml;profile=opds-catalog;kind=acquisition',
  opensearch: 'application/opensearchdescription+xml',
  epub: 'application/epub+zip',
  kepub: 'application/kepub+zip',
  thumbnail: 'image/jpeg',
} as const;

const segments = (file: string): string => file.split('/').map(encodeURIComponent).join('/');

export const bookPath = (file: string): string => `/books/${segments(file)}`;
export const seriesPath = (name: string): string => `${OPDS_SERIES}/${encodeURIComponent(name)}`;
export const authorPath = (name: string): string => `${OPDS_AUTHORS}/${encodeURIComponent(name)}`;

const COVER_EXTENSIONS: Record<string, string> = {
  'image/jpeg': 'jpg',
  'image/png': 'png',
  'image/gif': 'gif',
  'image/webp': 'webp',
};

export const coverPath = (book: ShelfBook): string | undefined =>
  book.cover && `/covers/${book.key}.${COVER_EXTENSIONS[book.cover.mediaType] ?? 'img'}`;
export const thumbnailPath = (book: ShelfBook): string | undefined => book.cover && `/thumbnails/${book.key}.jpg`;

/** `page` as a query string for a path that may already have one. */
export function withPage(href: string, page: number): string {
  if (page <= 1) return href;
  return `${href}${href.includes('?') ? '&' : '?'}page=${page}`;
}

/** What a request asks for. */
export type Route =
  | { kind: 'shelf'; page: number; query: string }
  | { kind: 'opds-root' }
  | { kind: 'opds-new'; page: number }
  | { kind: 'opds-series-list' }
  | { kind: 'opds-series'; name: string; page: number }
  | { kind: 'opds-author-list' }
  | { kind: 'opds-author'; name: string; page: number }
  | { kind: 'opds-search'; query: string; page: number }
  | { kind: 'opensearch' }
  | { kind: 'book'; file: string }
  | { kind: 'cover'; key: string }
  | { kind: 'thumbnail'; key: string }
  | { kind: 'favicon' }
  | { kind: 'bad-request'; reason: string }
  | { kind: 'not-found' };

const MAX_QUERY = 200;

/** Reads a request target (`/path?query`). Never throws: malformed input is a `bad-request`. */
export function route(target: string): Route {
  if (!target.startsWith('/')) return { kind: 'bad-request', reason: 'the request target is not a path' };
  let url: URL;
  try {
    url = new URL(target, 'http://ficbind.invalid');
  } catch {
    return { kind: 'bad-request', reason: 'the address is malformed' };
  }
  let parts: string[];
  try {
    parts = url.pathname.split('/').slice(1).map(decodeURIComponent);
  } catch {
    return { kind: 'bad-request', reason: 'the address has a malformed %-escape' };
  }
  // `new URL` already dropped plain dot segments; these are the escaped ones (`%2e%2e`, `..%2f`).
  if (parts.some((part) => part === '..' || part === '.' || /[\0\\/]/.test(part)))
    return { kind: 'bad-request', reason: 'the address leaves the folder' };
  const pageText = url.searchParams.get('page') ?? '1';
  const page = /^[1-9]\d{0,5}$/.test(pageText) ? Number(pageText) : Number.NaN;
  if (Number.isNaN(page)) return { kind: 'bad-request', reason: 'page must be a whole number from 1' };
  const query = (url.searchParams.get('q') ?? '').slice(0, MAX_QUERY);
  const [head, ...rest] = parts;
  const path = `/${parts.join('/')}`.replace(/\/$/, '') || '/';
  if (path === '/') return { kind: 'shelf', page, query };
  if (path === '/favicon.ico') return { kind: 'favicon' };
  if (path === OPDS_ROOT) return { kind: 'opds-root' };
  if (path === OPDS_NEW) return { kind: 'opds-new', page };
  if (path === OPDS_SERIES) return { kind: 'opds-series-list' };
  if (path === OPDS_AUTHORS) return { kind: 'opds-author-list' };
  if (path === OPENSEARCH_DESCRIPTION) return { kind: 'opensearch' };
  if (path === OPDS_SEARCH) return { kind: 'opds-search', query, page };
  if (head === 'opds' && rest.length === 2 && rest[0] === 'series')
    return { kind: 'opds-series', name: rest[1]!, page };
  if (head === 'opds' && rest.length === 2 && rest[0] === 'authors')
    return { kind: 'opds-author', name: rest[1]!, page };
  if (head === 'books' && rest.length > 0 && rest.every((part) => part !== '' && !part.startsWith('.')))
    return { kind: 'book', file: rest.join('/') };
  const key = /^([0-9a-f]{16})\.[a-z]+$/.exec(rest.join('/'))?.[1];
  if (head === 'covers' && key) return { kind: 'cover', key };
  if (head === 'thumbnails' && key) return { kind: 'thumbnail', key };
  return { kind: 'not-found' };
}
