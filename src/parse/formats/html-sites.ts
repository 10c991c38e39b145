import type { Document, Element, ParentNode } from 'domhandler';
import { parseChapterHeading } from '../chapter-heading.js';
import { findSeriesInText } from '../series.js';
import { ao3AfterwordShape, ao3DownloadShape } from './ao3-download.js';
import { fanficfareShape, fichubShape } from './downloader-pages.js';
import { SERIAL_SHAPES } from './serial-sites.js';
import { leadingSiteLinks } from './site-links.js';
import { closest, elements, findAll, findFirst, hasClass, isElement, textOf } from './html-dom.js';

/** One run of story text in a page, with the chapter heading the page gives it. */
export interface StoryPart {
  /** The element holding the text, or the whole document for a fragment of bare paragraphs. */
  body: Element | Document;
  /** Elements inside `body` that are page chrome, left out. */
  exclude: Element[];
  heading?: { text: string; element: Element };
  /** The part is the author speaking (chapter notes, an author's-note box), not story: its lines make a note, opened by this label unless it is empty. */
  note?: string;
}

export interface PageField {
  key: string;
  value: string;
  element: Element;
}

/** Where a saved page keeps its story and what it says about it. */
export interface PageStory {
  /** How the story was found, for the report. */
  found: string;
  parts: StoryPart[];
  fields: PageField[];
  /** Title block elements cut from the story text because the book shows them as its title and author. */
  shownAsMetadata?: PageField[];
  /** Page chrome the site is known to have (comments, navigation, share buttons): left out and reported. */
  leftOut?: LeftOut[];
}

export interface LeftOut {
  element: Element;
  /** What it is, for the report: "comments", "share buttons". */
  what: string;
  /** The report names all its text and lines (short chrome, as a row of site links is). */
  quoted?: boolean;
}

/**
 * Page shapes ficbind knows, tried in order; the last one always answers. Rules are data: add one
 * here to teach ficbind a new site.
 */
export const PAGE_SHAPES: ReadonlyArray<(doc: Document) => PageStory | undefined> = [
  ao3DownloadShape,
  ao3AfterwordShape,
  fanficfareShape,
  fichubShape,
  ffnetShape,
  ao3Shape,
  ...SERIAL_SHAPES,
  forumShape,
  gutenbergShape,
  mainTextShape,
];

export function findPageStory(doc: Document): PageStory {
  for (const shape of PAGE_SHAPES) {
    const found = shape(doc);
    if (found) return found;
  }
  throw new Error('mainTextShape always answers');
}

const byId = (id: string) => (el: Element) => el.attribs['id'] === id;
const byClass = (name: string) => (el: Element) => hasClass(el, name);

function field(key: string, element: Element | undefined, value = element ? textOf(element) : ''): PageField[] {
  return element && value !== '' ? [{ key, value, element }] : [];
}

/** fanfiction.net-style: `#storytext`, a `#profile_top` block and a chapter select. */
function ffnetShape(doc: Document): PageStory | undefined {
  const body = findFirst(doc, byId('storytext'));
  if (!body) return undefined;
  const profile = findFirst(doc, byId('profile_top'));
  const fields: PageField[] = [];
  if (profile) {
    fields.push(
      ...field(
        'Title',
        findFirst(profile, (el) => el.name === 'b'),
      ),
    );
    fields.push(
      ...field(
        'Author',
        findFirst(profile, (el) => el.name === 'a' && /\/u\/\d+/.test(el.attribs['href'] ?? '')),
      ),
    );
    fields.push(
      ...field(
        'Summary',
        findFirst(profile, (el) => el.name === 'div' && hasClass(el, 'xcontrast_txt')),
      ),
    );
    const facts = findFirst(profile, byClass('xgray'));
    const rating = facts ? /\bRated:\s*(?:Fiction\s+)?([^\s-]+)/i.exec(textOf(facts)) : null;
    if (facts && rating) fields.push({ key: 'Rating', value: rating[1] as string, element: facts });
  }
  const part: StoryPart = { body, exclude: [] };
  const select = findFirst(
    doc,
    (el) => el.name === 'select' && /chap/i.test(el.attribs['id'] ?? el.attribs['name'] ?? ''),
  );
  const selected = select && findFirst(select, (el) => el.name === 'option' && 'selected' in el.attribs);
  const chapter = selected ? /^\s*(\d+)\s*[.:)-]?\s*(.*)$/.exec(textOf(selected)) : null;
  if (selected && chapter)
    part.heading = {
      text: chapter[2] ? `Chapter ${chapter[1]}: ${chapter[2]}` : `Chapter ${chapter[1]}`,
      element: selected,
    };
  return { found: '#storytext (a fanfiction.net-style page)', parts: [part], fields };
}

