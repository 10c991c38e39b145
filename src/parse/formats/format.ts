import type { Diagnostic } from '../../diagnostics/diagnostic.js';
import type { HeaderField } from '../header.js';
import type { SourceLine } from '../lines.js';

/** What a format reader makes of a file: what the text path makes, header fields and body lines. */
export interface FormatReading {
  fields: HeaderField[];
  lines: SourceLine[];
  diagnostics: Diagnostic[];
  /** The file holds no story at all (a challenge page): reported, and no book is made from it. */
  noStory?: boolean;
}

/**
 * Where a page's image address leads: to an image file its source holds (an EPUB's), kept by its
 * key, or to nothing ficbind may put in a book, and why (remote, missing, not a picture).
 */
export type ImageLookup = (src: string) => { key: string } | { leftOut: string };

/** 1-based line of a character offset, by binary search over where lines start. */
export function lineLocator(text: string): (offset: number) => number {
  const starts = [0];
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  return (offset) => {
    let low = 0;
    let high = starts.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if ((starts[mid] as number) <= offset) low = mid;
      else high = mid - 1;
    }
    return low + 1;
  };
}
