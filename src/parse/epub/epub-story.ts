import type { Document } from 'domhandler';
import { parseDocument } from 'htmlparser2';
import { diagnostic, type Diagnostic } from '../../diagnostics/diagnostic.js';
import type { SourceFile } from '../../model/source.js';
import type { Chapter, Story } from '../../model/story.js';
import { decodeText } from '../../read/decode.js';
import { splitChapters } from '../chapters.js';
import { ao3AfterwordPage } from '../formats/ao3-download.js';
import { findFirst, textOf } from '../formats/html-dom.js';
import { KNOWN_KEYS, type HeaderField } from '../header.js';
import { readHeaderAndBody } from '../header-and-body.js';
import { metadataFromHeader, tagsIn } from '../metadata.js';
import { parseSeriesField } from '../series.js';
import { titleFromFileName } from '../title-line.js';
import { ao3PrefaceFields, frontMatterFields, frontMatterKind } from './front-matter.js';
import { epubImages, withChapterImages } from './images.js';
import { readEpubPackage, type EpubPackage, type ManifestItem } from './package.js';
import { tocTitles } from './toc-titles.js';

export interface EpubReadOptions {
  keepJunk?: boolean;
}

// Labels of FanFicFare's and AO3's info blocks that name a known header key otherwise.
const LABELS: Readonly<Record<string, string>> = {
  'story url': 'Source',
  'source url': 'Source',
  'author(s)': 'Author',
  ships: 'Pairing',
  relationship: 'Pairing',
  relationships: 'Pairing',
  'archive warning': 'Warnings',
  'archive warnings': 'Warnings',
};

/**
 * An EPUB a reader already has → a Story: metadata from its package document (and from its own
 * front-matter pages, for what the package does not say), one chapter per spine document, read
 * through the same HTML path as a saved page (sanitised, leftovers removed), each titled as the
 * book's table of contents titles it when it has no heading of its own.
 */
export function parseEpubStory(
  file: SourceFile,
  options: EpubReadOptions = {},
): { story?: Story; diagnostics: Diagnostic[] } {
  const archive = file.archive ?? new Map<string, Uint8Array>();
  const { epub, diagnostics } = readEpubPackage(archive, file.path);
  if (!epub) return { diagnostics };
  const titles = tocTitles(archive, epub.toc);
  const fields = [...epub.fields];
  const chapters: Chapter[] = [];
  for (const item of epub.spine) {
    const read = readSpineDocument(file.path, archive, item, epub, options, chapters.length > 0);
    diagnostics.push(...read.diagnostics);
    fields.push(...read.fields.filter((f) => !alreadySaid(fields, f)));
    const [first, ...rest] = read.chapters;
    if (!first) continue;
    const previous = chapters[chapters.length - 1];
    // AO3's last page holds the work's end notes: they close the last chapter, as in its HTML
    // download. A page of pictures alone (a plate between chapters) stays where it stands, at the
    // end of the chapter before it, not a chapter of its own.
    if (previous && (read.afterword || read.chapters.every(withoutText))) {
      for (const chapter of read.chapters) continueChapter(previous, chapter);
      continue;
    }
    // calibre splits a long chapter over files (`part0000_split_001.html`): a page with no heading
    // and no entry in a contents that names other pages goes on with the chapter before it.
    if (previous && first.title === undefined && titles.size > 0 && !titles.has(item.path)) {
      continueChapter(previous, first);
      chapters.push(...rest);
      continue;
    }
    first.title ??= titles.get(item.path) ?? `Chapter ${chapters.length + 1}`;
    chapters.push(first, ...rest);
  }
  const opfFile = `${file.path}/${epub.opfPath}`;
  const fallback = titleFromFileName(file.path.split('/').pop() ?? file.path);
  const { meta, diagnostics: metaDiagnostics } = metadataFromHeader(
    tagsSaidOnce(fields, epub.fields.length),
    fallback,
    opfFile,
  );
  diagnostics.push(...metaDiagnostics);
  if (!chapters.some((c) => c.blocks.some((b) => b.kind === 'paragraph'))) {
    diagnostics.push(diagnostic('story/empty', file.path, 'no story text found; no book made from it'));
    return { diagnostics };
  }
  return { story: { source: file.path, meta, chapters, modified: file.modified }, diagnostics };
}

interface SpineReading {
  chapters: Chapter[];
  /** The page is AO3's afterword: the work's end notes, not a chapter. */
  afterword?: boolean;
  fields: HeaderField[];
  diagnostics: Diagnostic[];
}

