import type { ChapterKind } from './model.js';

export interface ChapterHeading {
  kind: ChapterKind;
  title: string;
}

const NUMBER_WORD =
  '(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|' +
  '(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(?:[- ](?:one|two|three|four|five|six|seven|eight|nine))?)';
const ROMAN = '(?=[ivxlc]+\\b)(?:c{0,3})(?:xc|xl|l?x{0,3})(?:ix|iv|v?i{0,3})';
const NUMBER = `(?:\\d{1,4}|${NUMBER_WORD}|${ROMAN})`;
// `: The Fall`, ` - Home`, or a lone closing `.`/`:` (`Chapter 12.`, `Prologue:`).
const SEPARATED_TITLE = '(?:\\s*[:.–—-]\\s*(.+)|\\s*[:.])?';

const NUMBERED = new RegExp(`^(?:chapter|ch\\.)\\s+${NUMBER}${SEPARATED_TITLE}$`, 'i');
const NAMED = new RegExp(`^(prologue|epilogue|interlude)${SEPARATED_TITLE}$`, 'i');

/**
 * Recognises a chapter heading line: `Chapter 3`, `Chapter Three: The Fall`, `Ch. IV - Home`,
 * `Prologue`, `Epilogue: After`. The caller checks that the line stands on its own.
 */
export function parseChapterHeading(lineText: string): ChapterHeading | undefined {
  if (lineText.length > 200) return undefined; // before any copying: story lines can be megabytes
  const text = lineText.trim().replace(/\s+/g, ' ');
  if (text.length === 0 || text.length > 100) return undefined;
  if (NUMBERED.test(text)) return { kind: 'chapter', title: text };
  const named = NAMED.exec(text);
  if (named) {
    const word = (named[1] as string).toLowerCase();
    return { kind: word === 'interlude' ? 'chapter' : (word as ChapterKind), title: text };
  }
  return undefined;
}
