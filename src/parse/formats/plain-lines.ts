import { hasMarks, stripMarks } from '../emphasis-marks.js';
import { isSceneBreak } from '../scene-breaks.js';
import { JUNK_RULES } from '../site-junk.js';
import { parseChapterHeading } from '../chapter-heading.js';
import { parseHeader } from '../header.js';
import type { SourceLine } from '../lines.js';
import { findTitleLine } from '../title-line.js';

/**
 * Emphasis marks must not hide a line from the matchers that read structure (`<b>Rating:</b> T`,
 * `<i>Chapter 3</i>`, `<b>* * *</b>`), nor reach a title or heading. Lines those matchers take —
 * headings, scene breaks, junk, the header block at the top and a title line — lose their marks;
 * story lines keep them.
 */
export function plainWhereStructural(lines: readonly SourceLine[], hasFields: boolean): SourceLine[] {
  const plain = lines.map((line) => (hasMarks(line.text) ? { ...line, text: stripMarks(line.text) } : line));
  const structural = plain.map((line) => line.heading === true || isStructural(line.text));
  const withoutJunk = plain.map((line) => (isJunk(line.text) ? { ...line, text: '' } : line));
  // The header block follows a leading chapter heading the page gave (see leadingHeadings).
  const lead = leadingHeadings(lines);
  const { fields, bodyStart } = parseHeader(withoutJunk.slice(lead));
  for (let i = lead; i < lead + bodyStart; i++) structural[i] = true;
  if (!hasFields && fields.length === 0) {
    const titleIndex = findTitleLine(withoutJunk);
    if (titleIndex !== undefined) structural[titleIndex] = true;
  }
  return lines.map((line, i) => (structural[i] ? (plain[i] as SourceLine) : line));
}

function isStructural(text: string): boolean {
  return isSceneBreak(text) || parseChapterHeading(text) !== undefined || isJunk(text);
}

function isJunk(text: string): boolean {
  const trimmed = text.trim();
  return trimmed !== '' && JUNK_RULES.some((rule) => rule.matches(trimmed));
}

/** How many lines at the top are blank or a heading the source marked: the header comes after them. */
export function leadingHeadings(lines: readonly SourceLine[]): number {
  let count = 0;
  while (count < lines.length && (lines[count]?.heading === true || !/\S/.test(lines[count]?.text ?? ''))) count++;
  // Blank lines after the last heading belong to the body, where the header reader skips them.
  while (count > 0 && lines[count - 1]?.heading !== true) count--;
  return count;
}
