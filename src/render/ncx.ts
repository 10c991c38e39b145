import type { Book } from '../model/book.js';
import { sameLanguage } from './story-language.js';
import type { TocEntry } from './toc-tree.js';
import { xmlDocument, type XmlNode } from './xml.js';

const NCX_NS = 'http://www.daisy.org/z3986/2005/ncx/';

/** toc.ncx, the EPUB 2 table of contents that older readers and Kindle conversion still read. */
export function renderNcx(book: Book, identifier: string, toc: readonly TocEntry[]): string {
  const document = xmlDocument(NCX_NS, 'ncx', { version: '2005-1', 'xml:lang': book.language });
  const ncx = document.root;
  const head = ncx.ele('head');
  const meta = (name: string, content: string): void => void head.ele('meta', { name, content });
  meta('dtb:uid', identifier);
  meta('dtb:depth', String(depth(toc)));
  meta('dtb:totalPageCount', '0');
  meta('dtb:maxPageNumber', '0');
  ncx.ele('docTitle').ele('text').txt(book.title);
  for (const author of book.authors) ncx.ele('docAuthor').ele('text').txt(author);
  const navMap = ncx.ele('navMap');
  let playOrder = 0;
  const appendPoints = (parent: XmlNode, entries: readonly TocEntry[]): void => {
    for (const entry of entries) {
      playOrder++;
      const point = parent.ele('navPoint', { id: `nav-${playOrder}`, playOrder: String(playOrder) });
      // NCX has no inheritance of xml:lang through navPoints: each label says its own when it differs.
      const language: Record<string, string> = sameLanguage(entry.language, book.language)
        ? {}
        : { 'xml:lang': entry.language };
      point.ele('navLabel', language).ele('text').txt(entry.label);
      point.ele('content', { src: entry.href });
      appendPoints(point, entry.children);
    }
  };
  appendPoints(navMap, toc);
  return document.end({ prettyPrint: true });
}

function depth(entries: readonly TocEntry[]): number {
  return entries.reduce((max, e) => Math.max(max, 1 + depth(e.children)), 0);
}
