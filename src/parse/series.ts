import type { SeriesRef } from '../model/story.js';

/**
 * Reads a `Series:` value: `Name`, `Name, Part 2`, `Name #2`, `Name (2/3)`, `Name, Book 2 of 3`, and
 * FanFicFare's `Name [2]`.
 */
export function parseSeriesField(value: string): SeriesRef | undefined {
  const text = value.trim();
  if (text === '') return undefined;
  const numbered =
    /^(.*?)[\s,;:–—-]*[([]?\s*(?:(?:part|book|no\.?|number|vol\.?|volume)\s*|#)(\d+)(?:\s*(?:of|\/)\s*(\d+))?\s*[)\]]?$/i.exec(
      text,
    );
  if (numbered && (numbered[1] as string).trim() !== '') return ref(numbered[1] as string, numbered[2], numbered[3]);
  const fraction = /^(.*?)[\s,;:–—-]*[([]?\s*(\d+)\s*\/\s*(\d+)\s*[)\]]?$/.exec(text);
  if (fraction && (fraction[1] as string).trim() !== '') return ref(fraction[1] as string, fraction[2], fraction[3]);
  // A bare number only counts in square brackets: `Name (2019)` or `Blake's 7` keep theirs.
  const bracketed = /^(.*?)\s*\[\s*(\d{1,3})\s*\]$/.exec(text);
  if (bracketed && (bracketed[1] as string).trim() !== '') return ref(bracketed[1] as string, bracketed[2], undefined);
  return { name: cleanName(text) };
}

/**
 * Finds a series in free text such as a summary: "Part 2 in NAME", "Part 2 of the NAME series",
 * with "2/3" giving the part count.
 */
export function findSeriesInText(text: string): SeriesRef | undefined {
  // The name ends at punctuation followed by a space or the end, or before a bracketed aside.
  const named =
    /\bpart\s+(\d+)(?:\s+of\s+(\d+))?\s+(?:in|of)\s+(?:the\s+(.+?)\s+series\b|(.+?))\s*(?=[,.;!?()]\s|[,.;!?()]?$|(?<=\s)\()/i.exec(
      text,
    );
  if (!named) return undefined;
  const name = (named[3] ?? named[4] ?? '').trim();
  if (name === '') return undefined;
  const fraction = /(?:^|\s)(\d+)\s*\/\s*(\d+)(?=\s|$)/.exec(text);
  const total = named[2] ?? (fraction && fraction[1] === named[1] ? fraction[2] : undefined);
  return ref(name, named[1], total);
}

function ref(name: string, part: string | undefined, total: string | undefined): SeriesRef {
  const series: SeriesRef = { name: cleanName(name) };
  if (part !== undefined) series.part = Number(part);
  if (total !== undefined) series.total = Number(total);
  return series;
}

function cleanName(name: string): string {
  const text = name
    .trim()
    .replace(/^["“'‘]|["”'’]$/g, '')
    .replace(/\s+/g, ' ')
    .trim();
  return SLUG.test(text) ? nameFromSlug(text) : text;
}

// `tides_of_vessary`, `tides-of-vessary`: a name typed as a key (front matter, file names), not as shown.
const SLUG = /^[\p{Ll}\p{N}]+(?:[_-][\p{Ll}\p{N}]+)+$/u;
// Words a title keeps in lower case, unless one opens it.
const SMALL_WORDS = new Set('a an and as at but by for from in into nor of on or over the to upon vs with'.split(' '));

/** `tides_of_vessary` → `Tides of Vessary`. */
export function nameFromSlug(slugText: string): string {
  return slugText
    .split(/[_-]+/)
    .map((word, i) => (i > 0 && SMALL_WORDS.has(word) ? word : word.charAt(0).toUpperCase() + word.slice(1)))
    .join(' ');
}
