import type { Inline } from '../story/model.js';

// `*word*` or `_a few words_`: the marker opens after a space or punctuation and before a
// non-space, and closes after a non-space and before a space, punctuation or the end.
const EMPHASIS = /(?<=^|[\s\p{P}])([*_])(?![\s*_])(.+?)(?<![\s*_])\1(?=$|[\s\p{P}])/gu;

/** Splits paragraph text into plain runs and emphasised runs; unmatched markers stay as text. */
export function parseEmphasis(text: string): Inline[] {
  const inlines: Inline[] = [];
  let last = 0;
  for (const match of text.matchAll(EMPHASIS)) {
    const start = match.index ?? 0;
    const inner = match[2] as string;
    // A marker inside the run means it is not emphasis we understand (`*a * b*`): leave it.
    if (inner.includes(match[1] as string)) continue;
    if (start > last) inlines.push({ kind: 'text', text: text.slice(last, start) });
    inlines.push({ kind: 'em', text: inner });
    last = start + match[0].length;
  }
  if (last < text.length) inlines.push({ kind: 'text', text: text.slice(last) });
  return inlines;
}
