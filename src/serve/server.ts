import { createHash } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import send from 'send';
import { UsageError } from '../config/options.js';
import { formatDiagnostic } from '../diagnostics/diagnostic.js';
import type { ShelfBook } from '../model/shelf.js';
import { authorGroups, newestFirst, searchBooks, seriesGroups } from '../shelf/order.js';
import { openShelf, type Shelf, type ShelfScan } from '../shelf/shelf-index.js';
import { CHALLENGE, passwordMatches } from './basic-auth.js';
import { coverImages, type CoverImages } from './cover-images.js';
import { acquisitionFeed, groupsFeed, openSearchDescription, rootFeed, type CatalogContext } from './opds-feeds.js';
import { MEDIA, OPDS_NEW, OPDS_SEARCH, authorPath, route, seriesPath, type Route } from './paths.js';
import { shelfPage } from './shelf-page.js';

export interface ServeOptions {
  /** Folder of finished books (default `out`). */
  folder: string;
  /** Address to listen on: `0.0.0.0` (the default) for the local network, `127.0.0.1` for this computer only. */
  host?: string;
  /** Port; 0 picks a free one. Default 8080. */
  port?: number;
  /** When set, every request needs it (HTTP basic auth, any user name). */
  password?: string;
  /** Lines worth telling the person running the server (unreadable books, failures). */
  log?: (line: string) => void;
}

export interface RunningServer {
  host: string;
  port: number;
  /** The shelf page's address on this computer, e.g. `http://127.0.0.1:8080/`. */
  localUrl: string;
  close(): Promise<void>;
}

export const DEFAULT_PORT = 8080;
export const DEFAULT_HOST = '0.0.0.0';

const SECURITY_HEADERS = {
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
};
// The shelf page loads nothing but its own thumbnails, and no script may run on it.
const PAGE_POLICY =
  "default-src 'none'; img-src 'self' data:; style-src 'unsafe-inline'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'";

/**
 * Serves a folder of books: the shelf page at `/`, the OPDS catalog at `/opds`, and the books,
 * covers and thumbnails. Read-only; the folder is scanned again on every request (only changed
 * files are read), so a rebuild shows up without a restart.
 */
export async function serveBooks(options: ServeOptions): Promise<RunningServer> {
  const shelf = await openShelf(options.folder).catch(() => {
    throw new UsageError(
      `${options.folder}: no such folder of books; build one with "ficbind build", or name the folder`,
    );
  });
  const images = coverImages();
  const log = options.log ?? (() => undefined);
  const reported = new Set<string>();
  const scan = async (): Promise<ShelfScan> => {
    const scanned = await shelf.scan();
    for (const problem of scanned.problems) {
      const line = formatDiagnostic(problem);
      if (!reported.has(line)) log(line);
      reported.add(line);
    }
    return scanned;
  };
  const context = { shelf, images, scan, title: `ficbind: ${path.basename(path.resolve(options.folder))}` };
  const server = createServer((request, response) => {
    for (const [name, value] of Object.entries(SECURITY_HEADERS)) response.setHeader(name, value);
    answer(request, response, options, context).catch((error: Error) => {
      log(`ficbind serve: ${request.method} ${request.url}: ${error.message}`);
      if (!response.headersSent) text(response, 500, 'The server could not answer this request.');
      else response.destroy();
    });
  });
  await listen(server, options.host ?? DEFAULT_HOST, options.port ?? DEFAULT_PORT);
  const address = server.address() as AddressInfo;
  const local =
    address.family === 'IPv6'
      ? address.address === '::'
        ? '[::1]'
        : `[${address.address}]`
      : address.address === '0.0.0.0'
        ? '127.0.0.1'
        : address.address;
  return {
    host: address.address,
    port: address.port,
    localUrl: `http://${local}:${address.port}/`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

function listen(server: Server, host: string, port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) => {
      if (error.code === 'EADDRINUSE')
        reject(new UsageError(`port ${port} is in use on ${host}: pass another with --port (e.g. --port ${port + 1})`));
      else if (error.code === 'EADDRNOTAVAIL')
        reject(
          new UsageError(`${host} is not an address of this computer: pass --host 0.0.0.0 or one of its addresses`),
        );
      else if (error.code === 'EACCES')
        reject(new UsageError(`port ${port} needs administrator rights: pass --port 1024 or above`));
      else reject(error);
    });
    server.listen(port, host, () => resolve());
  });
}

interface Context {
  shelf: Shelf;
  images: CoverImages;
  scan(): Promise<ShelfScan>;
  title: string;
}

