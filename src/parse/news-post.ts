import type { Diagnostic } from '../diagnostics/diagnostic.js';
import type { HeaderField } from './header.js';
import { isBlank, type SourceLine } from './lines.js';
import { blankOut, removedBlock } from './removed-block.js';

/** Posted parts of a story without their news headers, signatures and adverts. */
export interface NewsReading {
  fields: HeaderField[];
  lines: SourceLine[];
  /** The part number the first post's subject or part line gives (`2/3`, `Part 2 of 3`). */
  part?: number;
  diagnostics: Diagnostic[];
}

// RFC 1036 / 822 header lines a news reader or mail program saves above a post.
const NEWS_LINE = /^([A-Za-z][A-Za-z0-9-]{0,40}):[ \t]?(.*)$/;
const MBOX_FROM = /^From \S+ .*\d{4}\s*$/;
// A post's header says who posted it and where: `From:` and one of these.
const NEWS_EVIDENCE = new Set(['newsgroups', 'message-id', 'path', 'nntp-posting-host', 'xref']);
// The fic header of the era: capitalised keys (`DISCLAIMER:`, `RATING:`, `FEEDBACK:`, `ARCHIVE:`).
const CAPS_KEY = /^([A-Z][A-Z'’/ -]{1,24}):(?!\/\/)\s*(.*)$/;
// The same header written with capitalised words (`Title:`, `Pairing:`), as mailing lists wrote it:
// read as one when its first key is one a fic header opens with, so a story's own `Note:` line is not.
const WORD_KEY = /^([A-Z][A-Za-z'’/ -]{1,24}):(?!\/\/)\s*(.*)$/;
const FIC_KEYS =
  /^(?:title|author|authors|rating|rated|summary|disclaimer|pairing|pairings|category|categories|fandom|feedback|archive|spoilers|warnings?|keywords|characters|series|part)$/i;
// `Part 1 of 3`, `Part 2/7`, `(1/7)`, `1/7` on a line of its own.
const PART_LINE = /^\(?\s*(?:part\s+)?(\d{1,3})\s*(?:\/|of)\s*(\d{1,3})\s*\)?\s*$/i;
// In a subject: `Harbour Lights 1/3 [PG]`, `NEW: Harbour Lights (Part 2 of 3)`.
const SUBJECT_PART = /[[(]?\s*(?:part\s+)?(\d{1,3})\s*(?:\/|of)\s*(\d{1,3})\s*[\])]?/i;
const SUBJECT_TAGS = /^(?:(?:re|new|repost|fic|story|fanfic)\s*:\s*)+|\[[^\]]*\]|\{[^}]*\}/gi;
const REPOST = /^\s*[[(]?\s*(?:re-?post(?:ed|ing)?\b|this (?:is|was) (?:a )?re-?post)/i;
const SIGNATURE = /^--\s?$/;
// Bulletin-board lines: FidoNet origin and tear lines, offline readers' taglines, a BBS and its number.
const BBS_LINES: readonly RegExp[] = [
  /^\s*\*\s*Origin:/i,
  /^\s*---\s+\S.*\bv?\d+\.\d+/,
  /^\s*\*\s+(?:SLMR|OLX|Q-Blue|Blue Wave|RoseReader|QMPro|OFFLINE|Silver Xpress|Wave Rider)\b/i,
];
const BBS_NAMED = /\bBBS\b/;
const BBS_FACTS = /\(?\d{3}\)?[-. ]\d{3}[-. ]\d{4}|\bbaud\b|\b\d{1,2}(?:\.\d)?k\b|\bnodes?\b|\bsysop\b/i;

interface NewsHeader {
  start: number;
  end: number;
  values: Map<string, { value: string; line: number }>;
}

/**
 * Reads Usenet and mailing-list posts: each post opens with a news header block (removed and
 * reported; its author, subject, date, groups and id read as metadata), then the capitalised fic
 * header of the era (read as fields). Signatures, repost notes and BBS advertisements are removed
 * and reported. Two posts in one file are two chapters; a post's part (`2/3`) orders the files of
 * a story posted in parts. Text with no news header is returned as it is.
 */
export function readNewsPosts(lines: readonly SourceLine[], file: string): NewsReading {
  const headers = findNewsHeaders(lines);
  if (headers.length === 0) return { fields: [], lines: [...lines], diagnostics: [] };
  const diagnostics: Diagnostic[] = [];
  const fields: HeaderField[] = [];
  const out: SourceLine[] = [...lines.slice(0, (headers[0] as NewsHeader).start)];
  let firstPart: number | undefined;
  headers.forEach((header, index) => {
    const postEnd = headers[index + 1]?.start ?? lines.length;
    const post = readPost(lines, header, postEnd, file);
    diagnostics.push(...post.diagnostics);
    for (const field of post.fields)
      if (!fields.some((f) => f.key.toLowerCase() === field.key.toLowerCase() && f.value === field.value))
        fields.push(field);
    if (index === 0) firstPart = post.part?.part;
    // Each part a chapter, named as its part line or subject names it (`Part 2 of 3`), else by its place.
    const heading = post.part
      ? `Part ${post.part.part} of ${post.part.of}`
      : headers.length > 1
        ? `Part ${index + 1}`
        : undefined;
    out.push(...withHeading(post.body, heading, lines[header.start] as SourceLine));
  });
  return { fields, lines: out, ...(firstPart === undefined ? {} : { part: firstPart }), diagnostics };
}

/** Header blocks that start a post: at the top or after a blank line, with `From:` and a news line. */
function findNewsHeaders(lines: readonly SourceLine[]): NewsHeader[] {
  const headers: NewsHeader[] = [];
  for (let i = 0; i < lines.length; i++) {
    if (i > 0 && !isBlank(lines[i - 1])) continue;
    const header = newsHeaderAt(lines, i);
    if (header) {
      headers.push(header);
      i = header.end;
    }
  }
  return headers;
}

function newsHeaderAt(lines: readonly SourceLine[], start: number): NewsHeader | undefined {
  const first = lines[start]?.text ?? '';
  if (!MBOX_FROM.test(first) && !NEWS_LINE.test(first)) return undefined;
  const values = new Map<string, { value: string; line: number }>();
  let end = start;
  let last: string | undefined;
  for (; end < lines.length && !isBlank(lines[end]); end++) {
    const line = lines[end] as SourceLine;
    const match = NEWS_LINE.exec(line.text);
    if (end === start && MBOX_FROM.test(line.text)) continue;
    if (match) {
      last = (match[1] as string).toLowerCase();
      if (!values.has(last)) values.set(last, { value: (match[2] as string).trim(), line: line.number });
    } else if (last !== undefined && /^\s/.test(line.text)) {
      const entry = values.get(last) as { value: string; line: number };
      entry.value = `${entry.value} ${line.text.trim()}`.trim();
    } else return undefined;
  }
  const isNews = values.has('from') && [...values.keys()].some((key) => NEWS_EVIDENCE.has(key));
  return isNews ? { start, end, values } : undefined;
}

interface Post {
  fields: HeaderField[];
  body: SourceLine[];
  part?: PartNumber;
  diagnostics: Diagnostic[];
}

function readPost(lines: readonly SourceLine[], header: NewsHeader, postEnd: number, file: string): Post {
  const said = ['from', 'subject', 'date', 'newsgroups', 'message-id'].filter((key) => header.values.has(key));
  const diagnostics = [
    removedBlock(
      'news/header',
      file,
      'a news header',
      lines.slice(header.start, header.end),
      said.length === 0 ? '' : `; read from it: ${said.join(', ')}`,
    ),
  ];
  let at = header.end;
  const skipBlank = () => {
    while (at < postEnd && isBlank(lines[at])) at++;
  };
  skipBlank();
  let partLine = partLineAt(lines, at);
  if (partLine) at++;
  const capsFields: HeaderField[] = [];
  for (;;) {
    skipBlank();
    const text = (lines[at] as SourceLine | undefined)?.text.trim() ?? '';
    const wordKey = WORD_KEY.exec(text);
    const keyPattern = CAPS_KEY.test(text)
      ? CAPS_KEY
      : wordKey && FIC_KEYS.test(wordKey[1] as string)
        ? WORD_KEY
        : undefined;
    if (at >= postEnd || !keyPattern || REPOST.test(text)) break;
    for (; at < postEnd && !isBlank(lines[at]); at++) {
      const line = lines[at] as SourceLine;
      const match = keyPattern.exec(line.text.trim());
      const previous = capsFields[capsFields.length - 1];
      if (match) capsFields.push({ key: match[1] as string, value: (match[2] as string).trim(), line: line.number });
      else if (previous) previous.value = `${previous.value} ${line.text.trim()}`.trim();
    }
  }
  const bodyStart = at;
  skipBlank();
  if (!partLine && (partLine = partLineAt(lines, at))) at++;
  const headingAt = partLine ? at - 1 : -1;
  const part = partLine ?? partOf(header.values.get('subject')?.value ?? '');
  const cleaned = removePostLeftovers(lines.slice(bodyStart, postEnd), file);
  diagnostics.push(...cleaned.diagnostics);
  const body = cleaned.lines.filter((line) => line.number !== lines[headingAt]?.number);
  return {
    fields: [...newsFields(header, capsFields), ...capsFields],
    body: partLine ? [{ ...(lines[headingAt] as SourceLine), heading: true }, ...body] : body,
    ...(part === undefined ? {} : { part }),
    diagnostics,
  };
}

interface PartNumber {
  part: number;
  of: number;
}

function partLineAt(lines: readonly SourceLine[], at: number): PartNumber | undefined {
  const text = lines[at]?.text.trim() ?? '';
  const match = text.length < 40 ? PART_LINE.exec(text) : null;
  return match ? { part: Number(match[1]), of: Number(match[2]) } : undefined;
}

function partOf(subject: string): PartNumber | undefined {
  const match = SUBJECT_PART.exec(subject);
  return match && Number(match[1]) <= Number(match[2]) ? { part: Number(match[1]), of: Number(match[2]) } : undefined;
}

/** What the news header says, as fields: the fic header's own title and author come first. */
function newsFields(header: NewsHeader, capsFields: readonly HeaderField[]): HeaderField[] {
  const has = (key: string) => capsFields.some((f) => f.key.toLowerCase() === key);
  const fields: HeaderField[] = [];
  const from = header.values.get('from');
  if (from && !has('author')) fields.push({ key: 'Author', value: posterName(from.value), line: from.line });
  const subject = header.values.get('subject');
  const title = subject && subjectTitle(subject.value);
  if (subject && title && !has('title')) fields.push({ key: 'Title', value: title, line: subject.line });
  const date = header.values.get('date');
  const day = date && /(\d{1,2})\s+([A-Za-z]{3,9})\.?,?\s+(\d{2,4})/.exec(date.value);
  if (date && day) {
    const year = (day[3] as string).length === 2 ? `19${day[3] as string}` : (day[3] as string);
    fields.push({ key: 'Date', value: `${day[1] as string} ${day[2] as string} ${year}`, line: date.line });
  }
  for (const key of ['Newsgroups', 'Message-ID']) {
    const entry = header.values.get(key.toLowerCase());
    if (entry && entry.value !== '') fields.push({ key, value: entry.value, line: entry.line });
  }
  return fields;
}

/** `jdoe@example.edu (Jane Doe)`, `"Jane Doe" <jdoe@example.edu>` → `Jane Doe`; a bare address stays. */
function posterName(from: string): string {
  const inParens = /\(([^)]+)\)/.exec(from);
  if (inParens) return (inParens[1] as string).trim();
  const beforeAddress = /^\s*"?([^"<]+?)"?\s*<[^>]+>/.exec(from);
  return beforeAddress ? (beforeAddress[1] as string).trim() : from.trim();
}

// A rating in round brackets after the title: `(R)`, `(PG-13)`, `(NC-17)`, `(G, het)`, `(R for language)`;
// not `(X-Files)` or `(Rook's story)`.
const SUBJECT_RATING = /\(\s*(?:G|PG|PG-?13|PG-?15|R|NC-?17|X|XXX|MA|M|T|K\+?)(?:\s*[,;/][^)]*|\s+for\b[^)]*)?\s*\)/gi;

