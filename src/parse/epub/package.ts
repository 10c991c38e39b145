import type { Document, Element } from 'domhandler';
import { parseDocument } from 'htmlparser2';
import { diagnostic, type Diagnostic } from '../../diagnostics/diagnostic.js';
import { decodeText } from '../../read/decode.js';
import { findAll, findFirst, textOf } from '../formats/html-dom.js';
import { lineLocator } from '../formats/format.js';
import type { HeaderField } from '../header.js';

/** An item of the manifest: a file of the book, by its path inside the zip. */
export interface ManifestItem {
  path: string;
  mediaType: string;
  properties: string[];
}

/** What the package document (OPF) of an EPUB says: its metadata as header fields, and its reading order. */
export interface EpubPackage {
  /** Path of the package document inside the zip (`OEBPS/content.opf`). */
  opfPath: string;
  /** dc:title, dc:creator… as the header fields a text file would give (metadata.ts reads them). */
  fields: HeaderField[];
  /** Spine documents in reading order (linear or not: a non-linear page is still the author's). */
  spine: ManifestItem[];
  /** The EPUB 3 navigation document, else the EPUB 2 NCX: where the chapters' titles are. */
  toc?: ManifestItem;
  /** The cover image: EPUB 3 `cover-image`, else EPUB 2 `<meta name="cover">`. */
  coverImage?: ManifestItem;
  /** The cover page the guide names (EPUB 2), not a chapter. */
  coverPage?: string;
}

/** An EPUB's entries (path → bytes) → its package, or the diagnostics that say why it cannot be read. */
export function readEpubPackage(
  archive: ReadonlyMap<string, Uint8Array>,
  file: string,
): { epub?: EpubPackage; diagnostics: Diagnostic[] } {
  if (archive.has('META-INF/encryption.xml') && encryptsContent(archive)) {
    return {
      diagnostics: [
        diagnostic(
          'epub/encrypted',
          file,
          'its text is encrypted (DRM, META-INF/encryption.xml); ficbind cannot read it and made no book from it',
        ),
      ],
    };
  }
  const container = archive.get('META-INF/container.xml');
  const rootfile = container ? findFirst(parseXml(container), (el) => localName(el) === 'rootfile') : undefined;
  const opfPath = rootfile?.attribs['full-path'];
  const opfBytes = opfPath === undefined ? undefined : archive.get(opfPath);
  if (opfPath === undefined || opfBytes === undefined) {
    const what = container
      ? `its package document (${opfPath ?? 'no full-path in META-INF/container.xml'}) is not in it`
      : 'it has no META-INF/container.xml';
    return { diagnostics: [diagnostic('epub/no-package', file, `${what}; no book made from it`)] };
  }
  const opfText = decodeText(opfBytes, `${file}/${opfPath}`).text;
  const doc = parseXml(opfText);
  const lineOf = lineLocator(opfText);
  const manifest = new Map<string, ManifestItem>();
  for (const item of findAll(doc, (el) => localName(el) === 'item')) {
    const { id, href } = item.attribs;
    if (id === undefined || href === undefined) continue;
    manifest.set(id, {
      path: resolveHref(opfPath, href),
      mediaType: item.attribs['media-type'] ?? '',
      properties: (item.attribs['properties'] ?? '').split(/\s+/).filter(Boolean),
    });
  }
  const items = [...manifest.values()];
  const spineElement = findFirst(doc, (el) => localName(el) === 'spine');
  const spine = findAll(doc, (el) => localName(el) === 'itemref')
    .map((ref) => manifest.get(ref.attribs['idref'] ?? ''))
    .filter((item): item is ManifestItem => item !== undefined);
  const nav = items.find((item) => item.properties.includes('nav'));
  const ncx = manifest.get(spineElement?.attribs['toc'] ?? '') ?? items.find((i) => i.mediaType.includes('dtbncx'));
  const coverMeta = findFirst(doc, (el) => localName(el) === 'meta' && el.attribs['name'] === 'cover');
  const coverImage =
    items.find((item) => item.properties.includes('cover-image')) ?? manifest.get(coverMeta?.attribs['content'] ?? '');
  const guideCover = findFirst(doc, (el) => localName(el) === 'reference' && el.attribs['type'] === 'cover');
  const epub: EpubPackage = {
    opfPath,
    fields: metadataFields(doc, (el) => lineOf(el.startIndex ?? 0)),
    spine,
    ...((nav ?? ncx) ? { toc: (nav ?? ncx) as ManifestItem } : {}),
    ...(coverImage ? { coverImage } : {}),
    ...(guideCover?.attribs['href'] ? { coverPage: resolveHref(opfPath, guideCover.attribs['href']) } : {}),
  };
  return { epub, diagnostics: [] };
}

