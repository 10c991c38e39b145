import type { Chapter, StoryImage } from '../../model/story.js';
import type { ImageLookup } from '../formats/format.js';
import { resolveHref } from './package.js';

/** The raster types every reading system shows (EPUB core media types), told by their first bytes. */
const SIGNATURES: ReadonlyArray<{ mediaType: string; test: (bytes: Uint8Array) => boolean }> = [
  { mediaType: 'image/jpeg', test: (b) => startsWith(b, [0xff, 0xd8, 0xff]) },
  { mediaType: 'image/png', test: (b) => startsWith(b, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]) },
  { mediaType: 'image/gif', test: (b) => startsWith(b, [0x47, 0x49, 0x46, 0x38]) },
  {
    mediaType: 'image/webp',
    test: (b) => startsWith(b, [0x52, 0x49, 0x46, 0x46]) && startsWith(b.subarray(8), [0x57, 0x45, 0x42, 0x50]),
  },
];

// An address with a scheme (`https:`, `data:`, `file:`) or a protocol-relative one (`//host/…`).
const NOT_IN_BOOK = /^(?:[a-z][a-z0-9+.-]*:|\/\/)/i;

/**
 * Where the pictures of one EPUB page lead: an image file the book holds is kept, by its path in
 * the zip; a remote one is never fetched, and a missing file or one that is no picture a reader
 * shows is left out, each saying why. The kept images are gathered in `found`, by key.
 */
export function epubImages(
  archive: ReadonlyMap<string, Uint8Array>,
  pagePath: string,
): { lookup: ImageLookup; found: Map<string, StoryImage> } {
  const found = new Map<string, StoryImage>();
  const lookup: ImageLookup = (src) => {
    const address = src.trim();
    if (address === '') return { leftOut: 'it names no file' };
    if (NOT_IN_BOOK.test(address))
      return { leftOut: 'it is not a file of the EPUB (ficbind never fetches an image from the web)' };
    const key = resolveHref(pagePath, address);
    const data = archive.get(key);
    if (data === undefined) return { leftOut: `its file ${key} is not in the EPUB` };
    const mediaType = SIGNATURES.find((s) => s.test(data))?.mediaType;
    if (mediaType === undefined) return { leftOut: `its file ${key} is not a JPEG, PNG, GIF or WebP picture` };
    found.set(key, { key, mediaType, data });
    return { key };
  };
  return { lookup, found };
}

/** Each chapter with the images its blocks show, each once, in the order they are shown. */
export function withChapterImages(chapters: readonly Chapter[], found: ReadonlyMap<string, StoryImage>): Chapter[] {
  return chapters.map((chapter) => {
    const keys = [...new Set(chapter.blocks.flatMap((b) => (b.kind === 'image' ? [b.image] : [])))];
    const images = keys.flatMap((key) => found.get(key) ?? []);
    return images.length === 0 ? chapter : { ...chapter, images };
  });
}

function startsWith(bytes: Uint8Array, signature: readonly number[]): boolean {
  return bytes.length >= signature.length && signature.every((byte, index) => bytes[index] === byte);
}
