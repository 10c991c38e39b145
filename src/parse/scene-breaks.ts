// Symbols people type on a line of their own to mark a scene change.
const SYMBOLS_ONLY = /^[~*#=_+•·°§†\-–—]+$/u;
// Letter ornaments: o0o, xXx, OoO, or letters between symbols such as -x-x- and ~o~.
const LETTER_ORNAMENT = /^(?:(?:o0o|0o0|oOo|OoO|xXx|XxX|xox|oxo|XoX|OxO)+|[~*=_+-]+(?:[oO0xX][~*=_+-]+)+)$/;

/** The first character of any line the two patterns above accept (after leading whitespace). */
const BREAK_START = /^\s*[~*#=_+•·°§†\-–—oO0xX]/u;

/** True for a scene-break line such as `~ ~ ~ ~`, `* * *`, `***`, `#`, `---`, `o0o` or `xXx`. */
export function isSceneBreak(lineText: string): boolean {
  if (lineText.length > 2000) return false; // before any copying: story lines can be megabytes
  // Every line of prose is asked: most start with a letter no break starts with, and need no copy.
  if (!BREAK_START.test(lineText)) return false;
  const compact = lineText.replace(/\s+/g, '');
  if (compact.length === 0) return false;
  // A rule of symbols may run the width of the page (a saved <hr> often becomes 70+ underscores).
  if (SYMBOLS_ONLY.test(compact)) return true;
  return compact.length <= 60 && LETTER_ORNAMENT.test(compact);
}
