/** Numbers as stories write them in titles and headings: `12`, `Three`, `twenty-one`, `IV`. */

const UNITS = [
  'zero',
  'one',
  'two',
  'three',
  'four',
  'five',
  'six',
  'seven',
  'eight',
  'nine',
  'ten',
  'eleven',
  'twelve',
  'thirteen',
  'fourteen',
  'fifteen',
  'sixteen',
  'seventeen',
  'eighteen',
  'nineteen',
];
const TENS = ['', '', 'twenty', 'thirty', 'forty', 'fifty', 'sixty', 'seventy', 'eighty', 'ninety'];
const ROMAN_VALUES: Readonly<Record<string, number>> = { i: 1, v: 5, x: 10, l: 50, c: 100 };
/** A roman numeral up to 399, lower case (callers add the `i` flag, or upper-case it for capitals only). */
export const ROMAN_PATTERN = 'c{0,3}(?:xc|xl|l?x{0,3})(?:ix|iv|v?i{0,3})';
const ROMAN = new RegExp(`^(?=[ivxlc]+$)${ROMAN_PATTERN}$`, 'i');
const ONES = UNITS.slice(1, 10).join('|');

/**
 * A regular-expression fragment matching one number written any of those ways (for callers'
 * patterns): digits, `twenty-one`, `one` to `nineteen`, a roman numeral. Every caller follows it
 * with a non-letter, so `seven` never stops short inside `seventy`.
 */
export const NUMBER_PATTERN =
  `(?:\\d{1,4}|(?:${TENS.slice(2).join('|')})(?:[- ](?:${ONES}))?|` +
  `${UNITS.slice(1).join('|')}|` +
  `(?=[ivxlc]+\\b)${ROMAN_PATTERN})`;

/** The value of one written number, or undefined when the text is not one. */
export function readNumber(text: string): number | undefined {
  const word = text.trim().toLowerCase();
  if (/^\d{1,6}$/.test(word)) return Number(word);
  const unit = UNITS.indexOf(word);
  if (unit >= 0) return unit;
  const compound = /^([a-z]+)(?:[- ]([a-z]+))?$/.exec(word);
  const tens = compound ? TENS.indexOf(compound[1] as string) : -1;
  if (compound && tens >= 2) {
    const ones = compound[2] === undefined ? 0 : UNITS.indexOf(compound[2]);
    if (ones >= 0 && ones <= 9) return tens * 10 + ones;
  }
  if (word !== '' && ROMAN.test(word)) return romanValue(word);
  return undefined;
}

function romanValue(numeral: string): number {
  let total = 0;
  for (let i = 0; i < numeral.length; i++) {
    const value = ROMAN_VALUES[numeral[i] as string] as number;
    const next = ROMAN_VALUES[numeral[i + 1] ?? ''] ?? 0;
    total += value < next ? -value : value;
  }
  return total;
}