function readSpineDocument(
  epubFile: string,
  archive: ReadonlyMap<string, Uint8Array>,
  item: ManifestItem,
  epub: EpubPackage,
  options: EpubReadOptions,
  storyStarted: boolean,
): SpineReading {
  const shown = `${epubFile}/${item.path}`;
  const none = (said: Diagnostic[]): SpineReading => ({ chapters: [], fields: [], diagnostics: said });
  const bytes = archive.get(item.path);
  if (bytes === undefined) {
    return none([
      diagnostic(
        'epub/missing-document',
        shown,
        'the book lists this page in its reading order, but it is not in the file; its text is missing from the book',
      ),
    ]);
  }
  if (!/html/.test(item.mediaType)) {
    return none([
      diagnostic(
        'epub/not-text',
        shown,
        `a page of type ${item.mediaType || 'unknown'} in the reading order is left out; ficbind reads XHTML pages`,
      ),
    ]);
  }
  const decoded = decodeText(bytes, shown);
  const doc = parseDocument(decoded.text, { withStartIndices: true });
  const kind = frontMatterKind(item, doc, epub, storyStarted);
  if (kind !== undefined) {
    const fields =
      kind === 'preface'
        ? ao3PrefaceFields(decoded.text, doc)
        : kind === 'title page'
          ? frontMatterFields(decoded.text, doc).map(withKnownLabel)
          : [];
    const read =
      fields.length > 0 ? `; read for the story's metadata (${[...new Set(fields.map((f) => f.key))].join(', ')})` : '';
    return {
      chapters: [],
      fields,
      diagnostics: [
        ...decoded.diagnostics,
        diagnostic('epub/front-matter', shown, `the book's ${kind}, not a chapter${read}`),
      ],
    };
  }
  const images = epubImages(archive, item.path);
  const body = readHeaderAndBody(
    { path: shown, text: decoded.text, modified: 0 },
    { ...options, images: images.lookup },
  );
  const split = splitChapters(body.lines, shown);
  // The EPUB says where its text is: the HTML reader's guess at it is no news.
  const said = body.diagnostics.filter((d) => d.rule !== 'format/html-story');
  return {
    chapters: withChapterImages(withPageHeading(split.chapters, doc), images.found),
    afterword: ao3AfterwordPage(doc) !== undefined,
    fields: body.fields,
    diagnostics: [...decoded.diagnostics, ...said, ...split.diagnostics],
  };
}

// Labels under which a front-matter page files tags (AO3's Rating, Archive Warning, Fandom…).
const TAG_LABELS = new Set([
  'tags',
  'rating',
  'warnings',
  'category',
  'fandoms',
  'pairing',
  'relationships',
  'characters',
]);

/**
 * Each tag said once, spelt as first said. The package's subjects are the pages' lists run
 * together (AO3 writes its rating, fandom and tags as subjects), so a subject a page files under a
 * label of its own is left to that label; of two Tags fields, the later keeps only what the
 * earlier did not say. The first `fromPackage` fields are the package's.
 */
function tagsSaidOnce(fields: readonly HeaderField[], fromPackage: number): HeaderField[] {
  const target = (field: HeaderField) => KNOWN_KEYS[field.key.toLowerCase()] ?? '';
  const tagsOf = (field: HeaderField) => tagsIn(field.value);
  const spelling = new Map<string, string>();
  for (const tag of fields.filter((f) => target(f) === 'tags').flatMap(tagsOf))
    if (!spelling.has(tag.toLowerCase())) spelling.set(tag.toLowerCase(), tag);
  const filed = new Set(
    fields
      .slice(fromPackage)
      .filter((f) => TAG_LABELS.has(target(f)))
      .flatMap((f) => tagsOf(f).map((t) => t.toLowerCase())),
  );
  const said = new Set<string>();
  return fields.flatMap((field, index) => {
    if (target(field) !== 'tags') return [field];
    const tags = tagsOf(field);
    const kept = tags.filter((tag) => {
      const key = tag.toLowerCase();
      if (said.has(key) || (index < fromPackage && filed.has(key))) return false;
      said.add(key);
      return true;
    });
    const shown = kept.map((tag) => spelling.get(tag.toLowerCase()) ?? tag);
    if (shown.join() === tags.join()) return [field];
    return shown.length === 0 ? [] : [{ ...field, value: shown.join(', ') }];
  });
}

function seriesName(value: string): string {
  return (parseSeriesField(value)?.name ?? value).trim().toLowerCase();
}

/**
 * A page's own heading that reads as no chapter heading (`<h2>The Fishing Boat</h2>`) came out as
 * its first paragraph: it is the chapter's title, shown once as its heading.
 */
function withPageHeading(chapters: Chapter[], doc: Document): Chapter[] {
  const [first, ...rest] = chapters;
  const opening = first?.blocks[0];
  if (!first || first.title !== undefined || opening?.kind !== 'paragraph') return chapters;
  const heading = findFirst(doc, (el) => /^h[1-6]$/.test(el.name));
  const said = (text: string): string => text.replace(/\s+/g, ' ').trim();
  const title = heading ? said(textOf(heading)) : '';
  if (title === '' || said(opening.inlines.map((inline) => inline.text).join('')) !== title) return chapters;
  return [{ ...first, title, blocks: first.blocks.slice(1) }, ...rest];
}

/** The page's text and pictures go on at the end of the chapter before it. */
function continueChapter(previous: Chapter, next: Chapter): void {
  previous.blocks.push(...next.blocks);
  const images = [...(previous.images ?? []), ...(next.images ?? [])];
  const unique = images.filter((image, index) => images.findIndex((other) => other.key === image.key) === index);
  if (unique.length > 0) previous.images = unique;
}

function withoutText(chapter: Chapter): boolean {
  return chapter.blocks.every((block) => block.kind === 'image');
}

function withKnownLabel(field: HeaderField): HeaderField {
  const known = LABELS[field.key.toLowerCase()];
  return known ? { ...field, key: known } : field;
}

/**
 * A field the package (or an earlier page) already gave, by what it fills or by its name: a title
 * page's Author, Summary or Language is not printed a second time.
 */
function alreadySaid(fields: readonly HeaderField[], field: HeaderField): boolean {
  const target = KNOWN_KEYS[field.key.toLowerCase()];
  // A work in two series (AO3's preface lists each): the package names one, the other is news.
  if (target === 'series') {
    const name = seriesName(field.value);
    return fields.some((f) => KNOWN_KEYS[f.key.toLowerCase()] === 'series' && seriesName(f.value) === name);
  }
  return fields.some((f) =>
    target === undefined || target === 'tags'
      ? f.key.toLowerCase() === field.key.toLowerCase() && f.value === field.value
      : KNOWN_KEYS[f.key.toLowerCase()] === target,
  );
}
