import type { Book } from '../model/book.js';
import { renderContainer } from './container.js';
import type { EpubFile } from '../model/epub.js';
import { describeAccessibility } from './accessibility.js';
import { renderChapter } from './chapter.js';
import { readContentFacts } from './content-facts.js';
import { renderCoverPage } from './cover-page.js';
import { renderDisclaimer, renderSummary, renderTitlePage } from './front-matter.js';
import { renderNav } from './nav.js';
import { renderNcx } from './ncx.js';
import { renderPackageDocument, type ManifestItem } from './package-document.js';
import { planBook, type PlannedDocument } from './plan.js';
import { storyLanguage } from './story-language.js';
import { STYLESHEET } from './stylesheet.js';
import { tocTree } from './toc-tree.js';

const ROOT = 'EPUB';
const XHTML = 'application/xhtml+xml';

/** Book → every file of the EPUB, in the order they are packed. Pure: no file system, no clock. */
export function renderBook(book: Book): EpubFile[] {
  const plan = planBook(book);
  const { identifier } = book;
  const toc = tocTree(book, plan);
  const coverHref = book.cover ? `images/cover.${book.cover.mediaType === 'image/png' ? 'png' : 'jpg'}` : undefined;

  const items: ManifestItem[] = [
    { id: 'nav', href: 'nav.xhtml', mediaType: XHTML, properties: 'nav' },
    { id: 'ncx', href: 'toc.ncx', mediaType: 'application/x-dtbncx+xml' },
    { id: 'style', href: 'style.css', mediaType: 'text/css' },
  ];
  if (book.cover && coverHref)
    items.push({ id: 'cover-image', href: coverHref, mediaType: book.cover.mediaType, properties: 'cover-image' });
  items.push(...plan.images.map((i) => ({ id: i.id, href: i.href, mediaType: i.mediaType })));
  items.push(...plan.documents.map((d) => ({ id: d.id, href: d.href, mediaType: XHTML })));

  // The package document is written last: its accessibility metadata describes the other files.
  const content: EpubFile[] = [
    { path: `${ROOT}/nav.xhtml`, data: renderNav(book, plan, toc) },
    { path: `${ROOT}/toc.ncx`, data: renderNcx(book, identifier, toc) },
    { path: `${ROOT}/style.css`, data: STYLESHEET },
  ];
  if (book.cover && coverHref) content.push({ path: `${ROOT}/${coverHref}`, data: book.cover.data });
  for (const image of plan.images) content.push({ path: `${ROOT}/${image.href}`, data: image.data });
  for (const document of plan.documents) {
    content.push({ path: `${ROOT}/${document.href}`, data: renderDocument(book, document, coverHref) });
  }
  const accessibility = describeAccessibility(readContentFacts(content));
  return [
    { path: 'mimetype', data: 'application/epub+zip' },
    { path: 'META-INF/container.xml', data: renderContainer(`${ROOT}/package.opf`) },
    { path: `${ROOT}/package.opf`, data: renderPackageDocument(book, plan, identifier, items, accessibility) },
    ...content,
  ];
}

function renderDocument(book: Book, document: PlannedDocument, coverHref: string | undefined): string {
  const { story, chapter } = document;
  switch (document.kind) {
    case 'cover':
      return renderCoverPage(book, `../${coverHref}`);
    case 'title-page':
      return renderTitlePage(book, story!, document.mark);
    case 'disclaimer':
      return renderDisclaimer(book, story!);
    case 'summary':
      return renderSummary(book, story!);
    case 'chapter':
      return renderChapter(book, chapter!, document.label, document.mark, storyLanguage(book, story!), document.images);
  }
}
