import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Book, Cover } from '../model/book.js';
import type { StoryInfo } from '../model/story.js';
import { formatOf } from '../parse/formats/index.js';
import { readEpubPackage } from '../parse/epub/package.js';
import { imageType, MAX_COVER_BYTES } from './covers.js';
import { unzipEntries } from './unzip.js';

/**
 * The cover an EPUB input brings (EPUB 3 `cover-image`, EPUB 2 `<meta name="cover">`), for a book
 * that covers/ and the config give none: its first story's that has one. A JPEG or PNG only.
 */
export async function epubCover(inputDir: string, book: Book<StoryInfo>): Promise<Cover | undefined> {
  for (const story of book.stories) {
    if (formatOf(story.source) !== 'epub') continue;
    const bytes = await readFile(path.join(inputDir, ...story.source.split('/'))).catch(() => undefined);
    const archive = bytes && (await unzipEntries(bytes));
    const image = archive && readEpubPackage(archive, story.source).epub?.coverImage;
    const data = image && archive.get(image.path);
    const mediaType = data && data.length <= MAX_COVER_BYTES ? imageType(data) : undefined;
    if (data && mediaType) return { data, mediaType };
  }
  return undefined;
}
