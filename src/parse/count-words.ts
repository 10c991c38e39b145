import type { Block, Chapter, Story } from '../model/story.js';

/**
 * Words of the story text (paragraphs and notes), as a reader's word count would give them: runs
 * of letters and digits, an apostrophe between two such runs joining them (`don't`, `o’clock`).
 * That is the matches of /[\p{L}\p{N}]+(?:['’][\p{L}\p{N}]+)*\/gu, counted in one pass without
 * making a string per word: every story's text goes through here (a property test holds the two equal).
 */
export function countWords(story: Story): number {
  return story.chapters.reduce((n, chapter) => n + countChapterWords(chapter), 0);
}

export function countChapterWords(chapter: Chapter): number {
  return chapter.blocks.reduce((n, block) => n + blockWords(block), 0);
}

function blockWords(block: Block): number {
  if (block.kind === 'scene-break' || block.kind === 'image') return 0;
  if (block.kind === 'note') return block.blocks.reduce((n, b) => n + blockWords(b), 0);
  let count = 0;
  for (const inline of block.inlines) count += countTextWords(inline.text);
  return count;
}

export function countTextWords(text: string): number {
  let count = 0;
  let inWord = false;
  let apostropheAfterWord = false;
  for (let i = 0; i < text.length; i++) {
    let code = text.charCodeAt(i);
    if (code >= 0xd800 && code <= 0xdbff && i + 1 < text.length) {
      const low = text.charCodeAt(i + 1);
      if (low >= 0xdc00 && low <= 0xdfff) {
        code = 0x10000 + ((code - 0xd800) << 10) + (low - 0xdc00);
        i++;
      }
    }
    if (isLetterOrDigit(code)) {
      if (!inWord && !apostropheAfterWord) count++;
      inWord = true;
      apostropheAfterWord = false;
    } else {
      apostropheAfterWord = inWord && (code === 0x27 || code === 0x2019);
      inWord = false;
    }
  }
  return count;
}

const LETTER_OR_DIGIT = /[\p{L}\p{N}]/u;
// Answers for the code points above ASCII met so far: a story uses few distinct ones.
const nonAsciiAnswers = new Map<number, boolean>();

function isLetterOrDigit(code: number): boolean {
  if (code < 0x80)
    return (code >= 0x61 && code <= 0x7a) || (code >= 0x41 && code <= 0x5a) || (code >= 0x30 && code <= 0x39);
  // General Punctuation (curly quotes, dashes, ellipsis: typography puts them in every story) holds no letter or digit.
  if (code >= 0x2000 && code <= 0x206f) return false;
  let answer = nonAsciiAnswers.get(code);
  if (answer === undefined) {
    answer = LETTER_OR_DIGIT.test(String.fromCodePoint(code));
    nonAsciiAnswers.set(code, answer);
  }
  return answer;
}
