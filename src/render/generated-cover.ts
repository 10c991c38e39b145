import { createHash } from 'node:crypto';
import type { Resvg as ResvgClass } from '@resvg/resvg-js';
import pLimit from 'p-limit';
import type SharpModule from 'sharp';
import { slug } from '../text/slug.js';
import type { Book, Cover } from '../model/book.js';
import type { StoryInfo } from '../model/story.js';
import { charactersWithoutBundledFont, COVER_FONT_FAMILY, coverFontOptions, type CoverFonts } from './cover-fonts.js';
import { wrapText, type Measure, type WrappedText } from './cover-text-wrap.js';
import { xmlDocument, type XmlNode } from './xml.js';

const SVG_NS = 'http://www.w3.org/2000/svg';
const WIDTH = 1200;
const HEIGHT = 1800;
const CENTER = WIDTH / 2;
/** Widest a line of text may be: the frame is at 48 px, text keeps 120 px from the edges. */
const TEXT_WIDTH = WIDTH - 240;
/** Widths are measured once at this size and scaled: glyph advances scale linearly. */
const MEASURE_SIZE = 100;

/** Dark backgrounds with light text: strong contrast on e-ink greys and as a thumbnail. */
const PALETTES = [
  { background: '#1f3a5f', text: '#f6f1e7', accent: '#d9b45a' },
  { background: '#4a1f2e', text: '#f8efe9', accent: '#e3a87c' },
  { background: '#1f3d2e', text: '#f1f4ec', accent: '#a9c99b' },
  { background: '#2b2d42', text: '#f4f1ee', accent: '#ef8a5b' },
  { background: '#3e2a1e', text: '#f7efe2', accent: '#e6c26e' },
  { background: '#16324f', text: '#eef6f7', accent: '#8fd0d6' },
  { background: '#33283f', text: '#f6eff7', accent: '#d7a9d6' },
  { background: '#263238', text: '#eef2f0', accent: '#c5d3c3' },
] as const;

/** What a generated cover says, each part cleaned for drawing; empty parts are left out. */
export interface CoverText {
  /** The series name, when the book is one part of it. */
  series?: string;
  /** `Part 2 of 3`, or `Parts 1–3` for a book that holds a whole series. */
  part?: string;
  title: string;
  author: string;
}

export interface GeneratedCover {
  cover: Cover;
  /**
   * Characters of the cover text that the fonts ficbind ships cannot draw (CJK, for one). They are
   * drawn with the system's fonts where it has them, else as boxes; a cover is the same bytes on
   * every machine only when this is empty.
   */
  charactersFromSystemFonts: string[];
}

interface CoverLibraries {
  Resvg: typeof ResvgClass;
  sharp: typeof SharpModule;
}

let libraries: Promise<CoverLibraries> | undefined;

/**
 * resvg and sharp (libvips) are loaded with the first cover drawn: a build that draws none (its
 * books have cover images, or --no-cover) does not carry their ~15 MiB of native libraries.
 */
export function coverLibraries(): Promise<CoverLibraries> {
  libraries ??= Promise.all([import('@resvg/resvg-js'), import('sharp')]).then(([resvg, sharp]) => {
    // libvips keeps recent operations and their pixels for reuse; every cover is drawn once.
    sharp.default.cache(false);
    return { Resvg: resvg.Resvg, sharp: sharp.default };
  });
  return libraries;
}

/**
 * Covers are rasterised one at a time: each holds ~20 MB of pixels and librsvg's surfaces in
 * native memory, and two at once raised a build's peak RSS by ~90 MiB for little time gained
 * (the JavaScript thread has other books to render meanwhile).
 */
const oneAtATime = pLimit(1);

/**
 * A PNG cover (1200×1800) showing the book's title, author, and series and part. Deterministic:
 * the same book gives the same bytes. Long titles wrap and shrink; right-to-left titles keep
 * their direction.
 *
 * Two libraries, each for what it does best (docs/decisions.md): resvg lays the text out with the
 * bundled fonts (shaping, per-character fallback) and writes it as outlines; sharp (libvips)
 * rasterises that SVG and encodes the PNG, about 4× faster than resvg-js does both, and off the
 * JavaScript thread, so covers are drawn while the next books are rendered.
 */
