import { isBlank, type SourceLine } from './lines.js';

export interface HeaderField {
  key: string;
  value: string;
  line: number;
  /** The file the field is in, when a story's fields come from several files (its line is that file's). */
  file?: string;
}

export interface Header {
  fields: HeaderField[];
  /** Index into the lines where the story body starts. */
  bodyStart: number;
}

// Header keys ficbind knows, by their lower-case spelling, mapped to the field they fill.
export const KNOWN_KEYS: Readonly<Record<string, string>> = {
  title: 'title',
  author: 'author',
  authors: 'author',
  by: 'author',
  disclaimer: 'disclaimer',
  pairing: 'pairing',
  pairings: 'pairing',
  rating: 'rating',
  rated: 'rating',
  timeline: 'timeline',
  summary: 'summary',
  category: 'category',
  categories: 'category',
  warning: 'warnings',
  warnings: 'warnings',
  series: 'series',
  language: 'language',
  tags: 'tags',
  tag: 'tags',
  published: 'published',
  'date published': 'published',
  source: 'url',
  url: 'url',
  // What archives and downloaders (AO3, FanFicFare, FicHub) label their facts with.
  'story url': 'url',
  'archive warning': 'warnings',
  'archive warnings': 'warnings',
  fandom: 'fandoms',
  fandoms: 'fandoms',
  relationship: 'relationships',
  relationships: 'relationships',
  characters: 'characters',
  'additional tags': 'tags',
  genre: 'tags',
};

// `Key: value`; `http://…` on a line of its own is a value running on, not a key called "http".
const KEY_LINE = /^([A-Za-z][A-Za-z'’ ]{0,23}?)\s*:(?!\/\/)\s*(.*)$/;

function keyOf(line: SourceLine): string | undefined {
  if (/^\s/.test(line.text)) return undefined; // indented lines continue a value
  const match = KEY_LINE.exec(line.text.trim());
  return match ? (match[1] as string).trim() : undefined;
}

function isKnownKeyLine(line: SourceLine | undefined): boolean {
  if (line === undefined) return false;
  const key = keyOf(line);
  return key !== undefined && KNOWN_KEYS[key.toLowerCase()] !== undefined;
}

/**
 * Reads the `Key: value` block at the top of a story. A block counts as a header when its first
 * line is a known key; a value runs on over following lines that are not themselves keys. A second
 * block right after a blank line is read too when it also starts with a known key.
 */
export function parseHeader(lines: readonly SourceLine[]): Header {
  const fields: HeaderField[] = [];
  let index = 0;
  for (;;) {
    let blockStart = index;
    while (blockStart < lines.length && isBlank(lines[blockStart])) blockStart++;
    if (!isKnownKeyLine(lines[blockStart])) break;
    index = blockStart;
    while (index < lines.length && !isBlank(lines[index])) {
      const line = lines[index] as SourceLine;
      const key = keyOf(line);
      const previous = fields[fields.length - 1];
      if (key === undefined && previous) {
        previous.value = `${previous.value} ${line.text.trim()}`.trim();
      } else {
        const match = KEY_LINE.exec(line.text.trim()) as RegExpExecArray;
        fields.push({ key: (match[1] as string).trim(), value: (match[2] as string).trim(), line: line.number });
      }
      index++;
    }
  }
  return { fields, bodyStart: index };
}

/** One block of `Key: value` lines at the top of `lines`, any key (a downloader's title page); a line that is no key continues the value before it. */
export function parseKeyBlock(lines: readonly SourceLine[]): HeaderField[] {
  const fields: HeaderField[] = [];
  for (const line of lines) {
    if (isBlank(line)) break;
    const match = keyOf(line) === undefined ? null : KEY_LINE.exec(line.text.trim());
    const previous = fields.at(-1);
    if (match) fields.push({ key: (match[1] as string).trim(), value: (match[2] as string).trim(), line: line.number });
    else if (previous) previous.value = `${previous.value} ${line.text.trim()}`;
    else break;
  }
  return fields;
}
