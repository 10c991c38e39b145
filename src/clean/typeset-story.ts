import type { Block, Chapter, Inline, Paragraph, Story, StoryMeta } from '../model/story.js';
import { smartenRuns, smartenTypography } from './typography.js';

/**
 * Typography over a whole story: paragraphs, verse lines, author's notes, chapter headings and the
 * front-matter texts. Titles and series names stay as written: they name files, match covers and
 * group series, and a reader searching their library types straight quotes.
 */
export function typesetStory(story: Story): Story {
  return { ...story, meta: typesetMeta(story.meta), chapters: story.chapters.map(typesetChapter) };
}

function typesetMeta(meta: StoryMeta): StoryMeta {
  const result: StoryMeta = {
    ...meta,
    extra: meta.extra.map((field) => ({ ...field, value: smartenTypography(field.value) })),
  };
  for (const key of ['disclaimer', 'pairing', 'summary', 'timeline', 'warnings', 'category'] as const) {
    const value = meta[key];
    if (value !== undefined) result[key] = smartenTypography(value);
  }
  return result;
}

function typesetChapter(chapter: Chapter): Chapter {
  const result: Chapter = { ...chapter, blocks: chapter.blocks.map(typesetBlock) };
  if (chapter.title !== undefined) result.title = smartenTypography(chapter.title);
  return result;
}

function typesetBlock(block: Block): Block {
  if (block.kind === 'scene-break' || block.kind === 'image') return block;
  if (block.kind === 'note') return { ...block, blocks: block.blocks.map(typesetParagraph) };
  return typesetParagraph(block);
}

function typesetParagraph(paragraph: Paragraph): Paragraph {
  const result: Paragraph = { ...paragraph, inlines: typesetInlines(paragraph.inlines) };
  if (paragraph.lines) result.lines = typesetVerse(paragraph.lines);
  return result;
}

function typesetInlines(inlines: readonly Inline[]): Inline[] {
  const texts = smartenRuns(inlines.map((inline) => inline.text));
  return inlines.map((inline, i) => ({ ...inline, text: texts[i] as string }));
}

/** Verse lines joined by a line break while quotes are judged, so a quote may open on one line and close on another. */
function typesetVerse(lines: readonly Inline[][]): Inline[][] {
  const runs = lines.flatMap((line, i) =>
    (i === 0 ? line : [{ kind: 'text' as const, text: '\n' }, ...line]).map((inline) => inline.text),
  );
  const texts = smartenRuns(runs);
  let at = 0;
  return lines.map((line, i) => {
    if (i > 0) at++; // the line break
    return line.map((inline) => ({ ...inline, text: texts[at++] as string }));
  });
}
