import type { Document, Element } from '@xmldom/xmldom';
import { diagnostic, type Diagnostic } from '../diagnostics/diagnostic.js';
import { elements, NS, position, resolveHref, type BookView } from './book-view.js';

/**
 * What Send to Kindle and other readers reject although EPUBCheck lets it pass (or only warns).
 * Each rule is a pure function of the unzipped book.
 */
export type ReaderRule = (book: BookView) => Diagnostic[];

/** `book.epub/EPUB/text/c1.xhtml`: the book, then the entry inside it. */
export function entryFile(book: BookView, entry?: string): string {
  return entry === undefined ? book.path : `${book.path}/${entry}`;
}

const XML_DOCUMENT = /\.(?:xhtml|xht|html|htm|opf|ncx)$/i;
const XML_DECLARATION = /^<\?xml\s+version\s*=\s*(["'])[^"']*\1\s+encoding\s*=\s*(["'])[A-Za-z][\w.-]*\2/;

/** The zip's first local entry must be `mimetype`, stored (not compressed), so readers can sniff it. */
export function mimetypeFirstAndStored(book: BookView): Diagnostic[] {
  const bytes = book.raw;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const isEntry = bytes.length >= 30 && view.getUint32(0, true) === 0x04034b50;
  const name = isEntry ? new TextDecoder().decode(bytes.subarray(30, 30 + view.getUint16(26, true))) : undefined;
  if (name !== 'mimetype') {
    const first = name === undefined ? 'the file does not start with a zip entry' : `the first entry is "${name}"`;
    return [diagnostic('reader/mimetype', book.path, `mimetype must be the first entry in the zip, but ${first}`)];
  }
  if (view.getUint16(8, true) !== 0) {
    return [
      diagnostic(
        'reader/mimetype',
        entryFile(book, 'mimetype'),
        'mimetype is compressed; it must be stored uncompressed',
      ),
    ];
  }
  return [];
}

/** Every XHTML, OPF and NCX document opens with `<?xml version="1.0" encoding="UTF-8"?>`. */
export function xmlDeclaration(book: BookView): Diagnostic[] {
  return [...book.texts]
    .filter(([name, text]) => XML_DOCUMENT.test(name) && !XML_DECLARATION.test(text))
    .map(([name, text]) =>
      diagnostic(
        'reader/xml-declaration',
        entryFile(book, name),
        text.startsWith('<?xml')
          ? 'the XML declaration does not name the encoding'
          : 'the document does not start with an XML declaration naming its encoding',
        { line: 1, column: 1 },
      ),
    );
}

/** `dc:language` is present and a well-formed BCP 47 tag. */
export function languageTag(book: BookView): Diagnostic[] {
  if (!book.packageDocument || book.packagePath === undefined) return [];
  const file = entryFile(book, book.packagePath);
  const languages = elements(book.packageDocument, NS.dc, 'language');
  if (languages.length === 0) return [diagnostic('reader/language', file, 'the package document has no dc:language')];
  return languages
    .filter((element) => !isLanguageTag((element.textContent ?? '').trim()))
    .map((element) =>
      diagnostic(
        'reader/language',
        file,
        `dc:language "${(element.textContent ?? '').trim()}" is not a BCP 47 language tag`,
        position(element),
      ),
    );
}

function isLanguageTag(tag: string): boolean {
  try {
    return Intl.getCanonicalLocales(tag).length === 1;
  } catch {
    return false;
  }
}

/** No file inside the book has a space (or other white space) in its name. */
export function noSpacesInFileNames(book: BookView): Diagnostic[] {
  return book.entries
    .filter((name) => /\s/.test(name))
    .map((name) =>
      diagnostic(
        'reader/file-name-space',
        entryFile(book, name),
        'the file name contains a space, which some readers and Send to Kindle reject',
      ),
    );
}

/** Every `img` names its image (`src`) and has alternative text (`alt`, which may be empty). */
export function imagesHaveSrcAndAlt(book: BookView): Diagnostic[] {
  return xhtmlDocuments(book).flatMap(([name, doc]) =>
    Array.from(doc.getElementsByTagName('img')).flatMap((img) => {
      const missing = [
        !img.getAttribute('src') ? 'src' : undefined,
        !img.hasAttribute('alt') ? 'alt' : undefined,
      ].filter((a) => a !== undefined);
      if (missing.length === 0) return [];
      return [
        diagnostic('reader/img-src-alt', entryFile(book, name), `img without ${missing.join(' and ')}`, position(img)),
      ];
    }),
  );
}

