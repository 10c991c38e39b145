import type { ChapterKind } from '../model/story.js';
import { NUMBER_PATTERN, readNumber, ROMAN_PATTERN } from './numbers.js';

export interface ChapterHeading {
  kind: ChapterKind;
  title: string;
  /** What the heading counts, without its title (`chapter:12`, `part:1`, `prologue`): a table of contents repeats it. */
  key: string;
  /** The heading names only its place (`CHAPTER XII.`, `Part One`): its title may stand on the next line. */
  bare: boolean;
}

// `: The Fall`, ` - Home`, or a lone closing `.`/`:` (`Chapter 12.`, `Prologue:`).
const SEPARATED_TITLE = '(?:\\s*[:.–—-]\\s*(?<title>.+)|\\s*[:.])?';

const NUMBERED = new RegExp(
  `^(?<word>chapter|ch\\.|part|book|volume)\\s+(?<number>${NUMBER_PATTERN})${SEPARATED_TITLE}$`,
  'i',
);
const NAMED = new RegExp(`^(?<word>prologue|epilogue|interlude)${SEPARATED_TITLE}$`, 'i');

/**
 * Recognises a chapter heading line: `Chapter 3`, `Chapter Three: The Fall`, `Ch. IV - Home`,
 * `CHAPTER XII.`, `Part One`, `PART II`, `Book Three: The Return`, `Prologue`, `Epilogue: After`.
 * Parts and books split the story as chapters do. The caller checks that the line stands on its own.
 */
export function parseChapterHeading(lineText: string): ChapterHeading | undefined {
  if (lineText.length > 200) return undefined; // before any copying: story lines can be megabytes
  const text = lineText.trim().replace(/\s+/g, ' ');
  if (text.length === 0 || text.length > 100) return undefined;
  const numbered = NUMBERED.exec(text);
  if (numbered?.groups) {
    const word = (numbered.groups['word'] as string).toLowerCase().replace('ch.', 'chapter');
    const number = numbered.groups['number'] as string;
    return {
      kind: 'chapter',
      title: text,
      key: `${word}:${readNumber(number) ?? number.toLowerCase()}`,
      bare: numbered.groups['title'] === undefined,
    };
  }
  const named = NAMED.exec(text);
  if (named?.groups) {
    const word = (named.groups['word'] as string).toLowerCase();
    return {
      kind: word === 'interlude' ? 'chapter' : (word as ChapterKind),
      title: text,
      key: word,
      bare: named.groups['title'] === undefined,
    };
  }
  return undefined;
}

// `1.`, `12`, `IV.`: upper-case numerals only, so a lone `i.` is never one.
const NUMBER_LINE = new RegExp(`^(?:(\\d{1,3})|((?=[IVXLC]+\\.?$)${ROMAN_PATTERN.toUpperCase()}))\\.?$`);

export interface NumberLine {
  value: number;
  style: 'arabic' | 'roman';
}

/**
 * A line that is nothing but a number (`1.`, `IV.`). It is a heading only where a whole file uses
 * such lines in sequence; the caller decides that (see chapters.ts).
 */
export function parseNumberLine(lineText: string): NumberLine | undefined {
  if (lineText.length > 20) return undefined;
  const match = NUMBER_LINE.exec(lineText.trim());
  if (!match || match[0] === '' || match[0] === '.') return undefined;
  if (match[1] !== undefined) return { value: Number(match[1]), style: 'arabic' };
  const value = readNumber(match[2] as string);
  return value === undefined || value === 0 ? undefined : { value, style: 'roman' };
}

/** A number line read as a chapter heading, kept as written (`IV.`). */
export function numberHeading(lineText: string, line: NumberLine): ChapterHeading {
  return { kind: 'chapter', title: lineText.trim(), key: `chapter:${line.value}`, bare: true };
}

// Short words a title in title case leaves in lower case.
const MINOR_WORDS = new Set([
  'from',
  'with',
  'into',
  'onto',
  'upon',
  'over',
  'under',
  'than',
  'that',
  'unto',
  'till',
  'until',
  'about',
  'after',
  'before',
  'through',
  'without',
  'within',
  'among',
  'along',
  'beyond',
]);

/**
 * A chapter's title on the line after a bare heading (`CHAPTER I.` then `THE HOUSE ON THE HILL.`):
 * short, in capitals or title case. `loose` (the title directly under its heading, no blank line
 * between) also takes a title-case line ending in a full stop or mark; a title set off by a blank
 * line must look like one more plainly, or the first line of the chapter would be taken.
 */
export function isTitleLine(lineText: string, loose: boolean): boolean {
  const text = lineText.trim().replace(/\s+/g, ' ');
  if (text.length === 0 || text.length > 80 || text.split(' ').length > 12) return false;
  if (!/^[“"‘'(]?[\p{Lu}\p{N}]/u.test(text) || /[,;:–—-]$/.test(text)) return false;
  if (parseChapterHeading(text) !== undefined || parseNumberLine(text) !== undefined || !/\p{L}/u.test(text))
    return false;
  const letters = text.replace(/[^\p{L}]/gu, '');
  if (letters.length >= 2 && letters === letters.toUpperCase()) return true;
  const words = text.match(/\p{L}[\p{L}'’-]*/gu) ?? [];
  const titleCase = words.every((word) => word.length < 4 || MINOR_WORDS.has(word) || /^\p{Lu}/u.test(word));
  if (!titleCase) return false;
  return loose ? !/[”"’]$/.test(text) : !/[.!?…”"’]$/.test(text);
}
