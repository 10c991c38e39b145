import { readdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { slug } from '../text/slug.js';
import type { Book, Cover } from '../model/book.js';
import type { StoryInfo } from '../model/story.js';
import { diagnostic, type Diagnostic } from '../diagnostics/diagnostic.js';

const IMAGE_EXTENSIONS = new Set(['.jpg', '.jpeg', '.png']);
// Readers slow down or refuse books with huge images; a cover needs far less than this.
export const MAX_COVER_BYTES = 10 * 1024 * 1024;

/** The cover images in a folder, by the slug of their file name. A missing folder has none. */
export async function listCovers(coversDir: string): Promise<Map<string, string>> {
  const covers = new Map<string, string>();
  let names: string[];
  try {
    names = await readdir(coversDir);
  } catch {
    return covers;
  }
  for (const name of names.sort()) {
    if (IMAGE_EXTENSIONS.has(path.extname(name).toLowerCase()))
      covers.set(slug(path.parse(name).name), path.join(coversDir, name));
  }
  return covers;
}

/**
 * Reads the cover for a book: the file the config names (`chosen`), else `covers/<name>.jpg|png`
 * where name matches the book's file name, title, series or first story title. A file that is not
 * a JPEG or PNG is reported and skipped.
 */
export async function readCover(
  covers: Map<string, string>,
  book: Book<StoryInfo>,
  chosen?: string,
): Promise<{ cover?: Cover; diagnostics: Diagnostic[] }> {
  const candidates = [book.fileName, book.title, book.series?.name, book.stories[0]?.meta.title].filter(
    (c): c is string => !!c,
  );
  const file = chosen ?? candidates.map((c) => covers.get(slug(c))).find((f) => f !== undefined);
  if (!file) return { diagnostics: [] };
  try {
    const { size } = await stat(file);
    if (size > MAX_COVER_BYTES) {
      const megabytes = (size / 1024 / 1024).toFixed(1);
      return {
        diagnostics: [diagnostic('cover/too-large', file, `this cover is ${megabytes} MB; it is not used`)],
      };
    }
    const data = new Uint8Array(await readFile(file));
    const mediaType = imageType(data);
    if (mediaType) return { cover: { data, mediaType }, diagnostics: [] };
    return {
      diagnostics: [diagnostic('cover/not-an-image', file, 'this cover is not a JPEG or PNG image; it is not used')],
    };
  } catch (error) {
    return {
      diagnostics: [diagnostic('cover/unreadable', file, `cannot read the cover: ${(error as Error).message}`)],
    };
  }
}

export function imageType(data: Uint8Array): Cover['mediaType'] | undefined {
  if (data[0] === 0x89 && data[1] === 0x50 && data[2] === 0x4e && data[3] === 0x47) return 'image/png';
  if (data[0] === 0xff && data[1] === 0xd8 && data[2] === 0xff) return 'image/jpeg';
  return undefined;
}
