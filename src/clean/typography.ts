/**
 * Typography for one paragraph's text: straight quotes to curly ones, `--` and `---` to an em
 * dash, a spaced hyphen to a spaced en dash, `...` and `. . .` to an ellipsis, and feet and
 * inches (`5'10"`) to primes. Only `'`, `"`, `-`, `.` and the spaces inside `. . .` are ever
 * replaced, so no letter or digit is ever dropped or added; quotes that are already curly stay.
 *
 * Written here rather than taken from npm: every candidate tried (quote-quote, smartquotes,
 * retext-smartypants, smartypants, typograf, typographic-quotes) got some of the cases in
 * test/unit/typography.test.ts wrong, and the three closest slow down quadratically on long
 * one-line stories. This one is a pass over the quotes, linear in the length of the text.
 */
export function smartenTypography(text: string): string {
  return smartenQuotes(smartenPrimes(smartenDashesAndEllipses(text)));
}

/**
 * Typography across the runs of one paragraph (plain and emphasised text, verse lines): a quote's
 * direction depends on its neighbours, which may sit in the next run (`"*Hello*," she said`).
 * Dashes and ellipses are made run by run (they change the length); quotes and primes, which
 * replace one character by one, on the joined text, which is then cut back at the same places.
 */
export function smartenRuns(runs: readonly string[]): string[] {
  const dashed = runs.map(smartenDashesAndEllipses);
  const joined = smartenQuotes(smartenPrimes(dashed.join('')));
  let at = 0;
  return dashed.map((run) => joined.slice(at, (at += run.length)));
}

/**
 * `--` and `---` become an em dash, spaces kept as the author typed them; longer runs (`D----`)
 * stay. A hyphen with spaces on both sides between words is a typed dash: a spaced en dash. A
 * hyphen inside a word (half-shrug) or at a line's edge stays. Three or more dots, spaced or not,
 * become one ellipsis (a fourth dot is dropped: fan fiction uses `....` as a long ellipsis).
 */
function smartenDashesAndEllipses(text: string): string {
  return text
    .replace(/(?<!-)-{2,3}(?!-)/g, '—')
    .replace(/(?<=[^\s-])([ \t]+)-(?=[ \t]+[^\s-])/g, '$1–')
    .replace(/\.(?: ?\.){2,}/g, '…');
}

/**
 * Feet and inches become primes only where nothing else is meant: `5'10"`, `5' 10"`, `5'10`.
 * A lone `6'` or `6"` stays a quote, since dialogue ending in a number is far more common.
 */
function smartenPrimes(text: string): string {
  return text.replace(/(?<=\d)'( ?\d{1,2}(?:\.\d+)?)"/g, '′$1″').replace(/(?<=\d)'(?=\d)/g, '′');
}

const WORD_CHAR = /[\p{L}\p{N}\p{M}]/u;
const SPACE = /\s/;
// A quote after one of these (or at the start) may open: `(“`, `—“`, `*“`.
const OPEN_AFTER = new Set(['(', '[', '{', '“', '‘', '«', '‹', '—', '–', '-', '/', '*', '_']);
// A quote before one of these (or at the end) may close: `”,`, `”—`, `”*`.
const CLOSE_BEFORE = new Set([
  '"',
  "'",
  '.',
  ',',
  ';',
  ':',
  '!',
  '?',
  ')',
  ']',
  '}',
  '…',
  '”',
  '’',
  '»',
  '›',
  '—',
  '–',
  '-',
  '/',
  '*',
  '_',
]);

// Words that lose their first letters to a leading apostrophe: 'tis, 'cause, 'n' (rock 'n' roll).
const ELISION =
  /(?:tis|twas|twere|twill|twould|til|n|bout|cause|cos|coz|cuz|course|kay|sup|nother|fraid|scuse|specially|spose|nuff|neath|gainst|twixt|ello|allo)(?![\p{L}\p{N}])/iuy;
