import type { Book } from '../model/book.js';
import type { AccessibilityMetadata } from './accessibility.js';
import type { BookPlan } from './plan.js';
import { xmlDocument, type XmlNode } from './xml.js';

const OPF_NS = 'http://www.idpf.org/2007/opf';
const DC_NS = 'http://purl.org/dc/elements/1.1/';

export interface ManifestItem {
  id: string;
  href: string;
  mediaType: string;
  properties?: string;
}

/** `2024-05-01T12:00:00Z`, the only form `dcterms:modified` allows. */
export function modifiedStamp(seconds: number): string {
  return new Date(seconds * 1000).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/**
 * package.opf: metadata (with series in both the EPUB 3 and the calibre form, and accessibility),
 * manifest and spine. `items` lists every resource; the spine follows the plan's reading order.
 */
export function renderPackageDocument(
  book: Book,
  plan: BookPlan,
  identifier: string,
  items: readonly ManifestItem[],
  accessibility: AccessibilityMetadata,
): string {
  const document = xmlDocument(OPF_NS, 'package', {
    version: '3.0',
    'unique-identifier': 'book-id',
    'xml:lang': book.language,
  });
  const pkg = document.root;
  const metadata = pkg.ele('metadata', { 'xmlns:dc': DC_NS });
  metadata.eleNs(DC_NS, 'dc:identifier', { id: 'book-id' }).txt(identifier);
  metadata.eleNs(DC_NS, 'dc:title', { id: 'title' }).txt(book.title);
  book.authors.forEach((author, index) => {
    metadata.eleNs(DC_NS, 'dc:creator', { id: `creator-${index + 1}` }).txt(author);
    metadata.ele('meta', { refines: `#creator-${index + 1}`, property: 'role', scheme: 'marc:relators' }).txt('aut');
  });
  metadata.eleNs(DC_NS, 'dc:language').txt(book.language);
  // A book of one story is published when its story says it was (a Gutenberg release date, a post's date).
  const published = book.stories.length === 1 ? book.stories[0]?.meta.published : undefined;
  if (published) metadata.eleNs(DC_NS, 'dc:date').txt(published);
  const description = bookDescription(book);
  if (description) metadata.eleNs(DC_NS, 'dc:description').txt(description);
  for (const tag of bookTags(book)) metadata.eleNs(DC_NS, 'dc:subject').txt(tag);
  // Where each story was saved from, once each, in story order.
  for (const url of new Set(book.stories.flatMap((s) => s.meta.url ?? []))) metadata.eleNs(DC_NS, 'dc:source').txt(url);
  metadata.ele('meta', { property: 'dcterms:modified' }).txt(modifiedStamp(book.modified));
  if (book.series) {
    // KOReader reads the collection only when it comes before the metas that refine it.
    metadata.ele('meta', { property: 'belongs-to-collection', id: 'series' }).txt(book.series.name);
    metadata.ele('meta', { refines: '#series', property: 'collection-type' }).txt('series');
    if (book.series.part !== undefined) {
      metadata.ele('meta', { refines: '#series', property: 'group-position' }).txt(String(book.series.part));
    }
    metadata.ele('meta', { name: 'calibre:series', content: book.series.name });
    if (book.series.part !== undefined)
      metadata.ele('meta', { name: 'calibre:series_index', content: String(book.series.part) });
  }
  const coverImage = items.find((i) => i.properties === 'cover-image');
  if (coverImage) metadata.ele('meta', { name: 'cover', content: coverImage.id });
  appendAccessibility(metadata, accessibility);

  const manifest = pkg.ele('manifest');
  for (const item of items) {
    manifest.ele('item', {
      id: item.id,
      href: item.href,
      'media-type': item.mediaType,
      ...(item.properties ? { properties: item.properties } : {}),
    });
  }
  const spine = pkg.ele('spine', { toc: 'ncx' });
  for (const planned of plan.documents) spine.ele('itemref', { idref: planned.id });
  return document.end({ prettyPrint: true });
}

/** The schema.org accessibility properties, then the conformance claim and who made it. */
function appendAccessibility(metadata: XmlNode, accessibility: AccessibilityMetadata): void {
  const meta = (property: string, value: string, attributes: Record<string, string> = {}): void =>
    void metadata.ele('meta', { property, ...attributes }).txt(value);
  for (const mode of accessibility.accessModes) meta('schema:accessMode', mode);
  for (const modes of accessibility.accessModesSufficient) meta('schema:accessModeSufficient', modes);
  for (const feature of accessibility.features) meta('schema:accessibilityFeature', feature);
  for (const hazard of accessibility.hazards) meta('schema:accessibilityHazard', hazard);
  meta('schema:accessibilitySummary', accessibility.summary);
  if (accessibility.conformance) {
    meta('dcterms:conformsTo', accessibility.conformance.conformsTo, { id: 'conformance' });
    meta('a11y:certifiedBy', accessibility.conformance.certifiedBy, { refines: '#conformance' });
  }
}

/** A story's summary; for a series book, each story's summary after its title, so a library shows what the book holds. */
function bookDescription(book: Book): string | undefined {
  if (book.stories.length === 1) return book.stories[0]?.meta.summary;
  const parts = book.stories
    .filter((story) => story.meta.summary)
    .map((story) => `${story.meta.title}: ${story.meta.summary}`);
  return parts.length > 0 ? parts.join('\n\n') : undefined;
}

/** The tags, fandoms, relationships, characters, warnings and ratings of the book's stories, each once (the first spelling), in story order. */
function bookTags(book: Book): string[] {
  const seen = new Set<string>();
  // A rating is shelved as a tag too (as FanFicFare does), so a library can be filtered by it.
  return book.stories
    .flatMap(({ meta }) => [
      ...(meta.tags ?? []),
      ...(meta.fandoms ?? []),
      ...(meta.relationships ?? []),
      ...(meta.characters ?? []),
      ...(meta.warnings?.split(',').map((w) => w.trim()) ?? []),
      ...(meta.rating ? [`Rated ${meta.rating}`] : []),
    ])
    .filter((tag) => {
      const key = tag.toLowerCase();
      if (tag.trim() === '' || seen.has(key)) return false;
      seen.add(key);
      return true;
    });
}