async function answer(
  request: IncomingMessage,
  response: ServerResponse,
  options: ServeOptions,
  context: Context,
): Promise<void> {
  if (request.method !== 'GET' && request.method !== 'HEAD') {
    response.setHeader('allow', 'GET, HEAD');
    return text(response, 405, 'Only GET and HEAD are answered: this server only reads.');
  }
  if (options.password !== undefined && !passwordMatches(request.headers.authorization, options.password)) {
    response.setHeader('www-authenticate', CHALLENGE);
    return text(response, 401, 'This catalog needs the password given to ficbind serve --password.');
  }
  const target = route(request.url ?? '/');
  if (target.kind === 'bad-request') return text(response, 400, `Bad request: ${target.reason}.`);
  if (target.kind === 'not-found') return text(response, 404, 'Not found.');
  if (target.kind === 'favicon') return void response.writeHead(204).end();
  const { books } = await context.scan();
  const catalog: CatalogContext = {
    title: context.title,
    updated: new Date(Math.max(0, ...books.map((b) => b.mtimeMs))).toISOString(),
  };
  switch (target.kind) {
    case 'book':
      return sendBook(request, response, context.shelf, target.file, books);
    case 'cover':
    case 'thumbnail':
      return sendImage(request, response, context, target, books);
    case 'shelf': {
      const listed = target.query ? searchBooks(books, target.query) : newestFirst(books);
      const catalogUrl = `${origin(request)}/opds`;
      const html = shelfPage({
        title: context.title,
        books: listed,
        page: target.page,
        query: target.query,
        catalogUrl,
      });
      response.setHeader('content-security-policy', PAGE_POLICY);
      return body(request, response, 'text/html; charset=utf-8', html);
    }
    case 'opensearch':
      return body(
        request,
        response,
        `${MEDIA.opensearch}; charset=utf-8`,
        openSearchDescription(catalog, origin(request)),
      );
    default:
      return feed(request, response, catalog, target, books);
  }
}

function feed(
  request: IncomingMessage,
  response: ServerResponse,
  catalog: CatalogContext,
  target: Route,
  books: readonly ShelfBook[],
): void {
  const series = seriesGroups(books);
  const authors = authorGroups(books);
  const acquisition = (
    id: string,
    title: string,
    self: string,
    listed: readonly ShelfBook[],
    page: number,
    up?: string,
  ): void =>
    body(
      request,
      response,
      `${MEDIA.acquisition}; charset=utf-8`,
      acquisitionFeed(catalog, { id, title, self, books: listed, page, ...(up ? { up } : {}) }),
    );
  const navigation = (xml: string): void => body(request, response, `${MEDIA.navigation}; charset=utf-8`, xml);
  switch (target.kind) {
    case 'opds-root':
      return navigation(rootFeed(catalog, books, series.length, authors.length));
    case 'opds-series-list':
      return navigation(groupsFeed(catalog, 'series', series));
    case 'opds-author-list':
      return navigation(groupsFeed(catalog, 'authors', authors));
    case 'opds-new':
      return acquisition('urn:ficbind:new', 'All books, newest first', OPDS_NEW, newestFirst(books), target.page);
    case 'opds-search':
      return acquisition(
        `urn:ficbind:search:${encodeURIComponent(target.query)}`,
        `Search: ${target.query}`,
        `${OPDS_SEARCH}?q=${encodeURIComponent(target.query)}`,
        searchBooks(books, target.query),
        target.page,
      );
    case 'opds-series':
    case 'opds-author': {
      const groups = target.kind === 'opds-series' ? series : authors;
      const group = groups.find((g) => g.name === target.name);
      if (!group)
        return text(response, 404, `No ${target.kind === 'opds-series' ? 'series' : 'author'} of that name here.`);
      const self = target.kind === 'opds-series' ? seriesPath(group.name) : authorPath(group.name);
      const up = target.kind === 'opds-series' ? '/opds/series' : '/opds/authors';
      return acquisition(
        `urn:ficbind:${target.kind}:${encodeURIComponent(group.name)}`,
        group.name,
        self,
        group.books,
        target.page,
        up,
      );
    }
    default:
      return text(response, 404, 'Not found.');
  }
}

