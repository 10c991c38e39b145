import { languageTag } from './language-tag.js';
import { diagnostic, type Diagnostic } from '../diagnostics/diagnostic.js';
import { stripMarks } from './emphasis-marks.js';
import type { HeaderField } from './header.js';
import { isBlank, type SourceLine } from './lines.js';
import { blankOut, removedBlock } from './removed-block.js';

/** A Project Gutenberg text without its frame: the header's facts as fields, the book's own lines. */
export interface GutenbergReading {
  fields: HeaderField[];
  lines: SourceLine[];
  diagnostics: Diagnostic[];
}

// The line that ends the header: new (`*** START OF THE PROJECT GUTENBERG EBOOK X ***`), older
// (`*** START OF THIS PROJECT GUTENBERG EBOOK X ***`, `***START OF THE PROJECT GUTENBERG EBOOK`)
// and the 1990s small print (`*END*THE SMALL PRINT! FOR PUBLIC DOMAIN ETEXTS*Ver.04.29.93*END*`).
const START = /^\s*\*{3}\s*START OF (?:THE|THIS) PROJECT GUTENBERG E-?(?:BOOK|TEXT)\b/i;
const SMALL_PRINT_END = /^\s*\*END\*?\s*THE SMALL PRINT\b/i;
// The lines that start the footer: `*** END OF THE PROJECT GUTENBERG EBOOK X ***`, and the older
// `End of the Project Gutenberg EBook of X, by Y` / `End of Project Gutenberg's X` above it.
const END = /^\s*\*{3}\s*END OF (?:THE|THIS) PROJECT GUTENBERG E-?(?:BOOK|TEXT)\b/i;
const END_LINE = /^\s*End of (?:the |this )?Project Gutenberg(?:'s|’s)?\s+(?:E-?(?:Book|text)\b|\S)/i;
// A start line too long for one line goes on to the next (`… EBOOK THE SALT ROAD AND OTHER\nSKETCHES ***`).
const CLOSED = /\*{3}\s*$/;
// Producers' credits right under the start line, kept as a field.
const CREDITS = /^\s*(?:Produced by|E-?text prepared by|This e-?(?:book|text) was (?:prepared|produced) by)\b/i;
// The first line of a 1990s etext, its only title and author: `The Project Gutenberg Etext of X, by Y`,
// `Project Gutenberg's Etext of X, by Y`, `**The Project Gutenberg Etext of X, by Y**`; the later
// `The Project Gutenberg EBook of X, by Y` and `Project Gutenberg's X, by Y` say the same.
const TITLE_LINE =
  /^[\s*]*(?:The\s+)?Project\s+Gutenberg(?:(?:'s|’s)\s+(?:E-?(?:text|book)\s+of\s+)?|\s+E-?(?:text|book)\s+of\s+)(.+?)[\s*]*$/i;
// The title's last `, by`: `Moby Dick, or The Whale, by Herman Melville`.
const TITLE_BY = /^(.+),\s+by\s+(.+)$/i;
// Its release line, which has no `Release Date:` key: `August, 1996  [Etext #90005]`.
const RELEASE_LINE = /^\s*([A-Z][a-z]+\.?,?\s+\d{4})\s*\[\s*E-?(?:text|book)\s*#\s*\d+\s*\]\s*$/i;
// `[Pg 12]`, `[Pg xii]`, `[Page 12]`: the print edition's page numbers in HTML editions.
const PAGE_NUMBER = /(\s?)\[(?:Pg|Page)\.?\s*(?:\d+|[ivxlcdm]+)\](\s?)/gi;

// Header keys read from the frame → the field they become; others of the list stay as written.
const HEADER_KEY =
  /^(Title|Author|Authors|Editor|Translator|Illustrator|Contributor|Release date|Posting date|Language|Credits|Produced by|Original publication|Most recently updated|Last updated|Character set encoding)\s*:\s*(.*)$/i;
const FIELD_NAMES: Readonly<Record<string, string | undefined>> = {
  title: 'Title',
  author: 'Author',
  authors: 'Author',
  'release date': 'Published',
  language: 'Language',
  // The 2019–2021 header's credit line (`Produced by: an Anonymous Volunteer`).
  'produced by': 'Credits',
  // About the file, not the book: left with the header.
  'posting date': undefined,
  'most recently updated': undefined,
  'last updated': undefined,
  'character set encoding': undefined,
};

/**
 * Takes the Project Gutenberg frame off a text (plain or read from an HTML edition): the header
 * up to the START line, the END lines and the licence after them, and the page-number markers of
 * its HTML editions. Each is reported with its lines; title, author, release date and language
 * come from the header. A text without a START line is returned as it is.
 */
export function removeGutenbergFrame(lines: readonly SourceLine[], file: string): GutenbergReading {
  const plain = lines.map((l) => stripMarks(l.text));
  const firstEnd = plain.findIndex((t) => END.test(t) || END_LINE.test(t));
  const before = firstEnd < 0 ? plain.length : firstEnd;
  let startIndex = -1;
  for (let i = 0; i < before; i++)
    if (START.test(plain[i] as string) || SMALL_PRINT_END.test(plain[i] as string)) startIndex = i;
  if (startIndex < 0) return { fields: [], lines: [...lines], diagnostics: [] };

  const fields = withTitleLine(headerFields(lines.slice(0, startIndex)), lines.slice(0, startIndex));
  let bodyStart = startLineEnd(lines, startIndex);
  const credits = creditsAfter(lines, bodyStart);
  if (credits) {
    fields.push(credits.field);
    bodyStart = credits.end;
  }
  const said = fields.length === 0 ? '' : `; read from it: ${fields.map((f) => f.key.toLowerCase()).join(', ')}`;
  const diagnostics = [
    removedBlock('gutenberg/header', file, 'the Project Gutenberg header', lines.slice(0, bodyStart), said),
  ];
  let kept = blankOut(lines, 0, bodyStart);
  const footerStart = firstEnd > startIndex ? firstEnd : -1;
  if (footerStart >= 0) {
    diagnostics.push(
      removedBlock('gutenberg/licence', file, 'the Project Gutenberg end lines and licence', lines.slice(footerStart)),
    );
    kept = blankOut(kept, footerStart, kept.length);
  }
  const pages = removePageNumbers(kept, file);
  return { fields, lines: pages.lines, diagnostics: [...diagnostics, ...pages.diagnostics] };
}

/** `Title:`, `Author:`, `Release date:`, `Language:`… of the header, a value running on over indented lines. */
function headerFields(lines: readonly SourceLine[]): HeaderField[] {
  const fields: HeaderField[] = [];
  let previous: HeaderField | undefined;
  for (const line of lines) {
    const text = stripMarks(line.text);
    const match = HEADER_KEY.exec(text.trim());
    if (match) {
      const key = (match[1] as string).toLowerCase();
      const name = Object.hasOwn(FIELD_NAMES, key) ? FIELD_NAMES[key] : titleCase(key);
      previous = name === undefined ? undefined : { key: name, value: (match[2] as string).trim(), line: line.number };
      if (previous) fields.push(previous);
    } else if (previous && /^\s+\S/.test(text) && !/^\s*(?:Most recently updated|Last updated)\b/i.test(text)) {
      previous.value = `${previous.value}${previous.key === 'Author' ? ', ' : ' '}${text.trim()}`;
    } else {
      previous = undefined;
    }
  }
  return fields.flatMap((field) => readField(field));
}

/** A field's value as ficbind reads it: a release date without its eBook number, a language as its tag. */
function readField(field: HeaderField): HeaderField[] {
  if (field.key === 'Published') {
    // `March 14, 2021 [eBook #90001]`, and the old `March, 2004 [EBook #5200]` (a month and year).
    const value = field.value
      .replace(/\[\s*e-?(?:book|text)\s*#?\s*\d+\s*\]/i, '')
      .replace(/\s+/g, ' ')
      .trim()
      .replace(/^([A-Za-z]+),\s*(\d{4})$/, '$1 $2');
    return value === '' ? [] : [{ ...field, value }];
  }
  if (field.key === 'Language') {
    // Gutenberg names languages in English (`English`, `French and Latin`); the package document needs tags.
    const tag = languageTag(field.value.split(/[,;]| and /)[0] ?? '');
    return [tag ? { ...field, value: tag } : { ...field, key: 'Language (as written)' }];
  }
  return field.value === '' ? [] : [field];
}

/**
 * Title, author and release date from the header's own lines when it has no `Title:`, `Author:` or
 * `Release Date:` field, as the etexts of the 1990s have none: the fields are put first.
 */
function withTitleLine(fields: HeaderField[], header: readonly SourceLine[]): HeaderField[] {
  const has = (key: string) => fields.some((f) => f.key === key);
  const found: HeaderField[] = [];
  // The header's first lines only: its small print says `Project Gutenberg's etexts are…` too.
  const opening = header.filter((line) => !isBlank(line)).slice(0, 3);
  const titleLine = opening.find((line) => TITLE_LINE.test(stripMarks(line.text)));
  if (titleLine) {
    const said = (TITLE_LINE.exec(stripMarks(titleLine.text))?.[1] as string).trim();
    const byline = TITLE_BY.exec(said);
    const title = (byline ? (byline[1] as string) : said).trim();
    if (!has('Title') && title !== '') found.push({ key: 'Title', value: title, line: titleLine.number });
    if (!has('Author') && byline)
      found.push({ key: 'Author', value: (byline[2] as string).trim(), line: titleLine.number });
  }
  const release = header.find((line) => RELEASE_LINE.test(stripMarks(line.text)));
  if (release && !has('Published'))
    found.push(...readField({ key: 'Published', value: stripMarks(release.text).trim(), line: release.number }));
  return [...found, ...fields];
}

/** Where the book begins after the start line, and after its second line when a long title ran it on. */
function startLineEnd(lines: readonly SourceLine[], startIndex: number): number {
  const start = stripMarks((lines[startIndex] as SourceLine).text);
  if (!START.test(start) || CLOSED.test(start)) return startIndex + 1;
  for (let at = startIndex + 1; at < Math.min(lines.length, startIndex + 3) && !isBlank(lines[at]); at++)
    if (CLOSED.test(stripMarks((lines[at] as SourceLine).text))) return at + 1;
  return startIndex + 1;
}

function titleCase(key: string): string {
  return key.replace(/^\w/, (c) => c.toUpperCase());
}

/** The `Produced by …` paragraph under the start line, as a `Credits` field, and where the book begins after it. */
function creditsAfter(lines: readonly SourceLine[], from: number): { field: HeaderField; end: number } | undefined {
  let at = from;
  while (at < lines.length && isBlank(lines[at])) at++;
  const first = lines[at];
  if (!first || !CREDITS.test(stripMarks(first.text))) return undefined;
  const texts: string[] = [];
  let end = at;
  while (end < lines.length && !isBlank(lines[end])) texts.push(stripMarks((lines[end++] as SourceLine).text).trim());
  // `Produced by: X` reads as the older `Produced by X`.
  const value = texts.join(' ').replace(/^(Produced by)\s*:\s*/i, '$1 ');
  return { field: { key: 'Credits', value, line: first.number }, end };
}

/** Page-number markers taken out of the lines, counted in one diagnostic rather than one a line. */
function removePageNumbers(lines: SourceLine[], file: string): { lines: SourceLine[]; diagnostics: Diagnostic[] } {
  const found: Array<{ marker: string; line: number }> = [];
  const kept = lines.map((line) => {
    if (!line.text.includes('[')) return line;
    const markers = stripMarks(line.text).match(PAGE_NUMBER);
    if (!markers) return line;
    found.push(...markers.map((marker) => ({ marker: marker.trim(), line: line.number })));
    // The words on either side stay apart when a space stood on either side of the marker.
    const text = line.text.replace(PAGE_NUMBER, (_, before: string, after: string) => (before || after ? ' ' : ''));
    return { ...line, text };
  });
  if (found.length === 0) return { lines: kept, diagnostics: [] };
  const first = found[0] as (typeof found)[number];
  const last = found[found.length - 1] as (typeof found)[number];
  const span = first.line === last.line ? `line ${first.line}` : `lines ${first.line}–${last.line}`;
  return {
    lines: kept,
    diagnostics: [
      diagnostic(
        'gutenberg/page-numbers',
        file,
        `removed ${found.length} page-number marker${found.length === 1 ? '' : 's'} of the print edition (${first.marker} to ${last.marker}, ${span})`,
        { line: first.line },
      ),
    ],
  };
}
