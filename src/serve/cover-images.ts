import { readFile } from 'node:fs/promises';
import JSZip from 'jszip';

/** Thumbnails as catalogs show them: 200×300 at most, JPEG, ~10–20 KB each. */
const THUMBNAIL = { width: 200, height: 300, quality: 80 };
/** Thumbnails kept in memory (~15 KB each); beyond this the oldest is made again when asked for. */
const THUMBNAILS_KEPT = 500;

export interface CoverImages {
  /** The cover image as the book holds it. */
  cover(file: string, entry: string): Promise<Uint8Array | undefined>;
  /** A small JPEG of the cover, remembered by `key` (which changes with the book's bytes). */
  thumbnail(key: string, file: string, entry: string): Promise<Uint8Array | undefined>;
}

export function coverImages(): CoverImages {
  const thumbnails = new Map<string, Promise<Uint8Array | undefined>>();
  const cover = async (file: string, entry: string): Promise<Uint8Array | undefined> => {
    const zip = await JSZip.loadAsync(await readFile(file)).catch(() => undefined);
    return zip
      ?.file(entry)
      ?.async('uint8array')
      .catch(() => undefined);
  };
  return {
    cover,
    thumbnail(key, file, entry) {
      let made = thumbnails.get(key);
      if (!made) {
        made = cover(file, entry).then((bytes) => (bytes ? shrink(bytes) : undefined));
        thumbnails.set(key, made);
        if (thumbnails.size > THUMBNAILS_KEPT) thumbnails.delete(thumbnails.keys().next().value!);
        // A cover that could not be made is tried again next time.
        made.then((bytes) => bytes ?? thumbnails.delete(key)).catch(() => thumbnails.delete(key));
      }
      return made;
    },
  };
}

async function shrink(image: Uint8Array): Promise<Uint8Array | undefined> {
  const { default: sharp } = await import('sharp');
  try {
    return await sharp(image)
      .resize(THUMBNAIL.width, THUMBNAIL.height, { fit: 'inside', withoutEnlargement: true })
      .flatten({ background: '#ffffff' })
      .jpeg({ quality: THUMBNAIL.quality })
      .toBuffer();
  } catch {
    // A damaged image gets no thumbnail; the book is still listed and served.
    return undefined;
  }
}
