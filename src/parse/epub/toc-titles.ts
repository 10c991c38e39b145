import { findAll, findFirst, textOf } from '../formats/html-dom.js';
import { localName, parseXml, resolveHref, type ManifestItem } from './package.js';

/**
 * The title the table of contents gives each document (its first entry pointing there): EPUB 3's
 * `nav epub:type="toc"`, or EPUB 2's NCX `navPoint`s. A chapter keeps the name the book's own
 * contents gave it, which is often better than its heading (or there is no heading at all).
 */
export function tocTitles(
  archive: ReadonlyMap<string, Uint8Array>,
  toc: ManifestItem | undefined,
): Map<string, string> {
  const titles = new Map<string, string>();
  const bytes = toc ? archive.get(toc.path) : undefined;
  if (!toc || !bytes) return titles;
  const doc = parseXml(bytes);
  const add = (href: string | undefined, title: string): void => {
    const target = href === undefined ? undefined : resolveHref(toc.path, href);
    if (target !== undefined && title !== '' && !titles.has(target)) titles.set(target, title);
  };
  if (toc.properties.includes('nav')) {
    const nav =
      findFirst(doc, (el) => localName(el) === 'nav' && /\btoc\b/.test(el.attribs['epub:type'] ?? '')) ??
      findFirst(doc, (el) => localName(el) === 'nav');
    for (const link of nav ? findAll(nav, (el) => localName(el) === 'a') : []) add(link.attribs['href'], textOf(link));
    return titles;
  }
  for (const point of findAll(doc, (el) => localName(el) === 'navpoint')) {
    const label = findFirst(point, (el) => localName(el) === 'text');
    const content = findFirst(point, (el) => localName(el) === 'content');
    if (label && content) add(content.attribs['src'], textOf(label));
  }
  return titles;
}
