import { diagnostic, type Diagnostic } from '../diagnostics/diagnostic.js';
import { slug } from '../text/slug.js';
import { KNOWN_KEYS, type HeaderField } from './header.js';
import { isBlank, type SourceLine } from './lines.js';
import { NUMBER_PATTERN } from './numbers.js';

// `Title, Part 2`, `Title - Chapter 3: The Ford`, `Title (Pt. 2)`: a separator or a bracket
// stands before the marker.
const MARKER = `(?:part|pt\\.?|chapter|ch\\.?)\\s*${NUMBER_PATTERN}\\b.*?`;
const PART_MARKER = new RegExp(
  `^(.*?\\S)(?:\\s*[:,;–—-]\\s*|\\s+)(?:\\(\\s*(${MARKER})\\s*\\)|\\[\\s*(${MARKER})\\s*\\]|(${MARKER}))$`,
  'i',
);
// `Title (3/3)`, `Title [2/5]`: bracketed, since a bare `9/11` may be the title's own.
const OF_TOTAL = /^(.*?\S)\s*[([]\s*(\d{1,4})\s*\/\s*(\d{1,4})\s*[)\]]$/;

/**
 * A page's title split into the story's title and the part of it the page holds (`The Lantern
 * Road, Part 2` → `The Lantern Road` and `Part 2`; `(3/3)` → `Part 3 of 3`). Only pages already
 * known to be one story's (numbered names, one folder) are read so: alone, `Part 2` in a title
 * may name a series' second story.
 */
export function splitPageMarker(title: string): { title: string; marker?: string } {
  const trimmed = title.trim();
  const total = OF_TOTAL.exec(trimmed);
  if (total) return { title: (total[1] as string).trim(), marker: `Part ${Number(total[2])} of ${Number(total[3])}` };
  const part = PART_MARKER.exec(trimmed);
  const marker = part && (part[2] ?? part[3] ?? part[4]);
  return part && marker ? { title: (part[1] as string).trim(), marker: marker.trim() } : { title: trimmed };
}

/** The title field of one page of a story: the story's title, and what it says of the page's part. */
export function pagePlace(
  fields: readonly HeaderField[],
): { field: HeaderField; title: string; marker?: string } | undefined {
  const field = fields.find((f) => KNOWN_KEYS[f.key.toLowerCase()] === 'title');
  return field && { field, ...splitPageMarker(field.value) };
}

/**
 * A page's opening line that repeats the story's title, with or without the page's part (`The
 * Lantern Road, Part 2`), as each page of a plain site does: cut and reported, its part naming
 * the chapter.
 */
export function cutPageHeading(
  lines: readonly SourceLine[],
  storyTitle: string,
  file: string,
): { lines: SourceLine[]; marker?: string; diagnostic: Diagnostic } | undefined {
  const index = lines.findIndex((line) => !isBlank(line));
  const line = lines[index];
  const split = line && splitPageMarker(line.text);
  if (!line || !split || slug(split.title) === '' || slug(split.title) !== slug(storyTitle)) return undefined;
  const text = line.text.trim();
  const named = split.marker === undefined ? '' : `; the chapter is named "${split.marker}"`;
  return {
    lines: lines.slice(index + 1),
    ...(split.marker === undefined ? {} : { marker: split.marker }),
    diagnostic: diagnostic(
      'format/title-heading',
      file,
      `left out the heading "${text}": it repeats the title${named}`,
      {
        line: line.number,
        removed: text,
      },
    ),
  };
}
