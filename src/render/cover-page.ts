import type { Book } from '../model/book.js';
import { writeXhtmlDocument } from './xhtml-writer.js';

/** The page that shows the cover image, first in reading order. */
export function renderCoverPage(book: Book, imageHref: string): string {
  return writeXhtmlDocument({ title: 'Cover', language: book.language, stylesheet: '../style.css' }, (body) => {
    body
      .start('section', { 'epub:type': 'cover', class: 'cover' })
      .empty('img', { src: imageHref, alt: coverAlternative(book) })
      .end();
  });
}

/** What the cover shows when ficbind drew it; of an image from covers/ it knows only whose cover it is. */
export function coverAlternative(book: Book): string {
  return book.cover?.description ?? `Cover of ${book.title} by ${book.authors.join(' & ')}`;
}