/** No link points at the id of a `body` element: some readers cannot follow it. */
export function noLinksToBody(book: BookView): Diagnostic[] {
  const bodyIds = new Map<string, string>();
  for (const [name, doc] of xhtmlDocuments(book)) {
    const id = doc.getElementsByTagName('body')[0]?.getAttribute('id');
    if (id) bodyIds.set(name, id);
  }
  if (bodyIds.size === 0) return [];
  const links: Array<[string, Element, string]> = [];
  for (const [name, doc] of xhtmlDocuments(book)) {
    for (const a of Array.from(doc.getElementsByTagName('a'))) links.push([name, a, a.getAttribute('href') ?? '']);
  }
  for (const [name, doc] of book.documents) {
    if (!/\.ncx$/i.test(name)) continue;
    for (const content of elements(doc, NS.ncx, 'content'))
      links.push([name, content, content.getAttribute('src') ?? '']);
  }
  return links.flatMap(([name, element, href]) => {
    const target = resolveHref(name, href);
    if (!target || target.fragment === '' || bodyIds.get(target.path) !== target.fragment) return [];
    return [
      diagnostic(
        'reader/link-to-body',
        entryFile(book, name),
        `the link "${href}" targets the body element of ${target.path}`,
        { ...position(element), facts: { fragment: target.fragment } },
      ),
    ];
  });
}

/**
 * The table of contents lists documents in reading order: each entry is a spine item, in spine
 * order. Each step back in the spine is reported once (an entry against the one before it).
 */
export function spineFollowsToc(book: BookView): Diagnostic[] {
  const toc = tocEntries(book);
  if (!toc) return [];
  const found: Diagnostic[] = [];
  let previous: { index: number; label: string } | undefined;
  for (const entry of toc.entries) {
    const target = entry.href === '' ? undefined : resolveHref(toc.path, entry.href);
    if (!target) continue;
    const where = position(entry.element);
    const index = book.spine.indexOf(target.path);
    if (index === -1) {
      found.push(
        diagnostic(
          'reader/spine-order',
          entryFile(book, toc.path),
          `contents entry "${entry.label}" links to ${target.path}, which is not in the spine`,
          where,
        ),
      );
      continue;
    }
    if (previous && index < previous.index) {
      found.push(
        diagnostic(
          'reader/spine-order',
          entryFile(book, toc.path),
          `contents entry "${entry.label}" comes after "${previous.label}", but ${target.path} comes before that in the spine`,
          where,
        ),
      );
    }
    previous = { index, label: entry.label };
  }
  return found;
}

interface TocEntry {
  href: string;
  label: string;
  element: Element;
}

/** The EPUB 3 nav's toc links, in document order; the NCX's when there is no nav (EPUB 2). */
function tocEntries(book: BookView): { path: string; entries: TocEntry[] } | undefined {
  const navPath = book.manifest.find((item) => item.properties.includes('nav'))?.path;
  const nav = navPath === undefined ? undefined : book.documents.get(navPath);
  if (navPath !== undefined && nav) {
    const toc = Array.from(nav.getElementsByTagName('nav')).find((n) =>
      (n.getAttributeNS(NS.ops, 'type') ?? '').split(/\s+/).includes('toc'),
    );
    if (!toc) return undefined;
    const entries = Array.from(toc.getElementsByTagName('a')).map((a) => ({
      href: a.getAttribute('href') ?? '',
      label: squash(a.textContent),
      element: a,
    }));
    return { path: navPath, entries };
  }
  const ncxPath = book.manifest.find((item) => item.mediaType === 'application/x-dtbncx+xml')?.path;
  const ncx = ncxPath === undefined ? undefined : book.documents.get(ncxPath);
  if (ncxPath === undefined || !ncx) return undefined;
  const entries = elements(ncx, NS.ncx, 'navPoint').flatMap((point) => {
    const content = Array.from(point.childNodes).find((n): n is Element => n.nodeName === 'content');
    const label = elements(point, NS.ncx, 'text')[0]?.textContent;
    return content ? [{ href: content.getAttribute('src') ?? '', label: squash(label), element: content }] : [];
  });
  return { path: ncxPath, entries };
}

function squash(text: string | null | undefined): string {
  return (text ?? '').replace(/\s+/g, ' ').trim();
}

function xhtmlDocuments(book: BookView): Array<[string, Document]> {
  return [...book.documents].filter(([name]) => /\.(?:xhtml|xht|html|htm)$/i.test(name));
}

export const READER_RULES: readonly ReaderRule[] = [
  mimetypeFirstAndStored,
  xmlDeclaration,
  languageTag,
  noSpacesInFileNames,
  imagesHaveSrcAndAlt,
  noLinksToBody,
  spineFollowsToc,
];

/** Every reader rule over one book. */
export function runReaderRules(book: BookView): Diagnostic[] {
  return READER_RULES.flatMap((rule) => rule(book));
}
