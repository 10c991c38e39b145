import { diagnostic, type Diagnostic, type RuleId } from '../diagnostics/diagnostic.js';
import { isBlank, type SourceLine } from './lines.js';

/** A kind of web-page leftover. Rules are data: add one here (and its id to diagnostics/rules.ts) to teach ficbind a new site. */
export interface JunkRule {
  rule: Extract<RuleId, `junk/${string}`>;
  what: string;
  matches: (trimmed: string) => boolean;
}

const TOOLBAR_WORDS = new Set([
  'full',
  '3/4',
  '1/2',
  'skin',
  'light',
  'dark',
  'font',
  'size',
  'width',
  'a+',
  'a-',
  'sans',
  'serif',
]);

export const JUNK_RULES: readonly JunkRule[] = [
  {
    rule: 'junk/reader-toolbar',
    what: 'reader toolbar',
    // e.g. "full 3/4 1/2 skin light dark": only toolbar words, at least three of them.
    matches: (t) => {
      if (t.length > 120) return false;
      const words = t.toLowerCase().split(/\s+/);
      return words.length >= 3 && words.every((w) => TOOLBAR_WORDS.has(w)) && words.includes('skin');
    },
  },
  {
    rule: 'junk/navigation',
    what: 'navigation links',
    matches: (t) =>
      /^(?:<<|>>|«|»|\s)+$/.test(t) ||
      /^(?:<<|«)?\s*(?:next|previous|prev|back|next chapter|previous chapter|chapter list|table of contents)\s*(?:>>|»)?$/i.test(
        t,
      ),
  },
  {
    rule: 'junk/image-host-caption',
    what: 'image-host caption',
    // The host's name alone or with its tag line ("Photobucket - Video and Image Hosting"); a
    // sentence that merely starts with the name ("Photobucket is where I keep…") is prose.
    matches: (t) =>
      /^(?:photobucket|imageshack|tinypic)(?:\.com|\.us)?(?:\s*[-–—:|]?\s*[\w\s&,-]*\bhosting)?$/i.test(t),
  },
  {
    rule: 'junk/review-prompt',
    what: 'review or follow prompt',
    // A line that only asks for reviews, follows or favourites; a sentence about reviewing stays.
    matches: (t) =>
      t.length <= 60 &&
      (/^(?:please\s+)?(?:read\s+(?:and|&)\s+)?(?:review|r\s*&\s*r)(?:\s+please)?\s*[.!:)]*$/i.test(t) ||
        /^reviews?\s+(?:are|is)\s+(?:love|loved|appreciated|welcome)\s*[.!:)]*$/i.test(t) ||
        /^(?:follow|fav(?:ou?rite)?|review)(?:\s*(?:[/&,+]|and)\s*(?:follow|fav(?:ou?rite)?|review))+\s*[.!]*$/i.test(
          t,
        )),
  },
  {
    rule: 'junk/repeated-disclaimer',
    what: 'disclaimer pointing to an earlier chapter',
    matches: (t) =>
      t.length <= 80 &&
      /^disclaimer\s*[:.-]?\s*(?:see|in|same as|as in)\s+(?:the\s+)?(?:first|1st|prologue|previous|part\s+(?:1|one)|chapter\s+(?:1|one)\b)/i.test(
        t,
      ),
  },
];

/**
 * Blanks out lines that are leftovers of the web page a story was saved from, reporting each
 * removal with its line and text so nothing disappears unseen.
 */
export function removeSiteJunk(
  lines: readonly SourceLine[],
  file: string,
): { lines: SourceLine[]; diagnostics: Diagnostic[] } {
  const diagnostics: Diagnostic[] = [];
  const kept = lines.map((line) => {
    if (isBlank(line)) return line;
    const trimmed = line.text.trim();
    const rule = JUNK_RULES.find((r) => r.matches(trimmed));
    if (!rule) return line;
    diagnostics.push(
      diagnostic(rule.rule, file, `removed ${rule.what}: "${trimmed.replace(/\s+/g, ' ')}"`, {
        line: line.number,
        removed: trimmed,
      }),
    );
    return { text: '', number: line.number };
  });
  return { lines: kept, diagnostics };
}
