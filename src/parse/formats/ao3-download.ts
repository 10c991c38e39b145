import type { Document, Element, ParentNode } from 'domhandler';
import { findSeriesInText } from '../series.js';
import { findAll, findFirst, hasClass, isElement, nextElement, previousElement, textOf } from './html-dom.js';
import type { PageField, PageStory, StoryPart } from './html-sites.js';

/**
 * AO3's own download (its HTML file, and the preface page of its EPUB): a `#preface` with the
 * work's tags in `dl.tags`, title, byline, summary and notes; `#chapters` with each chapter's
 * heading, summary and notes before its `.userstuff` text and end notes after it; `#afterword`
 * with the work's end notes and a request to comment.
 */

// The preface's `dt` labels, singular or plural, → the header keys metadata.ts reads.
const TAG_KEYS: Readonly<Record<string, string>> = {
  rating: 'Rating',
  'archive warning': 'Warnings',
  category: 'Category',
  fandom: 'Fandom',
  relationship: 'Relationships',
  character: 'Characters',
  'additional tag': 'Tags',
  language: 'Language',
};

const isNamed = (name: string) => (el: Element) => el.name === name;
const children = (el: ParentNode): Element[] => el.children.filter(isElement);
const labelOf = (el: Element): string => textOf(el).replace(/:$/, '').trim();

/**
 * What an AO3 preface says about its work, as header fields: its tags, series, stats (Published,
 * Updated or Completed, Words, Chapters), title, author, summary, notes and address. Takes the
 * preface's DOM (or any element holding it) so any reader of AO3's downloads can call it.
 */
export function readAo3Preface(preface: ParentNode): PageField[] {
  const fields: PageField[] = [];
  const add = (key: string, value: string, element: Element): void => {
    if (value !== '') fields.push({ key, value, element });
  };
  const title = findFirst(preface, isNamed('h1')) ?? findFirst(preface, (el) => hasClass(el, 'title'));
  if (title) add('Title', textOf(title), title);
  const byline = findFirst(preface, (el) => hasClass(el, 'byline'));
  if (byline) {
    const authors = findAll(byline, (el) => el.attribs['rel'] === 'author').map(textOf);
    // Co-authors as one Author value joins them (' & '), as an EPUB's creators are joined.
    add('Author', authors.length > 0 ? authors.join(' & ') : textOf(byline).replace(/^by\s+/i, ''), byline);
  }
  const tags = findFirst(preface, (el) => el.name === 'dl' && hasClass(el, 'tags'));
  for (const dt of tags ? children(tags).filter(isNamed('dt')) : []) {
    const dd = nextElement(dt);
    if (dd?.name !== 'dd') continue;
    const label = labelOf(dt);
    if (/^series$/i.test(label)) fields.push(...seriesFields(dd));
    else if (/^stats$/i.test(label)) fields.push(...statsFields(dd));
    else add(...tagField(label, dd), dd);
  }
  // "Summary" and "Notes" are `p` labels, each followed by its `blockquote.userstuff`.
  for (const label of findAll(preface, (el) => el.name === 'p' && /^(?:summary|notes)$/i.test(textOf(el)))) {
    const text = nextElement(label);
    if (text?.name === 'blockquote') add(textOf(label), textOf(text), text);
  }
  // The works it is inspired by, translated from or into: a list under the notes.
  const meta = findFirst(preface, (el) => hasClass(el, 'meta'));
  for (const list of meta ? children(meta).filter(isNamed('ul')) : [])
    for (const item of children(list)) add('Related', textOf(item), item);
  const address = findFirst(
    preface,
    (el) => el.name === 'a' && /archiveofourown\.org\/works\/\d+/.test(el.attribs['href'] ?? ''),
  );
  if (address) add('Source', address.attribs['href'] as string, address);
  return fields;
}

function tagField(label: string, dd: Element): [string, string] {
  const singular = label.toLowerCase().replace(/ies$/, 'y').replace(/s$/, '');
  return [TAG_KEYS[singular] ?? label, textOf(dd)];
}