// Work-level AO3 facts in `dl.work.meta`, by the class of their `dd`.
const AO3_FACTS: ReadonlyArray<[string, string]> = [
  ['rating', 'Rating'],
  ['warning', 'Warnings'],
  ['category', 'Category'],
  ['fandom', 'Fandom'],
  ['relationship', 'Pairing'],
  ['character', 'Characters'],
  ['freeform', 'Tags'],
  ['language', 'Language'],
];

const inAny = (el: Element, names: readonly string[]) =>
  closest(el, (e) => names.some((n) => hasClass(e, n))) !== undefined;

/** AO3's download nests each chapter's `.userstuff` in the work's (`#chapters`): only the innermost are text, once. */
function innermost(blocks: Element[]): Element[] {
  const outer = new Set<Element>();
  for (const block of blocks) for (let node = block.parent; node; node = node.parent) outer.add(node as Element);
  return blocks.filter((block) => !outer.has(block));
}

/** AO3-style: `.userstuff` story text after a preface (title, byline, summary, notes) and work facts. */
function ao3Shape(doc: Document): PageStory | undefined {
  const texts = innermost(
    findAll(doc, (el) => hasClass(el, 'userstuff') && !inAny(el, ['preface', 'summary', 'notes'])),
  );
  if (texts.length === 0) return undefined;
  const outsideChapters = (el: Element) => !inAny(el, ['chapter']);
  const preface =
    findFirst(doc, (el) => hasClass(el, 'preface') && !hasClass(el, 'afterword') && outsideChapters(el)) ?? doc;
  const fields: PageField[] = [];
  fields.push(
    ...field(
      'Title',
      findFirst(preface, (el) => hasClass(el, 'title') && /^h\d$/.test(el.name)),
    ),
  );
  const byline = findFirst(preface, byClass('byline'));
  if (byline) {
    const authors = findAll(byline, (el) => el.attribs['rel'] === 'author').map(textOf);
    fields.push(
      ...field('Author', byline, authors.length > 0 ? authors.join(', ') : textOf(byline).replace(/^by\s+/i, '')),
    );
  }
  for (const [cls, key] of AO3_FACTS) {
    const dd = findFirst(doc, (el) => el.name === 'dd' && hasClass(el, cls));
    const items = dd ? findAll(dd, (el) => el.name === 'li').map(textOf) : [];
    fields.push(...field(key, dd, items.length > 0 ? items.join(', ') : undefined));
  }
  const position = findFirst(doc, (el) => hasClass(el, 'position') && inAny(el, ['series']));
  const series = position ? findSeriesInText(textOf(position)) : undefined;
  if (position)
    fields.push(
      ...field(
        'Series',
        position,
        series?.part === undefined ? textOf(position) : `${series.name}, Part ${series.part}`,
      ),
    );
  const workBlock = (cls: string) =>
    findFirst(preface, (el) => hasClass(el, cls) && outsideChapters(el) && !hasClass(el, 'end'));
  const summary = workBlock('summary');
  fields.push(...field('Summary', summary && findFirst(summary, byClass('userstuff'))));
  const notes = workBlock('notes');
  fields.push(...field('Notes', notes && findFirst(notes, byClass('userstuff'))));

  const parts: StoryPart[] = [];
  const chapters = findAll(
    doc,
    (el) => hasClass(el, 'chapter') && el.name === 'div' && !inAny(el.parent as Element, ['chapter']),
  );
  const exclude = (el: Element) => findAll(el, byClass('landmark'));
  if (chapters.length > 0) {
    for (const chapter of chapters) {
      const chapterPreface = findFirst(chapter, (el) => hasClass(el, 'preface'));
      const title = chapterPreface && findFirst(chapterPreface, byClass('title'));
      const modules = findAll(
        chapter,
        (el) => (hasClass(el, 'notes') || hasClass(el, 'summary')) && el.name !== 'blockquote',
      );
      const bodies = [
        ...modules.filter((m) => !hasClass(m, 'end')),
        ...texts.filter((t) => closest(t, (e) => e === chapter)),
        ...modules.filter((m) => hasClass(m, 'end')),
      ];
      bodies.forEach((body, index) => {
        const part: StoryPart = { body, exclude: exclude(body) };
        if (index === 0 && title) part.heading = { text: textOf(title), element: title };
        parts.push(part);
      });
    }
  } else {
    parts.push(...texts.map((body) => ({ body, exclude: exclude(body) })));
  }
  // End notes of the work go after the story, as the page shows them.
  const endNotes = findFirst(doc, (el) => hasClass(el, 'notes') && hasClass(el, 'end') && outsideChapters(el));
  if (endNotes) parts.push({ body: endNotes, exclude: [] });
  return { found: '.userstuff (an AO3-style page)', parts, fields };
}

