import type { ShelfBook } from '../model/shelf.js';
import { byteSize as size } from '../text/byte-size.js';
import { MEDIA, OPDS_ROOT, OPENSEARCH_DESCRIPTION, bookPath, thumbnailPath, withPage } from './paths.js';

/** Books on one page of the shelf: one screen or two of an e-reader, and few thumbnails to fetch. */
export const SHELF_PAGE_SIZE = 20;

export interface ShelfPage {
  title: string;
  /** The books to list, in order (newest first, or search results). */
  books: readonly ShelfBook[];
  page: number;
  /** The search typed, when the page shows results. */
  query: string;
  /** Absolute address of the OPDS catalog, to type into a reading app. */
  catalogUrl: string;
}

/**
 * The HTML shelf page for the browsers of e-readers and phones: no script, no web font, no
 * request beyond its own thumbnails; black on white in large type for e-ink. Pure.
 */
export function shelfPage(shelf: ShelfPage): string {
  const pages = Math.max(1, Math.ceil(shelf.books.length / SHELF_PAGE_SIZE));
  const page = Math.min(shelf.page, pages);
  const shown = shelf.books.slice((page - 1) * SHELF_PAGE_SIZE, page * SHELF_PAGE_SIZE);
  const here = shelf.query ? `/?q=${encodeURIComponent(shelf.query)}` : '/';
  const heading = shelf.query ? `Books matching “${shelf.query}”` : shelf.title;
  const summary = shelf.query
    ? `${books(shelf.books.length)} found. <a href="/">All books</a>`
    : `${books(shelf.books.length)}, newest first.`;
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(heading)}</title>
<link rel="alternate" type="${MEDIA.navigation}" href="${OPDS_ROOT}" title="OPDS catalog">
<link rel="search" type="${MEDIA.opensearch}" href="${OPENSEARCH_DESCRIPTION}" title="${escapeHtml(shelf.title)}">
<style>${STYLE}</style>
</head>
<body>
<h1>${escapeHtml(heading)}</h1>
<form action="/" method="get" role="search"><label for="q">Search</label> <input id="q" name="q" type="search" value="${escapeHtml(shelf.query)}"> <button type="submit">Find</button></form>
<p>${summary}</p>
${shown.length === 0 ? '<p>No books here yet.</p>' : `<ul class="books">\n${shown.map(bookItem).join('\n')}\n</ul>`}
${pager(here, page, pages)}
<p class="catalog">Reading apps (KOReader, Moon+ Reader, Thorium, Librera): add the OPDS catalog <a href="${OPDS_ROOT}">${escapeHtml(shelf.catalogUrl)}</a>.</p>
</body>
</html>
`;
}

function bookItem(book: ShelfBook): string {
  const thumbnail = thumbnailPath(book);
  const image = thumbnail
    ? `<img src="${escapeHtml(thumbnail)}" alt="Cover of ${escapeHtml(book.title)}" width="100" height="150">`
    : '<span class="no-cover" aria-hidden="true"></span>';
  const series = book.series
    ? `<p class="series">${book.series.position === undefined ? '' : `Book ${book.series.position} of `}${escapeHtml(book.series.name)}</p>`
    : '';
  const authors = book.authors.length > 0 ? `<p class="author">${escapeHtml(book.authors.join(', '))}</p>` : '';
  const links = [`<a href="${escapeHtml(bookPath(book.file))}">EPUB</a> <small>${size(book.size)}</small>`];
  if (book.kepub)
    links.push(`<a href="${escapeHtml(bookPath(book.kepub.file))}">Kobo</a> <small>${size(book.kepub.size)}</small>`);
  return `<li>${image}<div><h2>${escapeHtml(book.title)}</h2>${authors}${series}<p class="get">${links.join(' · ')}</p></div></li>`;
}

function pager(here: string, page: number, pages: number): string {
  if (pages <= 1) return '';
  const newer = page > 1 ? `<a href="${escapeHtml(withPage(here, page - 1))}" rel="prev">← Previous</a>` : '';
  const older = page < pages ? `<a href="${escapeHtml(withPage(here, page + 1))}" rel="next">Next →</a>` : '';
  return `<nav class="pager">${newer} <span>Page ${page} of ${pages}</span> ${older}</nav>`;
}

function books(n: number): string {
  return `${n} ${n === 1 ? 'book' : 'books'}`;
}

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

// Large type, high contrast, big touch targets; no colour that e-ink would grey out.
const STYLE = `
body{font-family:serif;font-size:1.2rem;line-height:1.35;margin:0 auto;max-width:44rem;padding:0.8rem;color:#000;background:#fff}
h1{font-size:1.6rem;margin:0.2rem 0 0.6rem}
form{margin:0 0 0.6rem}input,button{font-size:1.1rem;padding:0.3rem}input{width:55%}
.books{list-style:none;margin:0;padding:0}
.books li{display:flex;gap:0.8rem;padding:0.7rem 0;border-top:1px solid #000}
.books img,.no-cover{flex:none;width:100px;height:150px;border:1px solid #000}
.books h2{font-size:1.25rem;margin:0 0 0.2rem}
.books p{margin:0.15rem 0}
.series{font-style:italic}
.get a{display:inline-block;padding:0.35rem 0.2rem;font-weight:bold;color:#000}
.pager{display:flex;justify-content:space-between;padding:0.8rem 0;border-top:1px solid #000}
.pager a{color:#000;font-weight:bold;padding:0.3rem}
.catalog{font-size:1rem;border-top:1px solid #000;padding-top:0.6rem}
`.trim();
