import type { Document, Element } from 'domhandler';
import { parseDocument } from 'htmlparser2';
import { diagnostic, type Diagnostic } from '../../diagnostics/diagnostic.js';
import type { SourceLine } from '../lines.js';
import { closest, findAll, findFirst, textOf } from './html-dom.js';
import { htmlToLines, SANITIZE_OPTIONS, withLineMarks } from './html-lines.js';
import { findPageStory, type StoryPart } from './html-sites.js';
import { lineLocator, type FormatReading } from './format.js';

/**
 * A saved page or page fragment → header fields and body lines. The story is found inside the
 * site's chrome (see html-sites.ts); only its text, through sanitize-html, reaches the lines.
 */
export function readHtml(text: string, file: string): FormatReading {
  const doc = parseDocument(text, { withStartIndices: true, withEndIndices: true });
  const lineOf = lineLocator(text);
  if (isChallengePage(doc, text)) {
    return {
      fields: [],
      lines: [],
      noStory: true,
      diagnostics: [
        diagnostic(
          'story/challenge-page',
          file,
          'this is a "checking your browser" challenge page saved instead of the story; no book made from it',
        ),
      ],
    };
  }
  const page = findPageStory(doc);
  const diagnostics: Diagnostic[] = [diagnostic('format/html-story', file, `story text read from ${page.found}`)];
  const lines: SourceLine[] = [];
  for (const part of page.parts) {
    if (part.heading) {
      const number = lineOf(part.heading.element.startIndex ?? 0);
      lines.push({ text: '', number }, { text: part.heading.text, number, heading: true }, { text: '', number });
    }
    diagnostics.push(...imagesLeftOut(part, file, lineOf));
    const start = part.body.startIndex ?? 0;
    lines.push(...htmlToLines(withLineMarks(partHtml(text, part), lineOf(start)), lineOf(start)), {
      text: '',
      number: lineOf(part.body.endIndex ?? start),
    });
  }
  const fields = pageFields(doc, page.fields, lineOf);
  return { fields, lines, diagnostics };
}

/** The part's source, with the chrome inside it cut out. */
function partHtml(text: string, part: StoryPart): string {
  const start = part.body.type === 'root' ? 0 : (part.body.startIndex ?? 0);
  const end = part.body.type === 'root' ? text.length : (part.body.endIndex ?? text.length - 1) + 1;
  const cuts = part.exclude
    .map((el) => [el.startIndex ?? 0, (el.endIndex ?? 0) + 1] as const)
    .sort((a, b) => a[0] - b[0]);
  let html = '';
  let at = start;
  for (const [from, to] of cuts) {
    if (from < at) continue;
    // Line ends inside the cut are kept so the text after it keeps its line numbers.
    html += text.slice(at, from) + '\n'.repeat((text.slice(from, to).match(/\n/g) ?? []).length);
    at = to;
  }
  return html + text.slice(at, end);
}

const DROPPED_WITH_CONTENT = new Set(SANITIZE_OPTIONS.nonTextTags);

/**
 * sanitize-html drops every image (no remote or embedded resource reaches a book). Tracking
 * pixels, smilies and spacers are most of them, so their alt text does not go into the story;
 * each image is reported with it instead, so nothing is lost unseen.
 */
function imagesLeftOut(part: StoryPart, file: string, lineOf: (offset: number) => number): Diagnostic[] {
  const shown = (el: Element): boolean =>
    closest(el, (e) => part.exclude.includes(e) || DROPPED_WITH_CONTENT.has(e.name)) === undefined;
  return findAll(part.body, (el) => el.name === 'img' && shown(el)).map((img) => {
    const alt = (img.attribs['alt'] ?? '').replace(/\s+/g, ' ').trim();
    const source = img.attribs['src'] ? ` (${img.attribs['src'].slice(0, 80)})` : '';
    return diagnostic(
      'html/image-left-out',
      file,
      `an image${source} is left out of the book; ${alt === '' ? 'it has no alt text' : `its alt text was "${alt}"`}`,
      { line: lineOf(img.startIndex ?? 0) },
    );
  });
}

// Page-wide metadata, used where the site's own blocks say nothing.
const META_FIELDS: ReadonlyArray<[string, string]> = [
  ['author', 'Author'],
  ['description', 'Summary'],
  ['og:description', 'Summary'],
  ['rating', 'Rating'],
];

function pageFields(
  doc: Document,
  found: ReturnType<typeof findPageStory>['fields'],
  lineOf: (offset: number) => number,
) {
  const fields = found.map((f) => ({ key: f.key, value: f.value, line: lineOf(f.element.startIndex ?? 0) }));
  const has = (key: string) => fields.some((f) => f.key === key);
  const add = (key: string, value: string | undefined, element: Element) => {
    if (value && value.trim() !== '' && !has(key))
      fields.push({ key, value: value.replace(/\s+/g, ' ').trim(), line: lineOf(element.startIndex ?? 0) });
  };
  const ogTitle = findFirst(doc, (el) => el.name === 'meta' && el.attribs['property'] === 'og:title');
  if (ogTitle) add('Title', ogTitle.attribs['content'], ogTitle);
  const title = findFirst(doc, (el) => el.name === 'title');
  if (title) add('Title', pageTitle(textOf(title)), title);
  for (const [name, key] of META_FIELDS) {
    const meta = findFirst(
      doc,
      (el) => el.name === 'meta' && (el.attribs['name'] ?? el.attribs['property'])?.toLowerCase() === name,
    );
    if (meta) add(key, meta.attribs['content'], meta);
  }
  return fields;
}

/** `Story Name | Site Name` → `Story Name`. */
function pageTitle(text: string): string {
  return (text.split(/\s+[|»]\s+/)[0] ?? text).replace(/\s*\[Archive of Our Own\]\s*$/, '').trim();
}

const CHALLENGE_TITLE = /^\s*(?:just a moment|attention required|checking your browser|please wait)\b/i;
const CHALLENGE_MARKS =
  /id=["']?(?:challenge-form|challenge-running|challenge-stage|cf-wrapper)\b|\bcf_chl_opt\b|\bcf-browser-verification\b/i;

/** A Cloudflare-style "checking your browser" page, saved while it was still checking. */
function isChallengePage(doc: Document, text: string): boolean {
  const title = findFirst(doc, (el) => el.name === 'title');
  return (title !== undefined && CHALLENGE_TITLE.test(textOf(title))) || CHALLENGE_MARKS.test(text);
}
