import type { Book } from '../model/book.js';
import type { BookPlan } from './plan.js';
import { languageAttributes } from './story-language.js';
import type { TocEntry } from './toc-tree.js';
import { xhtmlDocument } from './xhtml.js';
import type { XmlNode } from './xml.js';

/** nav.xhtml: the nested table of contents and the landmarks readers use for "go to start". */
export function renderNav(book: Book, plan: BookPlan, toc: readonly TocEntry[]): string {
  return xhtmlDocument({ title: book.title, language: book.language, stylesheet: 'style.css' }, (body) => {
    const nav = body.ele('nav', { 'epub:type': 'toc', role: 'doc-toc', id: 'toc' });
    nav.ele('h1').txt('Contents');
    appendList(nav, toc, book.language);

    const landmarks = body.ele('nav', { 'epub:type': 'landmarks', hidden: 'hidden' });
    landmarks.ele('h2').txt('Landmarks');
    const list = landmarks.ele('ol');
    const landmark = (type: string, href: string, label: string): void => {
      list.ele('li').ele('a', { 'epub:type': type, href }).txt(label);
    };
    const cover = plan.documents.find((d) => d.kind === 'cover');
    if (cover) landmark('cover', cover.href, 'Cover');
    const titlePage = plan.documents.find((d) => d.kind === 'title-page');
    if (titlePage) landmark('titlepage', titlePage.href, 'Title Page');
    const start = plan.documents.find((d) => d.kind === 'chapter');
    if (start) landmark('bodymatter', start.href, 'Start of Content');
  });
}

/** Nested lists of links; an entry in another language than the list around it says which. */
function appendList(parent: XmlNode, entries: readonly TocEntry[], language: string): void {
  const list = parent.ele('ol');
  for (const entry of entries) {
    const item = list.ele('li', languageAttributes(entry.language, language));
    item.ele('a', { href: entry.href }).txt(entry.label);
    if (entry.children.length > 0) appendList(item, entry.children, entry.language);
  }
}
