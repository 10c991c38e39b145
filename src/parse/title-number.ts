import { NUMBER_PATTERN, readNumber } from './numbers.js';

// `Book 2`, `Part Three`, `Volume IV`, `#3` anywhere in the title.
const LABELLED = new RegExp(
  `(?:^|[\\s(\\[:,–—-])(?:book|part|volume|vol\\.|episode|no\\.|#)\\s*(${NUMBER_PATTERN})(?=$|[\\s)\\]:,.;!?–—-])`,
  'i',
);
// A number ending the title after a space or separator: `Moonlight 2`, `Moonlight II`, `Tides: Three`.
const TRAILING = new RegExp(`[\\s:–—-](${NUMBER_PATTERN})\\s*[)\\]]?$`, 'i');

/**
 * The place a title gives itself in a series: `Book 2`, `Part Three`, `Moonlight II`, `Tides 3`.
 * A lone trailing `I` is not taken ("Where Am I"); a number inside a name ("Catch-22 Days") is not either.
 */
export function numberInTitle(title: string): number | undefined {
  const text = title.trim();
  const labelled = LABELLED.exec(text);
  if (labelled) return readNumber(labelled[1] as string);
  const trailing = TRAILING.exec(text);
  if (!trailing) return undefined;
  const word = trailing[1] as string;
  if (/^i$/i.test(word)) return undefined;
  // A roman numeral must be written as one (`II`, not `ii` inside prose-like titles).
  if (/^[ivxlc]+$/i.test(word) && word !== word.toUpperCase()) return undefined;
  return readNumber(word);
}