export async function generateCover(
  book: Pick<Book, 'title' | 'authors' | 'series' | 'stories'>,
  bundled: CoverFonts,
): Promise<GeneratedCover> {
  const { Resvg, sharp } = await coverLibraries();
  const text = coverText(book);
  const allText = [text.series, text.part, text.title, text.author].join(' ');
  const missing = charactersWithoutBundledFont(allText, bundled);
  const fonts = coverFontOptions(allText, bundled, missing.length > 0);
  const svg = coverSvg(text, measurer(Resvg, fonts, missing.length > 0));
  const outlined = new Resvg(svg, { font: fonts, logLevel: 'off' }).toString();
  // The background is opaque: RGB without an alpha channel, which some readers' thumbnailers mishandle.
  const png = await oneAtATime(() =>
    sharp(Buffer.from(outlined)).removeAlpha().png({ compressionLevel: 6 }).toBuffer(),
  );
  return {
    cover: drawnCover(book, new Uint8Array(png)),
    charactersFromSystemFonts: missing,
  };
}

/** The cover's text alternative: the words it shows, e.g. `Cover: The Far Shore by Wren Alder (The Lantern Road, Part 2 of 3)`. */
export function coverDescription(text: CoverText): string {
  const byline = text.author ? ` by ${text.author}` : '';
  const series = [text.series, text.part].filter((part) => part !== undefined && part !== '').join(', ');
  return `Cover: ${text.title}${byline}${series ? ` (${series})` : ''}`;
}

/** What a cover is drawn from: a book's title, authors and series, and its stories' parts (chapters not needed). */
type CoverBook = Pick<Book<StoryInfo>, 'title' | 'authors' | 'series' | 'stories'>;

/** The cover ficbind draws for a book, as a Cover, from its PNG bytes (drawn now or taken from the cache). */
export function drawnCover(book: CoverBook, png: Uint8Array): Cover {
  return { data: png, mediaType: 'image/png', description: coverDescription(coverText(book)) };
}

/**
 * The version of the cover's look (layout, palettes, sizes, fonts, encoding). Covers are cached by
 * what they show and this version: change it whenever the same words would be drawn differently.
 */
const COVER_DESIGN = 1;

/**
 * What a generated cover shows, as a key: the words on it and the design version. Two books with
 * the same key get the same cover bytes (when drawn with the bundled fonts alone), so a cover is
 * drawn once and reused by rebuilds and by builds into other folders.
 */
export function generatedCoverKey(book: CoverBook): string {
  const text = coverText(book);
  return createHash('sha256')
    .update(JSON.stringify({ design: COVER_DESIGN, width: WIDTH, height: HEIGHT, text }))
    .digest('hex');
}

/** The words on the cover, decided from the book alone. */
export function coverText(book: CoverBook): CoverText {
  const title = drawable(book.title, 400) || 'Untitled';
  const author = drawable(book.authors.join(' & '), 200);
  const result: CoverText = { title, author };
  const series = book.series;
  if (!series) return result;
  const name = drawable(series.name, 200);
  // A book that is the whole series is titled by it: say which parts it holds instead.
  if (slug(name) === slug(title)) {
    const part = partsLabel(book.stories.map((s) => s.meta.series?.part));
    if (part) result.part = part;
    return result;
  }
  if (name) result.series = name;
  if (series.part !== undefined)
    result.part = `Part ${series.part}${series.total !== undefined ? ` of ${series.total}` : ''}`;
  return result;
}

function partsLabel(parts: ReadonlyArray<number | undefined>): string | undefined {
  if (parts.length === 0) return undefined;
  const known = parts.filter((p): p is number => p !== undefined);
  if (known.length < parts.length) return parts.length > 1 ? `${parts.length} stories` : undefined;
  const sorted = [...new Set(known)].sort((a, b) => a - b);
  if (sorted.length === 1) return `Part ${sorted[0]}`;
  const consecutive = sorted.every((p, i) => i === 0 || p === (sorted[i - 1] as number) + 1);
  return consecutive ? `Parts ${sorted[0]}–${sorted.at(-1)}` : `Parts ${sorted.join(', ')}`;
}