/** A book file, through `send`: Range, HEAD, ETag, Last-Modified and conditional requests. */
async function sendBook(
  request: IncomingMessage,
  response: ServerResponse,
  shelf: Shelf,
  file: string,
  books: readonly ShelfBook[],
): Promise<void> {
  const absolute = await shelf.locate(file);
  if (!absolute) return text(response, 404, 'No such book here.');
  const isKepub = books.some((book) => book.kepub?.file === file);
  response.setHeader('content-type', isKepub ? MEDIA.kepub : MEDIA.epub);
  response.setHeader('content-disposition', attachment(path.basename(absolute)));
  const root = path.dirname(absolute);
  const stream = send(request, `/${encodeURIComponent(path.basename(absolute))}`, {
    root,
    dotfiles: 'deny',
    index: false,
    maxAge: 0,
  });
  await new Promise<void>((resolve) => {
    stream.on('error', (error: { status?: number; headers?: Record<string, string> }) => {
      response.removeHeader('content-disposition');
      for (const [name, value] of Object.entries(error.headers ?? {})) response.setHeader(name, value);
      const status = error.status ?? 500;
      text(response, status, SEND_ERRORS[status] ?? 'Cannot send this file.');
      resolve();
    });
    stream.on('end', resolve);
    // A client that goes away mid-download ends the response; `send` closes the file.
    response.on('close', resolve);
    stream.pipe(response);
  });
}

const SEND_ERRORS: Record<number, string> = {
  404: 'No such book here.',
  412: 'The book changed since the condition was taken.',
  416: 'Range not satisfiable: the book is smaller than the range asked for.',
};

async function sendImage(
  request: IncomingMessage,
  response: ServerResponse,
  context: Context,
  target: { kind: 'cover' | 'thumbnail'; key: string },
  books: readonly ShelfBook[],
): Promise<void> {
  const book = books.find((b) => b.key === target.key);
  const absolute = book?.cover && (await context.shelf.locate(book.file));
  if (!book?.cover || !absolute) return text(response, 404, 'No such cover here.');
  const bytes =
    target.kind === 'cover'
      ? await context.images.cover(absolute, book.cover.entry)
      : await context.images.thumbnail(book.key, absolute, book.cover.entry);
  if (!bytes) return text(response, 404, 'This book has no readable cover.');
  // The key changes with the book's bytes, so an image under it never changes.
  response.setHeader('cache-control', 'public, max-age=31536000, immutable');
  body(request, response, target.kind === 'cover' ? book.cover.mediaType : MEDIA.thumbnail, bytes);
}

/** A whole response with an ETag; `If-None-Match` with the same tag gets 304, HEAD gets the headers alone. */
function body(request: IncomingMessage, response: ServerResponse, type: string, content: string | Uint8Array): void {
  const bytes = typeof content === 'string' ? Buffer.from(content, 'utf8') : content;
  const etag = `"${createHash('sha256').update(bytes).digest('base64url').slice(0, 27)}"`;
  response.setHeader('etag', etag);
  if (!response.hasHeader('cache-control')) response.setHeader('cache-control', 'no-cache');
  const tags = (request.headers['if-none-match'] ?? '').split(',').map((tag) => tag.trim().replace(/^W\//, ''));
  if (tags.includes(etag) || tags.includes('*')) return void response.writeHead(304).end();
  response.writeHead(200, { 'content-type': type, 'content-length': bytes.length });
  response.end(request.method === 'HEAD' ? undefined : bytes);
}

function text(response: ServerResponse, status: number, message: string): void {
  const bytes = Buffer.from(`${message}\n`, 'utf8');
  response.writeHead(status, { 'content-type': 'text/plain; charset=utf-8', 'content-length': bytes.length });
  response.end(response.req.method === 'HEAD' ? undefined : bytes);
}

/** `http://host:port` as the client reached us, for the absolute addresses clients need; a bad Host header gets loopback. */
function origin(request: IncomingMessage): string {
  const host = request.headers.host ?? '';
  const valid = /^(?:[A-Za-z0-9.-]+|\[[0-9A-Fa-f:.]+\])(?::\d{1,5})?$/.test(host);
  const address = request.socket.localAddress ?? '127.0.0.1';
  const port = request.socket.localPort ?? DEFAULT_PORT;
  return valid ? `http://${host}` : `http://${address.includes(':') ? `[${address}]` : address}:${port}`;
}

/** RFC 6266: an ASCII name for old clients and the UTF-8 name for the rest. */
function attachment(name: string): string {
  const ascii =
    name
      .normalize('NFKD')
      .replace(/[^\x20-\x7e]/g, '')
      .replace(/["\\]/g, '') || 'book.epub';
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(name).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)}`;
}
