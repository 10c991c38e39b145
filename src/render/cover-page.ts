import type { Book } from '../model/book.js';
import { xhtmlDocument } from './xhtml.js';

/** The page that shows the cover image, first in reading order. */
export function renderCoverPage(book: Book, imageHref: string): string {
  return xhtmlDocument({ title: 'Cover', language: book.language, stylesheet: '../style.css' }, (body) => {
    body
      .ele('section', { 'epub:type': 'cover', class: 'cover' })
      .ele('img', { src: imageHref, alt: `Cover of ${book.title}` });
  });
}