// Only in lower case: capitalised, 'Em and 'Round are more likely a quote opening on a name or word.
const LOWER_CASE_ELISION = /(?:em|im|er|ere|round)(?![\p{L}\p{N}])/uy;
// Abbreviated years: '90s, '08.
const YEAR = /\d\d(?!\d)/y;
// Greetings that are as often quoted words as elisions: 'Night is an elision only when no single
// quote closes after it in the paragraph ("'Night, Harry." but 'Night, Harry,' said Ron).
const GREETING = /(?:night|nite|morning|mornin|evening)(?![\p{L}\p{N}])/iuy;

/** Straight quotes become curly from what stands on either side, with the open quote as tie-break. */
function smartenQuotes(text: string): string {
  const lastSingleClose = lastClosingSingleQuote(text);
  let doubleOpen = false;
  let singleOpen = false;
  let lastAt = -1;
  let lastCurly = '';
  return text.replace(/["'“”‘’]/g, (quote: string, i: number) => {
    // The mark before may be a quote just made curly: judge by the curly one.
    const before = i === 0 ? undefined : i - 1 === lastAt ? lastCurly : text[i - 1];
    const after = text[i + 1];
    let curly: string;
    if (quote === '"') {
      curly = choose(before, after, doubleOpen, '“', '”');
      doubleOpen = curly === '“';
    } else if (quote === "'") {
      if (isApostrophe(text, i, before, after, lastSingleClose)) curly = '’';
      else {
        curly = choose(before, after, singleOpen, '‘', '’');
        singleOpen = curly === '‘';
      }
    } else {
      // Already curly: kept, and followed so the straight ones around it pair with it.
      curly = quote;
      if (quote === '“' || quote === '”') doubleOpen = quote === '“';
      else if (quote === '‘') singleOpen = true;
      else if (!isWordChar(after)) singleOpen = false;
    }
    lastAt = i;
    lastCurly = curly;
    return curly;
  });
}

/** An apostrophe inside a word (don't, y'all, O'Brien) or before an elided one ('tis, 'em, '90s). */
function isApostrophe(
  text: string,
  i: number,
  before: string | undefined,
  after: string | undefined,
  lastSingleClose: number,
): boolean {
  return (
    (isWordChar(before) && isWordChar(after)) || (canOpen(before, after) && isElision(text, i + 1, lastSingleClose))
  );
}

/** Opening where only opening fits, closing where only closing fits, else whatever pairs. */
function choose(
  before: string | undefined,
  after: string | undefined,
  open: boolean,
  opening: string,
  closing: string,
): string {
  const opens = canOpen(before, after);
  const closes = canClose(before, after);
  if (opens !== closes) return opens ? opening : closing;
  return open ? closing : opening;
}

function canOpen(before: string | undefined, after: string | undefined): boolean {
  return !isSpaceOrEdge(after) && (isSpaceOrEdge(before) || OPEN_AFTER.has(before as string));
}

function canClose(before: string | undefined, after: string | undefined): boolean {
  return !isSpaceOrEdge(before) && (isSpaceOrEdge(after) || CLOSE_BEFORE.has(after as string));
}

function isElision(text: string, start: number, lastSingleClose: number): boolean {
  return (
    matchesAt(ELISION, text, start) ||
    matchesAt(LOWER_CASE_ELISION, text, start) ||
    matchesAt(YEAR, text, start) ||
    (lastSingleClose < start && matchesAt(GREETING, text, start))
  );
}

function matchesAt(sticky: RegExp, text: string, start: number): boolean {
  sticky.lastIndex = start;
  return sticky.test(text);
}

/** Position of the last single quote that can close (`no'`, `no.’`), or -1. */
function lastClosingSingleQuote(text: string): number {
  let straight = text.lastIndexOf("'");
  let curly = text.lastIndexOf('’');
  while (straight >= 0 || curly >= 0) {
    const i = Math.max(straight, curly);
    if (canClose(text[i - 1], text[i + 1])) return i;
    if (i === straight) straight = i > 0 ? text.lastIndexOf("'", i - 1) : -1;
    else curly = i > 0 ? text.lastIndexOf('’', i - 1) : -1;
  }
  return -1;
}

function isWordChar(c: string | undefined): boolean {
  if (c === undefined) return false;
  if (c < '\u0080') return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
  return WORD_CHAR.test(c);
}

function isSpaceOrEdge(c: string | undefined): boolean {
  return c === undefined || c === ' ' || SPACE.test(c);
}
