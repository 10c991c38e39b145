import type SharpModule from 'sharp';
import { diagnostic, type Diagnostic } from '../diagnostics/diagnostic.js';
import type { Block, Chapter, Story, StoryImage } from '../model/story.js';

/** Larger than any e-reader screen shows; a picture past either is scaled down to fit inside it. */
export const MAX_IMAGE_SIDE = 1600;
/** A picture this heavy is encoded again (at most 1600 px) even when it is not too wide. */
export const MAX_IMAGE_BYTES = 1024 * 1024;

const FORMAT_NAMES: Readonly<Record<string, string>> = {
  'image/jpeg': 'JPEG',
  'image/png': 'PNG',
  'image/gif': 'GIF',
  'image/webp': 'WebP',
};

let sharpLoaded: Promise<typeof SharpModule> | undefined;

/** sharp (libvips) is loaded with the first story that has pictures: most builds have none. */
function loadSharp(): Promise<typeof SharpModule> {
  sharpLoaded ??= import('sharp').then((module) => module.default);
  return sharpLoaded;
}

/** What became of one picture: kept as it was, scaled down, or unreadable (left out). */
type Outcome = { kind: 'kept' } | { kind: 'resized'; image: StoryImage; note: string } | { kind: 'broken' };

/**
 * The story with each huge picture (past 1600 px or 1 MB) scaled down in its own format, and each
 * picture that cannot be read as the image its bytes start as left out: both reported with the
 * chapter's file and the picture's line. An animated GIF or WebP is left as it is.
 */
export async function shrinkImages(story: Story): Promise<{ story: Story; diagnostics: Diagnostic[] }> {
  const pictures = new Map(story.chapters.flatMap((c) => c.images ?? []).map((image) => [image.key, image]));
  if (pictures.size === 0) return { story, diagnostics: [] };
  const sharp = await loadSharp();
  const outcomes = new Map<string, Outcome>();
  for (const [key, image] of pictures) outcomes.set(key, await shrink(sharp, image));
  const diagnostics: Diagnostic[] = [];
  const chapters = story.chapters.map((chapter): Chapter => {
    if (!chapter.images) return chapter;
    const blocks: Block[] = [];
    for (const block of chapter.blocks) {
      const outcome = block.kind === 'image' ? outcomes.get(block.image) : undefined;
      if (block.kind !== 'image' || outcome === undefined) {
        blocks.push(block);
        continue;
      }
      const at = { line: block.line };
      if (outcome.kind === 'broken') {
        const format = FORMAT_NAMES[pictures.get(block.image)?.mediaType ?? ''] ?? 'picture';
        const alt = block.alt === '' ? 'it had no alt text' : `its alt text was "${block.alt}"`;
        const message = `the picture ${block.image} cannot be read as a ${format} (a damaged file); left out, ${alt}`;
        diagnostics.push(diagnostic('epub/image-unreadable', chapter.file, message, at));
        continue;
      }
      if (outcome.kind === 'resized')
        diagnostics.push(diagnostic('epub/image-resized', chapter.file, outcome.note, at));
      blocks.push(block);
    }
    const images = chapter.images.flatMap((image): StoryImage[] => {
      const outcome = outcomes.get(image.key);
      if (outcome?.kind === 'broken') return [];
      return [outcome?.kind === 'resized' ? outcome.image : image];
    });
    const kept: Chapter = { ...chapter, blocks, images };
    if (images.length === 0) delete kept.images;
    return kept;
  });
  return { story: { ...story, chapters }, diagnostics };
}

async function shrink(sharp: typeof SharpModule, image: StoryImage): Promise<Outcome> {
  let meta: SharpModule.Metadata;
  try {
    // Decoding it whole, not only its header: a truncated file fails here rather than in a reader.
    meta = await sharp(image.data, { animated: true }).metadata();
    await sharp(image.data, { failOn: 'truncated' }).resize(64, 64, { fit: 'inside' }).raw().toBuffer();
  } catch {
    return { kind: 'broken' };
  }
  const width = meta.width ?? 0;
  const height = meta.pageHeight ?? meta.height ?? 0;
  const tooLarge = width > MAX_IMAGE_SIDE || height > MAX_IMAGE_SIDE;
  if (!tooLarge && image.data.length <= MAX_IMAGE_BYTES) return { kind: 'kept' };
  // An animation would lose its frames or its timing: it stays as it is.
  if ((meta.pages ?? 1) > 1) return { kind: 'kept' };
  const resized = sharp(image.data).resize({
    width: MAX_IMAGE_SIDE,
    height: MAX_IMAGE_SIDE,
    fit: 'inside',
    withoutEnlargement: true,
  });
  const encoded =
    image.mediaType === 'image/jpeg'
      ? resized.jpeg({ quality: 85, mozjpeg: true })
      : image.mediaType === 'image/png'
        ? resized.png({ compressionLevel: 9, palette: !tooLarge })
        : image.mediaType === 'image/webp'
          ? resized.webp({ quality: 85 })
          : resized.gif();
  const { data, info } = await encoded.toBuffer({ resolveWithObject: true });
  // Heavy but not too large, and no lighter encoded again: kept as it was.
  if (!tooLarge && data.length >= image.data.length) return { kind: 'kept' };
  const was = `the picture ${image.key}, ${width}×${height} px (${size(image.data.length)}),`;
  const note = tooLarge
    ? `${was} is scaled down to ${info.width}×${info.height} px (${size(data.length)})`
    : `${was} is encoded again to ${size(data.length)}`;
  // A plain Uint8Array of its own, not a Buffer (maybe a slice of a larger one): the chapter's
  // digest and the cache read its bytes as such.
  const bytes = new Uint8Array(data);
  return { kind: 'resized', image: { ...image, data: bytes }, note };
}

function size(bytes: number): string {
  return bytes >= 1024 * 1024
    ? `${(bytes / 1024 / 1024).toFixed(1)} MB`
    : `${Math.max(1, Math.round(bytes / 1024))} KB`;
}
