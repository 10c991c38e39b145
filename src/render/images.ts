import { createHash } from 'node:crypto';
import type { Story } from '../model/story.js';

/** An image file of the book: a picture a story's chapters show. */
export interface PlannedImage {
  id: string;
  /** Path relative to the package document, e.g. `images/the-far-shore-map.png`. */
  href: string;
  mediaType: string;
  data: Uint8Array;
}

const EXTENSION: Readonly<Record<string, string>> = {
  'image/jpeg': 'jpg',
  'image/png': 'png',
  'image/gif': 'gif',
  'image/webp': 'webp',
};

/**
 * The image files of one story's chapters, each once, named by the story's key and the file's own
 * name (`the-far-shore-map.png`): like its documents (document-names.ts), an image keeps its name
 * as the library grows. Two files whose names read alike are told apart by a hash of their keys.
 * `hrefs` gives each image key its file, as a chapter document refers to it.
 */
export function planImages(story: Story, storyKey: string): { images: PlannedImage[]; hrefs: Map<string, string> } {
  const byKey = new Map(story.chapters.flatMap((c) => c.images ?? []).map((image) => [image.key, image]));
  const stems = new Map<string, number>();
  for (const key of byKey.keys()) stems.set(stemOf(key), (stems.get(stemOf(key)) ?? 0) + 1);
  const images: PlannedImage[] = [];
  const hrefs = new Map<string, string>();
  for (const [key, image] of byKey) {
    const stem = stemOf(key);
    const name = `${storyKey}-${(stems.get(stem) ?? 0) > 1 ? `${stem}-${shortHash(key)}` : stem}`;
    const href = `images/${name}.${EXTENSION[image.mediaType] ?? 'img'}`;
    images.push({ id: `img-${name}`, href, mediaType: image.mediaType, data: image.data });
    hrefs.set(key, `../${href}`);
  }
  return { images, hrefs };
}

/** The file's name without its folder and extension, as letters, digits and dashes. */
function stemOf(key: string): string {
  const stem = (key.split('/').pop() ?? key)
    .replace(/\.[^.]*$/, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
  return stem === '' ? 'image' : stem;
}

function shortHash(text: string): string {
  return createHash('sha256').update(text).digest('hex').slice(0, 8);
}
