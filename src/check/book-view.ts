import path from 'node:path';
import { DOMParser, type Document, type Element } from '@xmldom/xmldom';
import type { EpubContents } from './read-epub.js';

export const NS = {
  opf: 'http://www.idpf.org/2007/opf',
  dc: 'http://purl.org/dc/elements/1.1/',
  xhtml: 'http://www.w3.org/1999/xhtml',
  ops: 'http://www.idpf.org/2007/ops',
  ncx: 'http://www.daisy.org/z3986/2005/ncx/',
  container: 'urn:oasis:names:tc:opendocument:xmlns:container',
} as const;

export interface ManifestItem {
  id: string;
  /** Entry path inside the zip, resolved from the package document's href. */
  path: string;
  mediaType: string;
  properties: string[];
}

/** An unzipped book with its XML parsed and its package document read: what reader rules see. */
export interface BookView extends EpubContents {
  /** Parsed XML entries; a document that is not well-formed is absent (EPUBCheck reports it). */
  documents: Map<string, Document>;
  /** The package document's entry path, when container.xml names one that parses. */
  packagePath?: string;
  packageDocument?: Document;
  manifest: ManifestItem[];
  /** Entry paths of the spine's items, in reading order. */
  spine: string[];
}

/** Parses an unzipped book once, so each rule reads the same documents. Pure. */
export function viewBook(contents: EpubContents): BookView {
  const documents = new Map<string, Document>();
  for (const [name, text] of contents.texts) {
    const doc = parseXml(text);
    if (doc) documents.set(name, doc);
  }
  const container = documents.get('META-INF/container.xml');
  const rootfile = container ? elements(container, NS.container, 'rootfile')[0] : undefined;
  const packagePath = rootfile?.getAttribute('full-path') ?? undefined;
  const packageDocument = packagePath === undefined ? undefined : documents.get(packagePath);
  if (packagePath === undefined || packageDocument === undefined)
    return { ...contents, documents, manifest: [], spine: [] };

  const manifest = elements(packageDocument, NS.opf, 'item').flatMap((item): ManifestItem[] => {
    const target = resolveHref(packagePath, item.getAttribute('href') ?? '');
    if (!target) return [];
    return [
      {
        id: item.getAttribute('id') ?? '',
        path: target.path,
        mediaType: item.getAttribute('media-type') ?? '',
        properties: (item.getAttribute('properties') ?? '').split(/\s+/).filter(Boolean),
      },
    ];
  });
  const byId = new Map(manifest.map((item) => [item.id, item.path]));
  const spine = elements(packageDocument, NS.opf, 'itemref').flatMap(
    (ref) => byId.get(ref.getAttribute('idref') ?? '') ?? [],
  );
  return { ...contents, documents, packagePath, packageDocument, manifest, spine };
}

/** Parses XML, or gives undefined when it is not well-formed. */
export function parseXml(text: string): Document | undefined {
  let failed = false;
  try {
    const doc = new DOMParser({
      onError: (level) => {
        if (level !== 'warning') failed = true;
      },
    }).parseFromString(text, 'application/xml');
    return failed ? undefined : doc;
  } catch {
    return undefined;
  }
}

export function elements(doc: Document | Element, namespace: string, localName: string): Element[] {
  return Array.from(doc.getElementsByTagNameNS(namespace, localName));
}

/** A link's target inside the book: the entry path it points at and its fragment (both decoded). */
export interface LinkTarget {
  path: string;
  fragment: string;
}

/** Resolves `href` as written in entry `from`; undefined for links that leave the book. */
export function resolveHref(from: string, href: string): LinkTarget | undefined {
  if (/^[a-z][a-z0-9+.-]*:/i.test(href) || href.startsWith('//')) return undefined;
  const hash = href.indexOf('#');
  const fragment = hash === -1 ? '' : decode(href.slice(hash + 1));
  const target = decode((hash === -1 ? href : href.slice(0, hash)).replace(/\?.*$/, ''));
  if (target === '') return { path: from, fragment };
  const joined = path.posix.normalize(path.posix.join(path.posix.dirname(from), target));
  return { path: joined.replace(/^\/+/, ''), fragment };
}

function decode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

/** Where a node starts, for a diagnostic (xmldom records it while parsing). */
export function position(node: Element): { line?: number; column?: number } {
  return {
    ...(node.lineNumber === undefined ? {} : { line: node.lineNumber }),
    ...(node.columnNumber === undefined ? {} : { column: node.columnNumber }),
  };
}