/**
 * Text as one line of drawable characters: no controls or broken surrogates (not allowed in
 * XML), no zero-width joiner (resvg's font fallback fails on ZWJ emoji sequences, so a family
 * emoji is drawn as its members), whitespace collapsed. Cut at `max` characters: a cover shows
 * far fewer, and wrapping measures each candidate line.
 */
function drawable(text: string, max: number): string {
  const characters = Array.from(
    text
      .normalize('NFC')
      .replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '')
      // eslint-disable-next-line no-control-regex
      .replace(/[\u0000-\u001F\u007F-\u009F\uFFFE\uFFFF]/g, ' ')
      .replaceAll('\u200D', '')
      .replace(/\s+/g, ' ')
      .trim(),
  );
  return characters.length > max ? `${characters.slice(0, max).join('')}…` : characters.join('');
}

type ResvgFonts = ReturnType<typeof coverFontOptions>;

/**
 * Widths measured so far, by fonts, weight and text. Authors, series names and common words come
 * back cover after cover, and each measurement is a resvg layout (about 1 ms): kept across covers,
 * up to a bound.
 */
const measuredWidths = new Map<string, number>();
const MAX_MEASURED_WIDTHS = 20_000;

/** Width of a text in pixels at a size, from resvg's own layout (shaping and fallback included). */
function measurer(Resvg: typeof ResvgClass, fonts: ResvgFonts, systemFonts: boolean): Measure {
  return (text, size, weight) => {
    const key = `${systemFonts ? 'system' : 'bundled'} ${weight} ${text}`;
    let width = measuredWidths.get(key);
    if (width === undefined) {
      const document = svgDocument(WIDTH * 20, MEASURE_SIZE * 2);
      textElement(document.root, { text, x: WIDTH * 10, y: MEASURE_SIZE, size: MEASURE_SIZE, weight, fill: '#000' });
      width = new Resvg(document.end({ prettyPrint: false }), { font: fonts, logLevel: 'off' }).getBBox()?.width ?? 0;
      if (measuredWidths.size >= MAX_MEASURED_WIDTHS) measuredWidths.clear();
      measuredWidths.set(key, width);
    }
    return (width * size) / MEASURE_SIZE;
  };
}

interface TextBlock {
  lines: string[];
  size: number;
  weight: 400 | 700;
}

/**
 * The largest size, among `sizes`, at which the text fits in `maxLines(size)` lines without
 * cutting a word; failing that, the largest at which it fits at all; else the smallest, cut short.
 */
function fitBlock(
  text: string,
  sizes: readonly number[],
  weight: 400 | 700,
  maxLines: (size: number) => number,
  measure: Measure,
): TextBlock {
  let fits: { size: number; wrapped: WrappedText } | undefined;
  let last: { size: number; wrapped: WrappedText } | undefined;
  for (const size of sizes) {
    last = { size, wrapped: wrapText(text, { maxWidth: TEXT_WIDTH, size, weight, maxLines: maxLines(size), measure }) };
    if (!last.wrapped.truncated && !last.wrapped.cutWords) break;
    if (!last.wrapped.truncated) fits ??= last;
  }
  if (!last) throw new Error('fitBlock: no sizes');
  const chosen = !last.wrapped.truncated && !last.wrapped.cutWords ? last : (fits ?? last);
  const { size, wrapped } = chosen;
  // Widths were summed word by word; a whole line may come out a little wider: shrink to fit.
  const widest = Math.max(...wrapped.lines.map((line) => measure(line, size, weight)));
  return { lines: wrapped.lines, size: widest > TEXT_WIDTH ? Math.floor((size * TEXT_WIDTH) / widest) : size, weight };
}

const TITLE_SIZES = [132, 120, 108, 96, 88, 80, 72, 64];
const TITLE_TOP = 440;
const TITLE_BOTTOM = 1320;
const LINE_HEIGHT = 1.2;

