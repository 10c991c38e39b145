import type { Document, Element } from 'domhandler';
import { findAll, findFirst, hasClass, isElement, nextElement, textOf } from './html-dom.js';
import type { PageField, PageStory, StoryPart } from './html-sites.js';

/**
 * The HTML files story downloaders write: a title page or info block (Author, Status, Published,
 * Updated, Words, Chapters, source address) read as fields, a table of contents left out (the
 * book makes its own), and each chapter's text under its heading.
 */

const field = (key: string, value: string, element: Element): PageField[] =>
  value.trim() === '' ? [] : [{ key, value: value.replace(/\s+/g, ' ').trim(), element }];

/**
 * FanFicFare's HTML: `<h1><a href=URL>Title</a> by <a>Author</a></h1>`, a `table.full` of
 * `<b>Label:</b>` rows, a table of contents under `a[name=TOCTOP]`, then each chapter after an
 * `<a name="section0001"><h2>Title</h2></a>` anchor.
 */
export function fanficfareShape(doc: Document): PageStory | undefined {
  const anchors = findAll(doc, (el) => el.name === 'a' && /^section\d+$/.test(el.attribs['name'] ?? ''));
  const page = anchors[0]?.parent;
  if (!page || !isElement(page) || anchors.some((a) => a.parent !== page)) return undefined;
  const fields: PageField[] = [];
  const h1 = findFirst(page, (el) => el.name === 'h1');
  if (h1) {
    const [titleLink, ...authorLinks] = findAll(h1, (el) => el.name === 'a');
    const [, title = textOf(h1), author = ''] = /^(.*)\s+by\s+(.*?)$/.exec(textOf(h1)) ?? [];
    fields.push(...field('Title', titleLink ? textOf(titleLink) : title, h1));
    // One link per co-author, joined as an EPUB's creators are (' & ').
    fields.push(...field('Author', authorLinks.length > 0 ? authorLinks.map(textOf).join(' & ') : author, h1));
    if (titleLink?.attribs['href']) fields.push(...field('Source', titleLink.attribs['href'], titleLink));
  }
  const table = findFirst(page, (el) => el.name === 'table');
  for (const row of table ? findAll(table, (el) => el.name === 'tr') : []) {
    const [label, value] = findAll(row, (el) => el.name === 'td');
    if (label && value) fields.push(...field(textOf(label).replace(/:$/, ''), textOf(value), value));
  }
  const siblings = page.children.filter(isElement);
  const parts = anchors.map((anchor, index): StoryPart => {
    const from = siblings.indexOf(anchor);
    const to = index + 1 < anchors.length ? siblings.indexOf(anchors[index + 1] as Element) : siblings.length;
    const title = findFirst(anchor, (el) => /^h\d$/.test(el.name)) ?? anchor;
    return {
      body: page,
      exclude: siblings.filter((_, i) => i <= from || i >= to),
      heading: { text: textOf(title), element: title },
    };
  });
  // Its title page may show the story's cover: not kept from a saved page, so said.
  const firstPart = siblings.indexOf(anchors[0] as Element);
  const leftOut = siblings
    .slice(0, firstPart)
    .flatMap((el) => (el.name === 'img' ? [el] : findAll(el, (e) => e.name === 'img')))
    .map((element) => ({ element, what: "the download's cover picture, as no picture of a saved page is kept" }));
  return { found: 'section anchors (a FanFicFare HTML file)', parts, fields, leftOut };
}

/**
 * FicHub's HTML: `span.title` and `span.author`, the description, `Key: value` paragraphs
 * ("Original source:", "Chapters:", "Words:"), a `nav#contents-list`, then each chapter in a
 * `div#chap_N` with its previous/next links.
 */
export function fichubShape(doc: Document): PageStory | undefined {
  const contents = findFirst(doc, (el) => el.name === 'nav' && el.attribs['id'] === 'contents-list');
  const chapters = findAll(doc, (el) => el.name === 'div' && /^chap_\d+$/.test(el.attribs['id'] ?? ''));
  if (!contents || chapters.length === 0) return undefined;
  const fields: PageField[] = [];
  const title = findFirst(doc, (el) => el.name === 'span' && hasClass(el, 'title'));
  const author = findFirst(doc, (el) => el.name === 'span' && hasClass(el, 'author'));
  if (title) fields.push(...field('Title', textOf(title), title));
  if (author) fields.push(...field('Author', textOf(author), author));
  const byline = author && author.parent && isElement(author.parent) ? author.parent : undefined;
  const description = byline && nextElement(byline);
  if (description?.name === 'div') fields.push(...field('Summary', textOf(description), description));
  // The info block: `Key: value` paragraphs, several to a line joined by " - ".
  for (const p of findAll(doc, (el) => el.name === 'p' && el.parent === contents.parent)) {
    const link = findFirst(p, (el) => el.name === 'a');
    if (/^original source:/i.test(textOf(p)) && link) fields.push(...field('Source', link.attribs['href'] ?? '', p));
    else if (!/^exported with/i.test(textOf(p))) fields.push(...keyValues(p));
  }
  const entries = new Map(
    findAll(contents, (el) => el.name === 'a').map((a) => [(a.attribs['href'] ?? '').replace(/^#/, ''), a]),
  );
  const parts = chapters.map((chapter): StoryPart => {
    const entry = entries.get(chapter.attribs['id'] as string);
    return {
      body: chapter,
      exclude: findAll(chapter, (el) => hasClass(el, 'chapter_nav')),
      ...(entry ? { heading: { text: textOf(entry), element: entry } } : {}),
    };
  });
  return { found: 'div#chap_N chapters (a FicHub HTML file)', parts, fields };
}

function keyValues(p: Element): PageField[] {
  const pieces = textOf(p).split(/\s+-\s+/);
  const pairs = pieces.map((piece) => /^([A-Z][\w ]{0,23}):\s*(.+)$/.exec(piece));
  // A line that is not all `Key: value` is kept whole, so nothing it says is lost.
  if (pairs.some((m) => m === null)) return field('Details', textOf(p), p);
  return pairs.flatMap((m) => field((m as RegExpExecArray)[1] as string, (m as RegExpExecArray)[2] as string, p));
}