// Post bodies of common forum software, the first in the page being the story's opening post.
const POST_BODY: ReadonlyArray<(el: Element) => boolean> = [
  byClass('bbWrapper'),
  (el) => /^post_message_\d+$/.test(el.attribs['id'] ?? ''),
  (el) => hasClass(el, 'content') && inAny(el, ['postbody']),
  byClass('post-content'),
  byClass('postcontent'),
  byClass('message-body'),
];
const POST = (el: Element) =>
  el.name === 'article' || ['message', 'post', 'postbit', 'postcontainer'].some((c) => hasClass(el, c));
const POST_AUTHOR = (el: Element) => ['username', 'author', 'postauthor', 'poster'].some((c) => hasClass(el, c));

/** A forum thread: the first post's body is the story; its poster, the author. */
function forumShape(doc: Document): PageStory | undefined {
  let body: Element | undefined;
  for (const el of elements(doc)) {
    if (POST_BODY.some((test) => test(el))) {
      body = el;
      break;
    }
  }
  if (!body) return undefined;
  const post = closest(body.parent as Element, POST);
  const fields: PageField[] = [];
  if (post) {
    const named = post.attribs['data-author'];
    const authorElement = findFirst(post, POST_AUTHOR);
    if (named) fields.push({ key: 'Author', value: named, element: post });
    else
      fields.push(...field('Author', authorElement, authorElement ? textOf(authorElement).replace(/^by\s+/i, '') : ''));
  }
  const threadTitle = findFirst(doc, (el) => el.name === 'h1');
  fields.push(...field('Title', threadTitle));
  return { found: 'the first post (a forum page)', parts: [{ body, exclude: [] }], fields };
}

const NOT_STORY = new Set([
  'nav',
  'header',
  'footer',
  'aside',
  'form',
  'script',
  'style',
  'noscript',
  'select',
  'head',
  'template',
]);

// Of NOT_STORY, the elements that show words a reader would see on the page.
const SHOWN_CHROME = new Set(['nav', 'header', 'footer', 'aside', 'form']);

/** The elements not inside another of them. */
function outermost(elements: Element[]): Element[] {
  const set = new Set(elements);
  return elements.filter((el) => closest(el.parent as Element, (e) => set.has(e)) === undefined);
}

/** Any other page or fragment: the element (or the fragment itself) holding the most paragraph text. */
function mainTextShape(doc: Document): PageStory {
  const score = new Map<Element | Document, number>();
  const add = (node: Element | Document, n: number) => score.set(node, (score.get(node) ?? 0) + n);
  const stack: ParentNode[] = [doc];
  while (stack.length > 0) {
    const node = stack.pop() as ParentNode;
    for (const child of node.children) {
      if (child.type === 'text') add(node as Element | Document, child.data.trim().length);
      if (!isElement(child) || NOT_STORY.has(child.name)) continue;
      if (child.name === 'p') add(node as Element | Document, textOf(child).length);
      stack.push(child);
    }
  }
  let best: Element | Document = doc;
  for (const [node, value] of score) if (value > (score.get(best) ?? 0)) best = node;
  const titleBlock = pageTitleBlock(doc);
  const inBest = titleBlock.filter((f) => closest(f.element, (e) => e === best) !== undefined || best === doc);
  const siteLinks = leadingSiteLinks(best).map((element) => ({ element, what: 'a row of site links', quoted: true }));
  // The page's own blocks inside the text (a <nav>, <header>, <footer>, <aside> or <form> with words in it) are said, not dropped unseen.
  const chrome = outermost(findAll(best, (el) => SHOWN_CHROME.has(el.name) && textOf(el) !== ''))
    .filter((el) => !siteLinks.some((row) => row.element === el))
    .map((element) => ({ element, what: `the page's <${element.name}> block` }));
  const leftOut = [...siteLinks, ...chrome];
  return {
    found: best === doc ? 'the whole page' : `the main text block <${(best as Element).name}>`,
    parts: [
      { body: best, exclude: [...findAll(best, (el) => NOT_STORY.has(el.name)), ...inBest.map((f) => f.element)] },
    ],
    fields: titleBlock,
    ...(inBest.length > 0 ? { shownAsMetadata: inBest } : {}),
    ...(leftOut.length > 0 ? { leftOut } : {}),
  };
}

