import { isSceneBreak } from './scene-breaks.js';
import { parseChapterHeading } from './chapter-heading.js';
import { isBlank, type SourceLine } from './lines.js';

/**
 * How a plain-text body marks its paragraphs: by blank lines (each paragraph on one line, or
 * hard-wrapped over several as Project Gutenberg does), or by line ends (one paragraph per line,
 * no blank lines between them).
 */
export type ParagraphShape = 'blank-separated' | 'line-per-paragraph';

/** Lines grouped as the book shows them: paragraphs (verse keeps its line breaks) and scene breaks. */
export type LineGroup =
  | { kind: 'paragraph'; lines: SourceLine[]; verse: boolean }
  | { kind: 'scene-break'; line: SourceLine }
  | { kind: 'image'; line: SourceLine };

// Below this there is nothing to measure: keep the blank-separated reading.
const MIN_TEXT_LINES = 3;
// A hard-wrapped line ends within a word of the wrap width; most lines that run on do.
const WRAP_SLACK = 16;
const WRAPPED_FILE_SHARE = 0.6;
// Lines that end like a paragraph ends, in a file that is one paragraph per line.
const PARAGRAPH_END_SHARE = 0.6;
// Longer than any wrap width text is saved with; a file with many such lines is not hard-wrapped.
const LONG_LINE = 100;
const LONG_LINE_SHARE = 0.3;
// A verse line is well short of the wrap width (a wrapped line never is) and of a printed line.
const VERSE_LINE_SHARE = 0.6;
const VERSE_LINE_MAX = 80;

/** Decides a body's paragraph shape from its lines: how often lines run on, their lengths and ends. */
export function detectParagraphShape(lines: readonly SourceLine[]): ParagraphShape {
  const runs = textRuns(lines, classify(lines));
  const text = runs.flat();
  if (text.length < MIN_TEXT_LINES) return 'blank-separated';
  const runOn = runs.flatMap((run) => run.slice(0, -1));
  // Most lines already stand alone between blank lines: both readings agree.
  if (runOn.length < text.length / 2) return 'blank-separated';
  const width = wrapWidth(text);
  if (isHardWrapped(runOn, width)) return 'blank-separated';
  const endings = runOn.filter(endsLikeParagraph).length / runOn.length;
  const long = text.filter((line) => lengthOf(line) > LONG_LINE).length / text.length;
  return endings >= PARAGRAPH_END_SHARE || long >= LONG_LINE_SHARE ? 'line-per-paragraph' : 'blank-separated';
}

/**
 * Groups a body's lines into paragraphs and scene breaks. One paragraph per line, or per run of
 * lines between blank lines; a scene-break line, or a chapter-heading line at either end of a
 * run, is never joined to its neighbours. A run of several short lines in a blank-separated body
 * is verse (a poem, a song, a letter's address): one group, flagged so its line breaks are kept.
 */
export function splitParagraphs(lines: readonly SourceLine[], shape: ParagraphShape): LineGroup[] {
  const kinds = classify(lines);
  const isVerse = shape === 'blank-separated' ? verseTest(textRuns(lines, kinds)) : () => false;
  const groups: LineGroup[] = [];
  let run: SourceLine[] = [];
  const flush = (): void => {
    if (run.length > 0) groups.push({ kind: 'paragraph', lines: run, verse: isVerse(run) });
    run = [];
  };
  lines.forEach((line, index) => {
    const kind = kinds[index];
    if (kind === 'text' && shape === 'blank-separated') {
      run.push(line);
      return;
    }
    flush();
    if (kind === 'break') groups.push({ kind: 'scene-break', line });
    else if (kind === 'image') groups.push({ kind: 'image', line });
    else if (kind !== 'blank') groups.push({ kind: 'paragraph', lines: [line], verse: false });
  });
  flush();
  return groups;
}

/** Whether a run of lines is verse, measured against the wrap width of the whole body. */
function verseTest(runs: readonly SourceLine[][]): (run: readonly SourceLine[]) => boolean {
  const text = runs.flat();
  if (text.length === 0) return () => false;
  const width = wrapWidth(text);
  const limit = Math.min(VERSE_LINE_SHARE * width, VERSE_LINE_MAX);
  // In hard-wrapped text two short lines cannot be a wrapped paragraph; elsewhere they may be.
  const minLines = isHardWrapped(
    runs.flatMap((run) => run.slice(0, -1)),
    width,
  )
    ? 2
    : 3;
  return (run) => run.length >= minLines && run.every((line) => lengthOf(line) < limit);
}

type LineKind = 'blank' | 'break' | 'heading' | 'image' | 'text';

/**
 * What each line is. A heading line between two text lines is taken for text: a sentence wrapped
 * at "Chapter 3" rather than a heading that lost both its blank lines.
 */
function classify(lines: readonly SourceLine[]): LineKind[] {
  const kinds = lines.map((line): LineKind => {
    if (line.image) return 'image';
    if (isBlank(line)) return 'blank';
    if (isSceneBreak(line.text)) return 'break';
    return parseChapterHeading(line.text) === undefined ? 'text' : 'heading';
  });
  const inText = (kind: LineKind | undefined): boolean => kind === 'text' || kind === 'heading';
  return kinds.map((kind, i) => (kind === 'heading' && inText(kinds[i - 1]) && inText(kinds[i + 1]) ? 'text' : kind));
}

/** Runs of consecutive text lines; a blank, scene-break or heading line ends a run. */
function textRuns(lines: readonly SourceLine[], kinds: readonly LineKind[]): SourceLine[][] {
  const runs: SourceLine[][] = [[]];
  lines.forEach((line, index) => {
    const current = runs[runs.length - 1] as SourceLine[];
    if (kinds[index] === 'text') current.push(line);
    else if (current.length > 0) runs.push([]);
  });
  return runs.filter((run) => run.length > 0);
}

function lengthOf(line: SourceLine): number {
  return line.text.trimEnd().length;
}

/** The width text was wrapped at, if it was: the length nine lines in ten stay within. */
function wrapWidth(text: readonly SourceLine[]): number {
  const lengths = text.map(lengthOf).sort((a, b) => a - b);
  return lengths[Math.min(lengths.length - 1, Math.floor(lengths.length * 0.9))] ?? 0;
}

/** Lines that run on into the next end within a word of one width (no more than 100): hard-wrapped. */
function isHardWrapped(runOn: readonly SourceLine[], width: number): boolean {
  if (runOn.length < MIN_TEXT_LINES || width > LONG_LINE) return false;
  const nearWidth = runOn.filter((line) => lengthOf(line) > width - WRAP_SLACK).length;
  return nearWidth >= WRAPPED_FILE_SHARE * runOn.length;
}

// Sentence ends, closing quotes and brackets, a dash cutting speech off, emphasis markers.
const PARAGRAPH_END = /[.!?…"”’'»)\]*_—–-]$/u;

function endsLikeParagraph(line: SourceLine): boolean {
  return PARAGRAPH_END.test(line.text.trimEnd().slice(-1));
}
