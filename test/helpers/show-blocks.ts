import type { Block, Inline } from '../../src/model/story.js';

/** Paragraph text with emphasis shown as `<word>`, for compact expectations. */
export const showInlines = (inlines: readonly Inline[]): string =>
  inlines.map((i) => (i.kind === 'em' ? `<${i.text}>` : i.text)).join('');

/** A block as one string: its paragraph text, `***` for a scene break, or its kind. */
export const showBlock = (b: Block): string =>
  b.kind === 'paragraph' ? showInlines(b.inlines) : b.kind === 'scene-break' ? '***' : b.kind;
