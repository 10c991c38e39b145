import { diagnostic, type Diagnostic } from '../diagnostics/diagnostic.js';
import { slug } from '../text/slug.js';
import { KNOWN_KEYS, type HeaderField } from './header.js';
import { isBlank, type SourceLine } from './lines.js';
import { NUMBER_PATTERN } from './numbers.js';

// `Title, Part 2`, `Title - Chapter 3: The Ford`, `Title (Pt. 2)`, `Title (3/3)`: the title, then
// what it says of the page's place. A separator (or a bracket) must stand before the marker.
const PAGE_MARKER = new RegExp(
  `^(.*?\\S)(?:\\s*[:,;–—-]\\s*|\\s+)[([]?\\s*((?:part|pt\\.?|chapter|ch\\.?)\\s*${NUMBER_PATTERN}\\b.*?|\\d{1,4}\\s*/\\s*\\d{1,4})\\s*[)\\]]?$`,
  'i',
);
const OF_TOTAL = /^(\d+)\s*\/\s*(\d+)$/;

/**
 * A page's title split into the story's title and the part of it the page holds (`The Lantern
 * Road, Part 2` → `The Lantern Road` and `Part 2`; `(3/3)` → `Part 3 of 3`). Only pages already
 * known to be one story's (numbered names, one folder) are read so: alone, `Part 2` in a title
 * may name a series' second story.
 */
export function splitPageMarker(title: string): { title: string; marker?: string } {
  const match = PAGE_MARKER.exec(title.trim());
  if (!match) return { title: title.trim() };
  const marker = (match[2] as string).trim();
  const total = OF_TOTAL.exec(marker);
  return {
    title: (match[1] as string).trim(),
    marker: total ? `Part ${Number(total[1])} of ${Number(total[2])}` : marker,
  };
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
