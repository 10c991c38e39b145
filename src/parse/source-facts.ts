import path from 'node:path';
import { decodeValueReferences } from '../text/character-references.js';
import { formatOf } from './formats/index.js';
import type { SourceFacts, SourceFile } from '../model/source.js';
import { parseChapterHeading } from './chapter-heading.js';
import { KNOWN_KEYS, type HeaderField } from './header.js';
import { readHeaderAndBody } from './header-and-body.js';
import { isBlank, type SourceLine } from './lines.js';
import { NUMBER_PATTERN, readNumber } from './numbers.js';
import { readPageFacts } from './page-facts.js';
import { pageArchiveStory } from './story-address.js';
import { readEpubPackage } from './epub/package.js';

// A plain-text header sits at the top: a look at the first lines is enough.
const HEADER_WINDOW = 32_000;
const HEADING_NUMBER = new RegExp(`^(?:chapter|ch\\.)\\s+(${NUMBER_PATTERN})\\b`, 'i');
// `Story Chapter 2`, `story-ch2`, `ch2`; `_` counts as a space (it is a word character to \b).
const NAME_CHAPTER = /^(.*?)[\s.-]*\b(?:chapter|chap|ch)[\s.-]*(\d{1,4})(?=[\s.-]|$)/i;
const EPILOGUE_NUMBER = 1_000_000;

/** Reads the facts of one file; pure (the file is already read and decoded). */
export function readSourceFacts(file: SourceFile): SourceFacts {
  const format = formatOf(file.path);
  if (file.archive) return epubFacts(file.archive, file.path);
  const page = format === 'html' ? readPageFacts(file.text) : undefined;
  // Pages: their own fields and first heading. Markdown and text: the header and the opening lines.
  const read = page
    ? undefined
    : readHeaderAndBody(format === 'text' ? { ...file, text: file.text.slice(0, HEADER_WINDOW) } : file);
  const fields = page?.fields ?? read?.fields ?? [];
  const facts: SourceFacts = {};
  const title = fieldValue(fields, 'title');
  const author = fieldValue(fields, 'author');
  if (title) facts.title = title;
  if (author) facts.author = author;
  const nameChapter = chapterInFileName(file.path);
  if (nameChapter) facts.nameChapter = nameChapter;
  const address = page ? pageArchiveStory(file.text) : undefined;
  if (address) facts.archiveId = address.id;
  const opening = page ? (page.heading === undefined ? [] : [{ text: page.heading, number: 0 }]) : (read?.lines ?? []);
  const chapter = openingChapterNumber(opening) ?? address?.chapter ?? nameChapter?.number;
  if (chapter !== undefined) facts.chapter = chapter;
  if (read?.part !== undefined) facts.part = read.part;
  return facts;
}

function fieldValue(fields: readonly HeaderField[], target: string): string | undefined {
  const value = fields.find((f) => KNOWN_KEYS[f.key.toLowerCase()] === target && f.value.trim() !== '')?.value;
  return value === undefined ? undefined : decodeValueReferences(value).trim();
}

/** The number of the chapter heading a file opens with (`Chapter 2: …`, `Prologue` = 0), if any. */
function openingChapterNumber(lines: readonly SourceLine[]): number | undefined {
  const first = lines.slice(0, 200).find((line) => !isBlank(line));
  const heading = first ? parseChapterHeading(first.text) : undefined;
  // Parts, books and volumes are larger than a chapter: they never make files chapters of one story.
  if (!heading || /^(?:part|book|volume):/.test(heading.key)) return undefined;
  if (heading.kind === 'prologue') return 0;
  if (heading.kind === 'epilogue') return EPILOGUE_NUMBER;
  const number = HEADING_NUMBER.exec(heading.title);
  return number ? readNumber(number[1] as string) : undefined;
}

/** `Story Chapter 2.html` → stem `Story`, 2. */
export function chapterInFileName(filePath: string): { stem: string; number: number } | undefined {
  const base = path.posix
    .basename(filePath)
    .replace(/\.[^.]+$/, '')
    .replace(/_/g, ' ');
  const match = NAME_CHAPTER.exec(base);
  if (!match) return undefined;
  return { stem: (match[1] as string).replace(/[\s.-]+$/, '').trim(), number: Number(match[2]) };
}

/** An EPUB is one whole story: its title and author, never a chapter number. */
function epubFacts(archive: ReadonlyMap<string, Uint8Array>, file: string): SourceFacts {
  const fields = readEpubPackage(archive, file).epub?.fields ?? [];
  const facts: SourceFacts = {};
  const title = fieldValue(fields, 'title');
  const author = fieldValue(fields, 'author');
  if (title) facts.title = title;
  if (author) facts.author = author;
  return facts;
}
