import type { Document, Element } from 'domhandler';
import { elements, textOf } from './html-dom.js';
import type { PageField } from './html-sites.js';

interface HeadField {
  key: string;
  is: (el: Element) => boolean;
  value: (el: Element) => string | undefined;
}

const content = (el: Element): string | undefined => el.attribs['content'];
const namedMeta =
  (name: string) =>
  (el: Element): boolean =>
    el.name === 'meta' && (el.attribs['name'] ?? el.attribs['property'])?.toLowerCase() === name;

// Page-wide metadata, in order of trust: the first that says something fills its key.
const HEAD_FIELDS: readonly HeadField[] = [
  { key: 'Title', is: (el) => el.name === 'meta' && el.attribs['property'] === 'og:title', value: content },
  { key: 'Title', is: (el) => el.name === 'title', value: (el) => pageTitle(textOf(el)) },
  { key: 'Author', is: namedMeta('author'), value: content },
  { key: 'Summary', is: namedMeta('description'), value: content },
  { key: 'Summary', is: namedMeta('og:description'), value: content },
  { key: 'Rating', is: namedMeta('rating'), value: content },
];

/**
 * The site's own fields, then the page's title, author, summary and rating (`og:title`,
 * `<title>`, `<meta>`) where those say nothing: the same for a full read (html.ts) and for the
 * quick look at a file's facts (page-facts.ts). One walk over the page finds them all.
 */
export function withPageMeta(doc: Document, siteFields: readonly PageField[]): PageField[] {
  const found: Array<Element | undefined> = HEAD_FIELDS.map(() => undefined);
  let missing = HEAD_FIELDS.length;
  for (const el of elements(doc)) {
    HEAD_FIELDS.forEach((field, i) => {
      if (found[i] === undefined && field.is(el)) {
        found[i] = el;
        missing--;
      }
    });
    if (missing === 0) break;
  }
  const fields = [...siteFields];
  HEAD_FIELDS.forEach((field, i) => {
    const element = found[i];
    const value = element && field.value(element);
    if (element && value && value.trim() !== '' && !fields.some((f) => f.key === field.key))
      fields.push({ key: field.key, value: value.replace(/\s+/g, ' ').trim(), element });
  });
  return fields;
}

/** `Story Name | Site Name` → `Story Name`. */
function pageTitle(text: string): string {
  return (text.split(/\s+[|»]\s+/)[0] ?? text).replace(/\s*\[Archive of Our Own\]\s*$/, '').trim();
}
