import JSZip from 'jszip';
import type { Document, Element } from '@xmldom/xmldom';
import { NS, elements, parseXml, resolveHref } from '../check/book-view.js';
import { decodeXml } from '../check/read-epub.js';
import type { ShelfBook } from '../model/shelf.js';

/** What a book says about itself in its package document: the part of a shelf entry the zip gives. */
export type BookMetadata = Pick<
  ShelfBook,
  'title' | 'authors' | 'language' | 'series' | 'subjects' | 'summary' | 'cover'
> & { identifier?: string; modified?: string };

/** Why a file could not be read as a book, in words for the user. */
export class UnreadableBook extends Error {}

/**
 * Reads the metadata of an EPUB from its bytes: only `META-INF/container.xml` and the package
 * document are inflated, never the chapters. Throws `UnreadableBook` for a file that is not a zip
 * or has no readable package document.
 */
export async function readBookMetadata(bytes: Uint8Array): Promise<BookMetadata> {
  const zip = await JSZip.loadAsync(bytes).catch(() => {
    throw new UnreadableBook('not an EPUB: it cannot be read as a zip archive');
  });
  const entryText = async (name: string): Promise<string | undefined> => {
    const bytes = await zip.file(name)?.async('uint8array');
    return bytes ? decodeXml(bytes) : undefined;
  };
  const container = parseXml((await entryText('META-INF/container.xml')) ?? '');
  const packagePath = container && elements(container, NS.container, 'rootfile')[0]?.getAttribute('full-path');
  if (!packagePath) throw new UnreadableBook('not an EPUB: META-INF/container.xml is missing or names no package');
  const opf = parseXml((await entryText(packagePath).catch(() => undefined)) ?? '');
  if (!opf) throw new UnreadableBook(`its package document ${packagePath} is missing or not well-formed XML`);
  return packageMetadata(opf, packagePath);
}

/** The metadata of a parsed package document. Pure. */
export function packageMetadata(opf: Document, packagePath: string): BookMetadata {
  const metadata = elements(opf, NS.opf, 'metadata')[0];
  const dc = (name: string): string[] =>
    metadata
      ? elements(metadata, NS.dc, name)
          .map((e) => normalise(e.textContent ?? ''))
          .filter(Boolean)
      : [];
  const metas = metadata ? elements(metadata, NS.opf, 'meta') : [];
  const uniqueId = opf.documentElement?.getAttribute('unique-identifier') ?? '';
  const identifiers = metadata ? elements(metadata, NS.dc, 'identifier') : [];
  const identifier = (identifiers.find((e) => e.getAttribute('id') === uniqueId) ?? identifiers[0])?.textContent;
  const modified = metas.find((m) => m.getAttribute('property') === 'dcterms:modified')?.textContent?.trim();
  const summary = metadata ? elements(metadata, NS.dc, 'description')[0]?.textContent?.trim() : undefined;
  const language = dc('language')[0];
  const series = seriesOf(metas);
  const cover = coverOf(opf, metas, packagePath);
  return {
    title: dc('title')[0] ?? 'Untitled',
    authors: dc('creator'),
    subjects: dc('subject'),
    ...(identifier?.trim() ? { identifier: identifier.trim() } : {}),
    ...(modified && !Number.isNaN(Date.parse(modified)) ? { modified: new Date(modified).toISOString() } : {}),
    ...(summary ? { summary } : {}),
    ...(language ? { language } : {}),
    ...(series ? { series } : {}),
    ...(cover ? { cover } : {}),
  };
}

/** EPUB 3's `belongs-to-collection` (type series) first, then calibre's `calibre:series`. */
function seriesOf(metas: Element[]): ShelfBook['series'] {
  const refining = (id: string, property: string): string | undefined =>
    metas
      .find((m) => m.getAttribute('refines') === `#${id}` && m.getAttribute('property') === property)
      ?.textContent?.trim();
  for (const collection of metas.filter((m) => m.getAttribute('property') === 'belongs-to-collection')) {
    const id = collection.getAttribute('id') ?? '';
    const type = id ? refining(id, 'collection-type') : undefined;
    const name = normalise(collection.textContent ?? '');
    if (!name || (type !== undefined && type !== 'series')) continue;
    return withPosition(name, id ? refining(id, 'group-position') : undefined);
  }
  const named = (name: string): string | undefined =>
    metas
      .find((m) => m.getAttribute('name') === name)
      ?.getAttribute('content')
      ?.trim();
  const calibre = normalise(named('calibre:series') ?? '');
  return calibre ? withPosition(calibre, named('calibre:series_index')) : undefined;
}

function withPosition(name: string, position: string | undefined): NonNullable<ShelfBook['series']> {
  const number = position === undefined || position === '' ? Number.NaN : Number(position);
  return Number.isFinite(number) ? { name, position: number } : { name };
}

/** The manifest item with the `cover-image` property, else the one EPUB 2's `<meta name="cover">` names. */
function coverOf(opf: Document, metas: Element[], packagePath: string): ShelfBook['cover'] {
  const items = elements(opf, NS.opf, 'item');
  const byProperty = items.find((i) => (i.getAttribute('properties') ?? '').split(/\s+/).includes('cover-image'));
  const coverId = metas.find((m) => m.getAttribute('name') === 'cover')?.getAttribute('content');
  const item = byProperty ?? items.find((i) => coverId && i.getAttribute('id') === coverId);
  const mediaType = item?.getAttribute('media-type') ?? '';
  const target = item && resolveHref(packagePath, item.getAttribute('href') ?? '');
  return target && /^image\/(?:jpeg|png|gif|webp)$/.test(mediaType) ? { entry: target.path, mediaType } : undefined;
}

function normalise(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}
