import type { AnyNode, Document, Element } from 'domhandler';
import { parseDocument } from 'htmlparser2';
import { readAo3Preface } from '../formats/ao3-download.js';
import { elements, findFirst, hasClass, textOf } from '../formats/html-dom.js';
import { lineLocator } from '../formats/format.js';
import type { HeaderField } from '../header.js';
import type { EpubPackage, ManifestItem } from './package.js';

/** What a page of an EPUB that is not a chapter is, in words for its diagnostic. */
export type FrontMatterKind = 'navigation' | 'cover' | 'title page' | 'contents' | 'update log' | 'preface';

/** FanFicFare marks its pages by body class; calibre and others by file name. */
const BY_CLASS: ReadonlyArray<[string, FrontMatterKind]> = [
  ['fff_titlepage', 'title page'],
  ['fff_tocpage', 'contents'],
  ['fff_logpage', 'update log'],
  ['fff_coverpage', 'cover'],
];
const BY_NAME: ReadonlyArray<[RegExp, FrontMatterKind]> = [
  [/(?:^|\/)title_?page\.x?html?$/i, 'title page'],
  [/(?:^|\/)toc_?page\.x?html?$/i, 'contents'],
  [/(?:^|\/)log_?page\.x?html?$/i, 'update log'],
  [/(?:^|\/)cover\.x?html?$/i, 'cover'],
];

/**
 * Whether a spine document is one of the book's own pages rather than the story: its navigation,
 * cover, title page (FanFicFare's info block), contents, update log or AO3's preface. The story's
 * metadata is read from them; a chapter is never made of them.
 */
export function frontMatterKind(
  item: ManifestItem,
  doc: Document,
  epub: EpubPackage,
  storyStarted = false,
): FrontMatterKind | undefined {
  if (item.properties.includes('nav')) return 'navigation';
  if (item.path === epub.coverPage) return 'cover';
  const body = findFirst(doc, (el) => el.name === 'body');
  const byClass = BY_CLASS.find(([name]) => body !== undefined && hasClass(body, name));
  if (byClass) return byClass[1];
  const byName = BY_NAME.find(([pattern]) => pattern.test(item.path));
  if (byName) return byName[1];
  // AO3's download: a preface (title, tags, summary, notes) with none of the work's text.
  const preface = findFirst(doc, (el) => el.attribs['id'] === 'preface');
  if (preface && !findFirst(doc, (el) => hasClass(el, 'userstuff') && !inside(el, preface) && !inNotes(el)))
    return 'preface';
  // A page with an image and no words before the story is a cover; after its first chapter, an
  // illustration of the story, kept at its place (epub-story.ts).
  const image = findFirst(doc, (el) => el.name === 'img' || el.name === 'image' || el.name === 'svg');
  if (image && textOf(body ?? doc) === '' && !storyStarted) return 'cover';
  return undefined;
}

function inside(el: Element, ancestor: Element): boolean {
  for (let node = el.parent; node; node = node.parent) if (node === ancestor) return true;
  return false;
}

function inNotes(el: Element): boolean {
  for (let node = el.parent; node; node = node.parent) {
    if ((node as AnyNode).type === 'tag' && /\b(?:summary|notes)\b/.test((node as Element).attribs['class'] ?? ''))
      return true;
  }
  return false;
}

/**
 * The labelled facts of a front-matter page as header fields: FanFicFare's `<b>Label:</b> value<br/>`
 * (or its table form), AO3's `<dt>Label:</dt><dd>value</dd>`, and a short label paragraph before
 * a blockquote (AO3's "Summary" and "Notes").
 */
export function frontMatterFields(text: string, doc = parseDocument(text, { withStartIndices: true })): HeaderField[] {
  const lineOf = lineLocator(text);
  const fields: HeaderField[] = [];
  const add = (label: string, value: string, el: Element): void => {
    const key = label.replace(/:\s*$/, '').replace(/\s+/g, ' ').trim();
    const clean = value.replace(/\s+/g, ' ').trim();
    if (key !== '' && key.length <= 40 && clean !== '')
      fields.push({ key, value: clean, line: lineOf(el.startIndex ?? 0) });
  };
  for (const el of elements(doc)) {
    if ((el.name === 'b' || el.name === 'strong') && /:\s*$/.test(textOf(el))) {
      const cell = el.parent && (el.parent as Element).name === 'td' ? (el.parent as Element) : undefined;
      const value = cell && textOf(cell) === textOf(el) ? nextCellText(cell) : textUntilBreak(el);
      add(textOf(el), value, el);
    } else if (el.name === 'dt') {
      const dd = nextElement(el);
      if (dd?.name === 'dd' && !findFirst(dd, (e) => e.name === 'dl')) add(textOf(el), textOf(dd), el);
    } else if (el.name === 'blockquote') {
      const label = previousElement(el);
      if (label && /^(?:p|h\d|div)$/.test(label.name) && /^[\w ]{1,30}:?$/.test(textOf(label)))
        add(textOf(label), textOf(el), label);
    }
  }
  return fields;
}

/**
 * AO3's preface page, read as the preface of its HTML download is: tags by their header keys,
 * the series, and the stats one by one (Published, Words, Chapters), not as one line.
 */
export function ao3PrefaceFields(text: string, doc = parseDocument(text, { withStartIndices: true })): HeaderField[] {
  const lineOf = lineLocator(text);
  const preface = findFirst(doc, (el) => el.attribs['id'] === 'preface');
  return (preface ? readAo3Preface(preface) : []).map(({ key, value, element }) => ({
    key,
    value,
    line: lineOf(element.startIndex ?? 0),
  }));
}

/** The text after a label, up to the next line break or label. */
function textUntilBreak(label: Element): string {
  const parts: string[] = [];
  for (let node = label.next; node; node = node.next) {
    if (node.type === 'tag' && ((node as Element).name === 'br' || /^(?:b|strong)$/.test((node as Element).name)))
      break;
    parts.push(node.type === 'text' ? (node as { data: string }).data : textOf(node as Element));
  }
  return parts.join('');
}

function nextCellText(cell: Element): string {
  const next = nextElement(cell);
  return next ? textOf(next) : '';
}

function nextElement(el: Element): Element | undefined {
  for (let node = el.next; node; node = node.next) if (node.type === 'tag') return node as Element;
  return undefined;
}

function previousElement(el: Element): Element | undefined {
  for (let node = el.prev; node; node = node.prev) if (node.type === 'tag') return node as Element;
  return undefined;
}