// --- A plain page's title block (issue 18) ---------------------------------------------------

// A link to the author's page: `rel="author"`, or a site's user, author or profile address.
const AUTHOR_LINK = (el: Element): boolean =>
  el.name === 'a' &&
  (el.attribs['rel'] === 'author' ||
    /\/(?:users?|u|authors?|members?|profiles?)\/[^/?#]/i.test(el.attribs['href'] ?? ''));
const BYLINE = /^by:?\s+(\S.{0,79})$/i;
// A `<title>` of one word and no space is a file name or a site's code, not a story's title.
const BARE_PAGE_TITLE = /^[\w.-]*$/;

/**
 * The title a plain page shows (its first `<h1>` outside navigation, not a chapter heading) and
 * the byline right under it (`by AUTHOR`, or an author link): the story's title and author. The
 * heading alone is taken only when the page's `<title>` says nothing better.
 */
function pageTitleBlock(doc: Document): PageField[] {
  const heading = findFirst(doc, (el) => el.name === 'h1' && closest(el, (e) => NOT_STORY.has(e.name)) === undefined);
  const title = heading ? textOf(heading) : '';
  if (!heading || title === '' || parseChapterHeading(title) !== undefined) return [];
  const byline = bylineAfter(heading);
  const pageTitle = findFirst(doc, (el) => el.name === 'title');
  // A good <title> that says something else leaves the heading in the text; one that names the
  // same story (`The Far Shore`, `The Far Shore | My Site`) makes the heading its title block.
  if (!byline && pageTitle && !BARE_PAGE_TITLE.test(textOf(pageTitle)) && !namesSameStory(textOf(pageTitle), title))
    return [];
  return [{ key: 'Title', value: title, element: heading }, ...(byline ? [byline] : [])];
}

function namesSameStory(pageTitle: string, heading: string): boolean {
  const said = (text: string): string => text.replace(/\s+/g, ' ').trim().toLowerCase();
  const [page, title] = [said(pageTitle), said(heading)];
  // The rest of the page's title, if any, is a site's name after a separator.
  return page.startsWith(title) && /^(?:\s*[|:·•—–-]\s.*)?$/.test(page.slice(title.length));
}

/** The byline among the two elements after the title heading. */
function bylineAfter(heading: Element): PageField | undefined {
  let next = heading.nextSibling;
  for (let seen = 0; next && seen < 2; next = next.nextSibling) {
    if (!isElement(next)) continue;
    seen++;
    const text = textOf(next);
    if (text.length > 120) return undefined;
    const link = findFirst(next, AUTHOR_LINK) ?? (AUTHOR_LINK(next) ? next : undefined);
    const author = link ? textOf(link) : BYLINE.exec(text)?.[1];
    if (author && (link === undefined || /^by\b/i.test(text) || text === author))
      return { key: 'Author', value: author.trim(), element: next };
  }
  return undefined;
}

// --- Project Gutenberg HTML editions ---------------------------------------------------------

const GUTENBERG_START = /\*{3}\s*START OF (?:THE|THIS) PROJECT GUTENBERG/i;

/**
 * A Project Gutenberg HTML edition (`#pg-header` and `#pg-footer` sections, or the START line of
 * older editions): the whole body is read, so parse/gutenberg.ts finds the frame in its lines and
 * reports what it removes, and the chapters stay together whatever `<div>`s hold them.
 */
function gutenbergShape(doc: Document): PageStory | undefined {
  const marked = findFirst(doc, (el) => el.attribs['id'] === 'pg-header' || hasClass(el, 'pg-boilerplate'));
  const body = findFirst(doc, (el) => el.name === 'body') ?? doc;
  if (!marked && !GUTENBERG_START.test(textOf(body))) return undefined;
  return {
    found: 'the body of a Project Gutenberg HTML edition',
    parts: [{ body, exclude: findAll(body, (el) => NOT_STORY.has(el.name)) }],
    fields: [],
  };
}