function coverSvg(text: CoverText, measure: Measure): string {
  const palette =
    PALETTES[
      createHash('sha256')
        .update(`${text.series ?? ''}\n${text.title}`)
        .digest()[0]! % PALETTES.length
    ]!;
  const document = svgDocument(WIDTH, HEIGHT);
  const svg = document.root;
  svg.ele('rect', { width: `${WIDTH}`, height: `${HEIGHT}`, fill: palette.background });
  svg.ele('rect', {
    x: '48',
    y: '48',
    width: `${WIDTH - 96}`,
    height: `${HEIGHT - 96}`,
    fill: 'none',
    stroke: palette.accent,
    'stroke-width': '6',
  });
  svg.ele('rect', {
    x: '66',
    y: '66',
    width: `${WIDTH - 132}`,
    height: `${HEIGHT - 132}`,
    fill: 'none',
    stroke: palette.accent,
    'stroke-width': '2',
  });

  let top = 170;
  if (text.series) {
    const series = fitBlock(text.series, [60, 52, 44], 400, () => 2, measure);
    top = drawBlock(svg, series, top, palette.text) + 10;
  }
  if (text.part)
    drawBlock(
      svg,
      fitBlock(text.part, [48, 40], 400, () => 1, measure),
      top,
      palette.accent,
    );

  const title = fitBlock(
    text.title,
    TITLE_SIZES,
    700,
    (size) => Math.floor((TITLE_BOTTOM - TITLE_TOP) / (size * LINE_HEIGHT)),
    measure,
  );
  const titleHeight = title.lines.length * title.size * LINE_HEIGHT;
  drawBlock(svg, title, (TITLE_TOP + TITLE_BOTTOM - titleHeight) / 2, palette.text);

  svg.ele('rect', { x: `${CENTER - 110}`, y: '1390', width: '220', height: '6', fill: palette.accent });
  if (text.author) {
    const author = fitBlock(text.author, [64, 56, 48, 40], 400, () => 2, measure);
    const authorHeight = author.lines.length * author.size * LINE_HEIGHT;
    drawBlock(svg, author, 1560 - authorHeight / 2, palette.text);
  }
  return document.end({ prettyPrint: false });
}

/** Draws the lines centred from `top` down; returns the bottom of the block. */
function drawBlock(svg: XmlNode, block: TextBlock, top: number, fill: string): number {
  const lineHeight = block.size * LINE_HEIGHT;
  block.lines.forEach((line, index) => {
    // Baseline a little below the middle of the line box, where capitals and x-height balance.
    const y = Math.round(top + index * lineHeight + lineHeight / 2 + block.size * 0.35);
    textElement(svg, { text: line, x: CENTER, y, size: block.size, weight: block.weight, fill });
  });
  return top + block.lines.length * lineHeight;
}

interface TextElement {
  text: string;
  x: number;
  y: number;
  size: number;
  weight: 400 | 700;
  fill: string;
}

function textElement(parent: XmlNode, t: TextElement): void {
  const attributes: Record<string, string> = {
    x: `${t.x}`,
    y: `${t.y}`,
    'font-family': COVER_FONT_FAMILY,
    'font-size': `${t.size}`,
    'font-weight': `${t.weight}`,
    fill: t.fill,
    'text-anchor': 'middle',
  };
  if (startsRightToLeft(t.text)) attributes.direction = 'rtl';
  parent.ele('text', attributes).txt(t.text);
}

/** The first letter decides a line's base direction, as the Unicode bidi algorithm's first strong character does. */
function startsRightToLeft(text: string): boolean {
  const first = /\p{L}/u.exec(text)?.[0];
  return (
    first !== undefined &&
    /[\p{Script=Hebrew}\p{Script=Arabic}\p{Script=Syriac}\p{Script=Thaana}\p{Script=Nko}]/u.test(first)
  );
}

function svgDocument(width: number, height: number) {
  return xmlDocument(SVG_NS, 'svg', { width: `${width}`, height: `${height}`, viewBox: `0 0 ${width} ${height}` });
}
