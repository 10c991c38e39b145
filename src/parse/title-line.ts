import { isSceneBreak } from './scene-breaks.js';
import { parseChapterHeading } from './chapter-heading.js';
import { isBlank, type SourceLine } from './lines.js';

/**
 * For a story without a header: the index of its first line when that line looks like a title
 * (short, on its own, not ending like a sentence), else undefined.
 */
export function findTitleLine(lines: readonly SourceLine[]): number | undefined {
  const index = lines.findIndex((l) => !isBlank(l));
  if (index < 0) return undefined;
  const text = (lines[index] as SourceLine).text.trim();
  const looksLikeTitle =
    isBlank(lines[index + 1]) &&
    text.length <= 80 &&
    text.split(/\s+/).length <= 12 &&
    /^[\p{Lu}\p{N}"“‘'(]/u.test(text) &&
    !/[.,;:"”’]$/.test(text) &&
    !isSceneBreak(text) &&
    parseChapterHeading(text) === undefined;
  return looksLikeTitle ? index : undefined;
}

/** A readable title from a file or folder name: `the-paper_garden.txt` → `The Paper Garden`. */
export function titleFromFileName(name: string): string {
  const base = name
    .replace(/\.[^./]+$/, '')
    .replace(/[-_.]+/g, ' ')
    .trim();
  return base.replace(/\b\p{Ll}/gu, (c) => c.toUpperCase()) || 'Untitled';
}