/** `NEW: Harbour Lights 1/3 [PG]`, `[FIC] Harbour Lights, part 1/3 (R)` → `Harbour Lights`. */
function subjectTitle(subject: string): string {
  return subject
    .replace(SUBJECT_TAGS, ' ')
    .replace(SUBJECT_RATING, ' ')
    .replace(new RegExp(`[,;:]?\\s*${SUBJECT_PART.source}`, 'i'), ' ')
    .replace(/\s*[-–—:,]\s*$/, '')
    .replace(/\s+/g, ' ')
    .trim();
}

/** Signature, repost notes and BBS lines of one post's body removed, each block reported. */
function removePostLeftovers(
  body: readonly SourceLine[],
  file: string,
): { lines: SourceLine[]; diagnostics: Diagnostic[] } {
  const diagnostics: Diagnostic[] = [];
  let lines = [...body];
  let signature = -1;
  lines.forEach((line, index) => {
    if (SIGNATURE.test(line.text)) signature = index;
  });
  if (signature >= 0 && lines.slice(signature + 1).filter((l) => !isBlank(l)).length <= 12) {
    let end = lines.length;
    while (end > signature + 1 && isBlank(lines[end - 1])) end--;
    diagnostics.push(removedBlock('news/signature', file, 'a signature', lines.slice(signature, end)));
    lines = blankOut(lines, signature, end);
  }
  for (let i = 0; i < lines.length; i++) {
    const start = i;
    if ((i === 0 || isBlank(lines[i - 1])) && REPOST.test((lines[i] as SourceLine).text)) {
      while (i < lines.length && !isBlank(lines[i])) i++;
      const note = lines.slice(start, i);
      if (note.map((l) => l.text).join(' ').length > 600) continue;
      diagnostics.push(removedBlock('news/repost-note', file, 'a repost note', note));
      lines = blankOut(lines, start, i);
    } else if (isBbsLine((lines[i] as SourceLine).text)) {
      while (i + 1 < lines.length && isBbsLine((lines[i + 1] as SourceLine).text)) i++;
      diagnostics.push(removedBlock('news/bbs-ad', file, 'a bulletin board advertisement', lines.slice(start, i + 1)));
      lines = blankOut(lines, start, i + 1);
    }
  }
  return { lines, diagnostics };
}

function isBbsLine(text: string): boolean {
  return BBS_LINES.some((pattern) => pattern.test(text)) || (BBS_NAMED.test(text) && BBS_FACTS.test(text));
}

/** A post's body under its part heading: the part line it has, or one made from its place. */
function withHeading(body: readonly SourceLine[], heading: string | undefined, at: SourceLine): SourceLine[] {
  if (heading === undefined || body.some((line) => line.heading)) return [...body];
  return [
    { text: '', number: at.number },
    { text: heading, number: at.number, heading: true },
    { text: '', number: at.number },
    ...body,
  ];
}