/** Font obfuscation (IDPF, Adobe) also lives in encryption.xml and hides no text; anything else is DRM. */
function encryptsContent(archive: ReadonlyMap<string, Uint8Array>): boolean {
  const doc = parseXml(archive.get('META-INF/encryption.xml') as Uint8Array);
  const fontOnly = /^http:\/\/(?:www\.idpf\.org\/2008\/embedding|ns\.adobe\.com\/pdf\/enc#RC)$/;
  return findAll(doc, (el) => localName(el) === 'encryptionmethod').some(
    (method) => !fontOnly.test(method.attribs['Algorithm'] ?? method.attribs['algorithm'] ?? ''),
  );
}

/**
 * The package's metadata as header fields, named as a text file's header would name them, so one
 * reading (metadata.ts) makes a story's metadata from any input. Series: calibre's EPUB 2 meta or
 * EPUB 3 `belongs-to-collection` with its `group-position`.
 */
function metadataFields(doc: Document, lineOf: (el: Element) => number): HeaderField[] {
  const metadata = findFirst(doc, (el) => localName(el) === 'metadata') ?? doc;
  const fields: HeaderField[] = [];
  const add = (key: string, value: string, el: Element): void => {
    const text = value.replace(/\s+/g, ' ').trim();
    if (text !== '') fields.push({ key, value: text, line: lineOf(el) });
  };
  const dc = (name: string): Element[] => findAll(metadata, (el) => el.name.toLowerCase() === `dc:${name}`);
  const meta = (name: string): Element | undefined =>
    findFirst(metadata, (el) => localName(el) === 'meta' && el.attribs['name'] === name);
  for (const el of dc('title').slice(0, 1)) add('Title', textOf(el), el);
  const creators = dc('creator').filter((el) => /^(?:aut)?$/.test(creatorRole(el, metadata)));
  if (creators[0]) add('Author', creators.map((el) => textOf(el)).join(' & '), creators[0]);
  for (const el of dc('description').slice(0, 1)) add('Summary', descriptionText(textOf(el)), el);
  for (const el of dc('language').slice(0, 1)) add('Language', textOf(el), el);
  const subjects = dc('subject');
  if (subjects[0]) add('Tags', subjects.map((el) => textOf(el)).join(', '), subjects[0]);
  const date = dc('date').find((el) => /publication/i.test(el.attribs['opf:event'] ?? '')) ?? dc('date')[0];
  // calibre writes 0101-01-01 for "no date".
  if (date && !textOf(date).startsWith('0101')) add('Published', textOf(date).slice(0, 10), date);
  const source = [...dc('source'), ...dc('identifier')].find((el) => /^(?:URL:)?https?:\/\//i.test(textOf(el)));
  if (source) add('Source', textOf(source).replace(/^URL:/i, ''), source);
  const series = seriesOf(metadata, meta);
  if (series) add('Series', series.value, series.element);
  return fields;
}

/** EPUB 2 `opf:role`, or the EPUB 3 `role` meta refining the creator; '' when none is said. */
function creatorRole(creator: Element, metadata: Element | Document): string {
  const role = creator.attribs['opf:role'];
  if (role !== undefined) return role;
  const id = creator.attribs['id'];
  const refine =
    id === undefined
      ? undefined
      : findFirst(metadata, (el) => el.attribs['refines'] === `#${id}` && el.attribs['property'] === 'role');
  return refine ? textOf(refine) : '';
}

function seriesOf(
  metadata: Element | Document,
  meta: (name: string) => Element | undefined,
): { value: string; element: Element } | undefined {
  const calibre = meta('calibre:series');
  if (calibre?.attribs['content']) {
    const index = meta('calibre:series_index')?.attribs['content'];
    return { value: seriesValue(calibre.attribs['content'], index), element: calibre };
  }
  const collection = findFirst(metadata, (el) => el.attribs['property'] === 'belongs-to-collection');
  if (!collection) return undefined;
  const id = collection.attribs['id'];
  const refine = (property: string): Element | undefined =>
    id === undefined
      ? undefined
      : findFirst(metadata, (el) => el.attribs['refines'] === `#${id}` && el.attribs['property'] === property);
  const type = refine('collection-type');
  // A collection that says it is a set (an anthology), not a series, orders nothing.
  if (type && textOf(type) !== 'series') return undefined;
  const position = refine('group-position');
  return { value: seriesValue(textOf(collection), position && textOf(position)), element: collection };
}

/** `Name, Part 2` as a Series header says it (series.ts); calibre writes the index as `2.0`. */
function seriesValue(name: string, index: string | undefined): string {
  const part = index === undefined ? NaN : Number(index);
  return Number.isInteger(part) && part > 0 ? `${name.trim()}, Part ${part}` : name.trim();
}

/** A description often holds escaped HTML: its text only, paragraphs kept apart by a space. */
function descriptionText(value: string): string {
  return /<[a-z][^>]*>/i.test(value) ? textOf(parseDocument(value)) : value;
}

export function parseXml(source: Uint8Array | string): Document {
  const text = typeof source === 'string' ? source : new TextDecoder().decode(source);
  return parseDocument(text, { xmlMode: true, withStartIndices: true, withEndIndices: true });
}

/** `dc:title` → `title`, lower case: EPUBs differ in prefixes and case. */
export function localName(el: Element): string {
  return (el.name.split(':').pop() ?? el.name).toLowerCase();
}

/** An href of a document at `from` → the path inside the zip it points to, without its fragment. */
export function resolveHref(from: string, href: string): string {
  const target = safeDecode(href.split('#')[0] ?? '');
  const parts = from.split('/').slice(0, -1);
  for (const part of target.split('/')) {
    if (part === '..') parts.pop();
    else if (part !== '.' && part !== '') parts.push(part);
  }
  return parts.join('/');
}

function safeDecode(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}
