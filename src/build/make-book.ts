import type { Book, Cover } from '../model/book.js';
import { diagnostic, type Diagnostic } from '../diagnostics/diagnostic.js';
import { toKepub } from '../package/kepub.js';
import { pack } from '../package/pack.js';
import { generateCover as drawCover, type GeneratedCover } from '../render/generated-cover.js';
import { bundledFonts } from './cover-fonts.js';
import { renderBook } from '../render/render-book.js';

export interface BookJob {
  book: Book;
  /** Draw a cover when the book has none. */
  generateCover: boolean;
  /** Also make the Kobo variant. */
  kobo: boolean;
}

export interface MadeBook {
  epub: Uint8Array;
  kepub?: Uint8Array;
  diagnostics: Diagnostic[];
  /** The PNG cover drawn for this book, when it was drawn with the bundled fonts alone (the same bytes anywhere): for the cache. */
  drawnCover?: Uint8Array;
}

/** One book's bytes: cover (drawn if asked), render, pack, and the kepub. CPU only, no I/O: runs in a worker too. */
export async function makeBook(job: BookJob): Promise<MadeBook> {
  const { book } = job;
  const drawn = book.cover || !job.generateCover ? undefined : await drawnCover(book);
  const withCover: Book = drawn ? { ...book, cover: drawn.cover } : book;
  const files = renderBook(withCover);
  const epub = await pack(files, book.modified);
  return {
    epub,
    ...(job.kobo ? { kepub: await pack(toKepub(files), book.modified) } : {}),
    diagnostics: drawn?.diagnostics ?? [],
    ...(drawn && drawn.diagnostics.length === 0 ? { drawnCover: drawn.cover.data } : {}),
  };
}

/** A cover drawn from the book's title, author and series, with the fonts ficbind ships. */
export function generateCover(book: Parameters<typeof drawCover>[0]): Promise<GeneratedCover> {
  return drawCover(book, bundledFonts());
}

/** A cover drawn from the book's title, author and series, for a book with no cover image. */
async function drawnCover(book: Book): Promise<{ cover: Cover; diagnostics: Diagnostic[] }> {
  const generated = await generateCover(book);
  if (generated.charactersFromSystemFonts.length === 0) return { cover: generated.cover, diagnostics: [] };
  return {
    cover: generated.cover,
    diagnostics: [
      diagnostic(
        'cover/system-fonts',
        book.stories[0]?.source ?? book.fileName,
        `the generated cover draws ${generated.charactersFromSystemFonts.join('')} with this machine's fonts`,
      ),
    ],
  };
}
