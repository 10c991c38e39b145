import { parseChapterHeading } from './chapter-heading.js';
import { linesToBlocks } from './blocks.js';
import { isBlank, type SourceLine } from './lines.js';
import type { Chapter } from './model.js';
import { detectParagraphShape } from './paragraph-shape.js';

/**
 * Splits a story body at chapter heading lines that stand on their own (blank line or edge of the
 * text on both sides; in a body of one paragraph per line, every line stands on its own). Text
 * before the first heading is an untitled opening chapter.
 */
export function splitChapters(lines: readonly SourceLine[], file: string): Chapter[] {
  const shape = detectParagraphShape(lines);
  const chapters: Chapter[] = [];
  let current: Chapter = { kind: 'chapter', blocks: [], file, line: lines[0]?.number ?? 1 };
  let pending: SourceLine[] = [];
  const close = (): void => {
    current.blocks = linesToBlocks(pending, shape);
    if (current.blocks.length > 0 || current.title !== undefined) chapters.push(current);
    pending = [];
  };
  lines.forEach((line, index) => {
    const standsAlone = shape === 'line-per-paragraph' || (isBlank(lines[index - 1]) && isBlank(lines[index + 1]));
    const heading = line.heading ? (parseChapterHeading(line.text) ?? { kind: 'chapter' as const, title: line.text.trim() }) : standsAlone ? parseChapterHeading(line.text) : undefined;
    if (!heading) {
      pending.push(line);
      return;
    }
    close();
    current = { kind: heading.kind, title: heading.title, blocks: [], file, line: line.number };
  });
  close();
  return chapters;
}
