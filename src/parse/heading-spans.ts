import {
  isTitleLine,
  numberHeading,
  parseChapterHeading,
  parseNumberLine,
  type ChapterHeading,
  type NumberLine,
} from './chapter-heading.js';
import { isBlank, type SourceLine } from './lines.js';
import type { ParagraphShape } from './paragraph-shape.js';

/** A chapter heading found in a body: lines `start` up to `end` (a title on its own line included). */
export interface HeadingSpan {
  start: number;
  end: number;
  heading: ChapterHeading;
  /** The source marked the line as a heading (a Markdown `#` line): taken whatever it says. */
  marked: boolean;
}

/**
 * The chapter headings of a body. A heading stands on its own: alone between blank lines (or the
 * edges of the text), in a run of heading lines only, or anywhere in a body of one paragraph per
 * line — never inside a paragraph of prose. A bare heading (`CHAPTER I.`) takes a title on the
 * line right under it when the two stand alone together (Gutenberg's two-line headings). Lines of only a number (`1.`, `IV.`) are
 * headings when the body uses them in sequence.
 */
export function findHeadings(lines: readonly SourceLine[], shape: ParagraphShape): HeadingSpan[] {
  const perLine = shape === 'line-per-paragraph';
  const numbers = numberHeadings(lines, perLine);
  const headingAt = (index: number): ChapterHeading | undefined => {
    const line = lines[index] as SourceLine;
    if (line.heading)
      return (
        parseChapterHeading(line.text) ?? {
          kind: 'chapter',
          title: line.text.trim().replace(/\s+/g, ' '),
          key: `marked:${index}`,
          bare: false,
        }
      );
    return numbers.get(index) ?? parseChapterHeading(line.text);
  };
  const spans: HeadingSpan[] = [];
  for (const [start, end] of textBlocks(lines, perLine)) {
    const found = lines.slice(start, end).map((_, offset) => headingAt(start + offset));
    const first = found[0];
    if (found.every((h) => h !== undefined)) {
      found.forEach((heading, offset) =>
        spans.push(span(lines, start + offset, start + offset + 1, heading as ChapterHeading)),
      );
    } else if (
      end - start === 2 &&
      first?.bare &&
      !perLine &&
      isTitleLine((lines[start + 1] as SourceLine).text, true)
    ) {
      spans.push(span(lines, start, end, withTitle(first, lines[start + 1] as SourceLine)));
    } else {
      // Headings the source marked are headings wherever they stand.
      found.forEach((heading, offset) => {
        if (heading && lines[start + offset]?.heading)
          spans.push(span(lines, start + offset, start + offset + 1, heading));
      });
    }
  }
  return attachTitlesBelow(lines, spans, perLine);
}

function span(lines: readonly SourceLine[], start: number, end: number, heading: ChapterHeading): HeadingSpan {
  return { start, end, heading, marked: lines[start]?.heading === true };
}

/** Runs of non-blank lines as [start, end) index pairs; in a line-per-paragraph body, each line. */
function textBlocks(lines: readonly SourceLine[], perLine: boolean): Array<[number, number]> {
  const blocks: Array<[number, number]> = [];
  let start = -1;
  lines.forEach((line, index) => {
    if (isBlank(line)) {
      if (start >= 0) blocks.push([start, index]);
      start = -1;
    } else if (perLine) blocks.push([index, index + 1]);
    else if (start < 0) start = index;
  });
  if (start >= 0) blocks.push([start, lines.length]);
  return blocks;
}

/**
 * In a body of one paragraph per line, a bare heading takes a title on the line under it. (A
 * blank-separated body gives a title only in the heading's own block: a short line set off by a
 * blank line after a bare heading may as well be the chapter's first paragraph.)
 */
function attachTitlesBelow(lines: readonly SourceLine[], spans: HeadingSpan[], perLine: boolean): HeadingSpan[] {
  if (!perLine) return spans;
  const starts = new Set(spans.map((s) => s.start));
  return spans.map((s) => {
    const candidate = lines[s.end];
    if (
      !s.heading.bare ||
      s.end - s.start !== 1 ||
      !candidate ||
      isBlank(candidate) ||
      starts.has(s.end) ||
      !isTitleLine(candidate.text, false)
    )
      return s;
    return { ...s, end: s.end + 1, heading: withTitle(s.heading, candidate) };
  });
}

function withTitle(heading: ChapterHeading, titleLine: SourceLine): ChapterHeading {
  const title = titleLine.text.trim().replace(/\s+/g, ' ');
  const joined = /[.:]$/.test(heading.title) ? `${heading.title} ${title}` : `${heading.title}: ${title}`;
  return { ...heading, title: joined, bare: false };
}

/**
 * Lines that are only a number (`1.`, `IV.`), alone, used as headings throughout the body: at
 * least two, all arabic or all roman, each one more than the last (or 1 again, a new part).
 */
function numberHeadings(lines: readonly SourceLine[], perLine: boolean): Map<number, ChapterHeading> {
  const found: Array<[number, NumberLine]> = [];
  lines.forEach((line, index) => {
    const number = parseNumberLine(line.text);
    if (number && (perLine || (isBlank(lines[index - 1]) && isBlank(lines[index + 1])))) found.push([index, number]);
  });
  const inSequence = found.every(([, n], i) => {
    const previous = found[i - 1]?.[1];
    return previous === undefined || (n.style === previous.style && (n.value === previous.value + 1 || n.value === 1));
  });
  if (found.length < 2 || !inSequence) return new Map();
  return new Map(found.map(([index, number]) => [index, numberHeading((lines[index] as SourceLine).text, number)]));
}
