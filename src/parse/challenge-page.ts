import { diagnostic, type Diagnostic } from '../diagnostics/diagnostic.js';
import type { SourceLine } from './lines.js';

// What a Cloudflare-style "checking your browser" page says, in any of its versions.
const SIGNALS = [
  /^just a moment\b/i,
  /\bchecking (?:your browser before accessing|if the site connection is secure)\b/i,
  /\benable javascript and cookies to continue\b/i,
  /\bddos protection by cloudflare\b/i,
  /\bperformance (?:&|and) security by cloudflare\b/i,
  /^(?:cloudflare )?ray id:/i,
  /\bverify(?:ing)? (?:that )?you are (?:a )?human\b/i,
  /\bneeds to review the security of your connection\b/i,
  /\byour browser will redirect to your requested content shortly\b/i,
  /^attention required!?(?: \| cloudflare)?$/i,
];
// A challenge page is a few lines; a story that quotes one is longer.
const MAX_LINES = 30;
// Saved as a page, it says so in its title or in the markup of its checking form.
const PAGE_TITLE = /^\s*(?:just a moment|attention required|checking your browser|please wait)\b/i;
const PAGE_MARKS =
  /id=["']?(?:challenge-form|challenge-running|challenge-stage|cf-wrapper)\b|\bcf_chl_opt\b|\bcf-browser-verification\b/i;

/** The text of a challenge page, saved (or copied) as text instead of the story: two of its phrases, and little else. */
export function isChallengeText(lines: readonly SourceLine[]): boolean {
  const text = lines.filter((l) => /\S/.test(l.text));
  if (text.length === 0 || text.length > MAX_LINES) return false;
  const said = SIGNALS.filter((signal) => text.some((l) => l.text.length < 300 && signal.test(l.text.trim())));
  return said.length >= 2;
}

/** A challenge page saved as HTML while it was still checking: by its title, or its markup. */
export function isChallengePage(title: string | undefined, html: string): boolean {
  return (title !== undefined && PAGE_TITLE.test(title)) || PAGE_MARKS.test(html);
}

/** The one report for either: no book is made from the file. */
export function challengePageFound(file: string, savedAs: 'page' | 'text'): Diagnostic {
  return diagnostic(
    'story/challenge-page',
    file,
    `this is ${savedAs === 'page' ? 'a' : 'the text of a'} "checking your browser" challenge page saved instead of the story; no book made from it`,
  );
}
