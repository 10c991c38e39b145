/** Width in pixels of a text drawn at a font size and weight. */
export type Measure = (text: string, size: number, weight: 400 | 700) => number;

export interface WrapOptions {
  maxWidth: number;
  size: number;
  weight: 400 | 700;
  maxLines: number;
  measure: Measure;
}

export interface WrappedText {
  lines: string[];
  /** True when the text needed more than `maxLines`: the last line then ends with `…`. */
  truncated: boolean;
  /** True when a word wider than a line had to be cut. */
  cutWords: boolean;
}

// Noto Sans's space is 0.26 em wide; measuring gives ink extents, and a space has none.
const SPACE_EM = 0.26;
const ELLIPSIS = '…';
const graphemes = new Intl.Segmenter(undefined, { granularity: 'grapheme' });
const words = new Intl.Segmenter(undefined, { granularity: 'word' });
// Scripts written without spaces between words: lines may break between their words.
const UNSPACED =
  /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Thai}\p{Script=Lao}\p{Script=Khmer}\p{Script=Myanmar}]/u;

interface Piece {
  text: string;
  /** A space separates it from the piece before, unless it starts a line. */
  spaceBefore: boolean;
}

/**
 * Greedy line breaking for cover text: at spaces, between words of scripts written without
 * spaces (CJK, Thai), and inside a word only when the word alone is wider than a line.
 */
export function wrapText(text: string, options: WrapOptions): WrappedText {
  const { maxWidth, size, weight, maxLines, measure } = options;
  const width = (s: string): number => measure(s, size, weight);
  const space = SPACE_EM * size;
  const lines: string[] = [];
  let line = '';
  let lineWidth = 0;
  const all = pieces(text);
  const cutWords = all.some((piece) => width(piece.text) > maxWidth);
  for (const piece of splitWide(all, width, maxWidth)) {
    const pieceWidth = width(piece.text);
    const gap = line !== '' && piece.spaceBefore ? space : 0;
    if (line !== '' && lineWidth + gap + pieceWidth > maxWidth) {
      lines.push(line);
      line = piece.text;
      lineWidth = pieceWidth;
    } else {
      line += (gap > 0 ? ' ' : '') + piece.text;
      lineWidth += gap + pieceWidth;
    }
  }
  if (line !== '') lines.push(line);
  if (lines.length <= maxLines) return { lines, truncated: false, cutWords };
  const kept = lines.slice(0, maxLines);
  kept[maxLines - 1] = withEllipsis(kept[maxLines - 1] as string, width, maxWidth);
  return { lines: kept, truncated: true, cutWords };
}

function pieces(text: string): Piece[] {
  const result: Piece[] = [];
  text
    .split(' ')
    .filter((word) => word !== '')
    .forEach((word, index) => {
      if (!UNSPACED.test(word)) {
        result.push({ text: word, spaceBefore: index > 0 });
        return;
      }
      let first = true;
      for (const segment of words.segment(word)) {
        const previous = result.at(-1);
        // Punctuation stays with the word before it, so no line starts with "、" or "。".
        if (!first && !segment.isWordLike && previous) previous.text += segment.segment;
        else result.push({ text: segment.segment, spaceBefore: first && index > 0 });
        first = false;
      }
    });
  return result;
}

/**
 * A piece wider than a line is cut between characters (grapheme clusters), as few times as
 * needed. Characters are measured one by one (one measurement each, not one per prefix); ink
 * widths leave out side bearings, hence the margin.
 */
function* splitWide(all: Piece[], width: (s: string) => number, maxWidth: number): Generator<Piece> {
  for (const piece of all) {
    if (width(piece.text) <= maxWidth) {
      yield piece;
      continue;
    }
    let part = '';
    let partWidth = 0;
    let spaceBefore = piece.spaceBefore;
    for (const { segment } of graphemes.segment(piece.text)) {
      const segmentWidth = width(segment) * 1.1;
      if (part !== '' && partWidth + segmentWidth > maxWidth) {
        yield { text: part, spaceBefore };
        part = '';
        partWidth = 0;
        spaceBefore = false;
      }
      part += segment;
      partWidth += segmentWidth;
    }
    if (part !== '') yield { text: part, spaceBefore };
  }
}

function withEllipsis(line: string, width: (s: string) => number, maxWidth: number): string {
  const chars = Array.from(graphemes.segment(line), (g) => g.segment);
  while (chars.length > 0 && width(chars.join('').trimEnd() + ELLIPSIS) > maxWidth) chars.pop();
  return chars.join('').trimEnd() + ELLIPSIS;
}