/** `Part 2 of Name, Part 1 of Other` → one `Series: Name, Part 2` field each (the first is the story's series). */
function seriesFields(dd: Element): PageField[] {
  return textOf(dd)
    .split(/,\s*(?=part\s+\d)/i)
    .map((text) => {
      const series = findSeriesInText(text);
      return { key: 'Series', value: series?.part ? `${series.name}, Part ${series.part}` : text, element: dd };
    });
}

/** `Published: 2021-04-02 Completed: 2021-06-11 Words: 612 Chapters: 3/3` → one field each. */
function statsFields(dd: Element): PageField[] {
  return [...textOf(dd).matchAll(/([A-Z][a-z]+(?: [a-z]+)?):\s*(\S+)/g)].map((m) => ({
    key: m[1] as string,
    value: m[2] as string,
    element: dd,
  }));
}

/**
 * The last page of AO3's EPUB download: its `#afterword` alone, with the work's end notes and
 * the works inspired by it. The notes are the author speaking, as in the HTML download.
 */
export function ao3AfterwordShape(doc: Document): PageStory | undefined {
  const afterword = ao3AfterwordPage(doc);
  if (!afterword) return undefined;
  return { found: '#afterword (the end of an AO3 download)', parts: notes(afterword), fields: inspiredBy(afterword) };
}

/** The `#afterword` of a page that holds it alone (AO3's EPUB ends so), not the whole download's. */
export function ao3AfterwordPage(doc: Document): Element | undefined {
  const afterword = findFirst(doc, (el) => el.attribs['id'] === 'afterword');
  if (!afterword || findFirst(doc, (el) => el.attribs['id'] === 'preface' || el.attribs['id'] === 'chapters'))
    return undefined;
  return afterword;
}

/** "Works inspired by this one:" and its list, after the end notes. */
function inspiredBy(afterword: Element): PageField[] {
  const fields: PageField[] = [];
  for (const dt of findAll(afterword, isNamed('dt')))
    for (let dd = nextElement(dt); dd?.name === 'dd'; dd = nextElement(dd))
      if (textOf(dd) !== '') fields.push({ key: labelOf(dt), value: textOf(dd), element: dd });
  return fields;
}

/** An AO3 download: its `#preface` and `#chapters`; undefined for any other page. */
export function ao3DownloadShape(doc: Document): PageStory | undefined {
  const preface = findFirst(doc, (el) => el.attribs['id'] === 'preface');
  const chapters = findFirst(doc, (el) => el.attribs['id'] === 'chapters');
  if (!preface || !chapters) return undefined;
  const fields = readAo3Preface(preface);
  const found = '#preface and #chapters (an AO3 download)';
  const afterword = findFirst(doc, (el) => el.attribs['id'] === 'afterword');
  const endNotes = afterword ? notes(afterword) : [];
  if (afterword) fields.push(...inspiredBy(afterword));
  // A one-shot's text stands in `#chapters` with no chapter heading or notes around it.
  if (!children(chapters).some((el) => hasClass(el, 'meta')))
    return { found, parts: [{ body: chapters, exclude: [] }, ...endNotes], fields };
  const parts: StoryPart[] = [];
  let heading: StoryPart['heading'];
  const push = (part: StoryPart): void => {
    parts.push(heading ? { ...part, heading } : part);
    heading = undefined;
  };
  for (const el of children(chapters)) {
    if (hasClass(el, 'meta')) {
      const title = findFirst(el, (e) => /^h\d$/.test(e.name) && hasClass(e, 'heading'));
      if (title) heading = { text: textOf(title), element: title };
      // A chapter by other authors than the work's names them under its heading.
      const byline = findFirst(el, (e) => e.name === 'p' && hasClass(e, 'byline'));
      if (byline) push({ body: byline, exclude: [], note: '' });
      notes(el).forEach(push);
    } else push({ body: el, exclude: [] });
  }
  return { found, parts: [...parts, ...endNotes], fields };
}

/** The notes in an AO3 `.meta` block: each `p` label ("Chapter Notes", "End Notes") with its blockquote. */
function notes(meta: Element): StoryPart[] {
  return findAll(meta, (el) => el.name === 'blockquote' && hasClass(el, 'userstuff')).map((text) => {
    const label = previousElement(text);
    return { body: text, exclude: [], note: label?.name === 'p' ? textOf(label) : 'Notes' };
  });
}
