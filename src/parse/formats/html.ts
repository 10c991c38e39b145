import type { Element } from 'domhandler';
import { parseDocument } from 'htmlparser2';
import { diagnostic, type Diagnostic } from '../../diagnostics/diagnostic.js';
import type { SourceLine } from '../lines.js';
import { closest, findAll, findFirst, textOf } from './html-dom.js';
import { htmlToLines, SANITIZE_OPTIONS, withLineMarks } from './html-lines.js';
import { findNoStory, noStoryFound } from './html-no-story.js';
import { findPageStory, type LeftOut, type StoryPart } from './html-sites.js';
import { withPageMeta } from './html-meta.js';
import { lineLocator, type FormatReading, type ImageLookup } from './format.js';
import { imageMark } from '../emphasis-marks.js';
import { challengePageFound, isChallengePage } from '../challenge-page.js';
import { pageArchiveStory } from '../story-address.js';

/**
 * A saved page or page fragment → header fields and body lines. The story is found inside the
 * site's chrome (see html-sites.ts); only its text, through sanitize-html, reaches the lines.
 */
export function readHtml(text: string, file: string, images?: ImageLookup): FormatReading {
  const doc = parseDocument(text, { withStartIndices: true, withEndIndices: true });
  const lineOf = lineLocator(text);
  const title = findFirst(doc, (el) => el.name === 'title');
  if (isChallengePage(title && textOf(title), text)) {
    return { fields: [], lines: [], noStory: true, diagnostics: [challengePageFound(file, 'page')] };
  }
  const page = findPageStory(doc);
  const noStory = findNoStory(doc, page.parts);
  if (noStory) return { fields: [], lines: [], noStory: true, diagnostics: [noStoryFound(file, noStory)] };
  const diagnostics: Diagnostic[] = [diagnostic('format/html-story', file, `story text read from ${page.found}`)];
  for (const shown of page.shownAsMetadata ?? []) {
    const said = textOf(shown.element);
    const what = shown.key === 'Title' ? 'the title heading' : `the byline, author ${shown.value},`;
    diagnostics.push(
      diagnostic('format/title-block', file, `left out "${said}" from the text: ${what} is shown on the title page`, {
        line: lineOf(shown.element.startIndex ?? 0),
        removed: said,
      }),
    );
  }
  const lines: SourceLine[] = [];
  const leftOut = page.leftOut ?? [];
  diagnostics.push(
    ...leftOut.map((chrome) =>
      chrome.element.name === 'img'
        ? imageLeftOutReport({ ...imgPicture(chrome.element), why: chrome.what }, file, lineOf)
        : leftOutReport(chrome, file, lineOf),
    ),
  );
  for (const found of page.parts) {
    const part = withLeftOutCut(found, leftOut);
    if (part.heading) {
      const number = lineOf(part.heading.element.startIndex ?? 0);
      lines.push({ text: '', number }, { text: part.heading.text, number, heading: true }, { text: '', number });
    }
    const pictures = pagePictures(part, images);
    diagnostics.push(...pictures.leftOut.map((picture) => imageLeftOutReport(picture, file, lineOf)));
    // Kept without words: written with alt="" (readers pass it by), and said, so it can be described.
    for (const picture of pictures.kept.filter((p) => p.undescribed))
      diagnostics.push(
        diagnostic(
          'epub/image-no-alt',
          file,
          `the picture ${picture.src} has no text alternative; it is kept with alt=""`,
          {
            line: lineOf(picture.element.startIndex ?? 0),
          },
        ),
      );
    const start = part.body.startIndex ?? 0;
    const html = partHtml(text, part, pictures.kept);
    const partLines = htmlToLines(withLineMarks(html, lineOf(start)), lineOf(start), { images: pictures.kept });
    if (part.note === undefined) lines.push(...partLines);
    else {
      // A site's note, its label first when it has one: the author speaking, kept as a note and never as story.
      const label =
        part.note === ''
          ? []
          : [
              { text: part.note, number: lineOf(start) },
              { text: '', number: lineOf(start) },
            ];
      lines.push(...[...label, ...partLines].map((l) => ({ ...l, note: true })));
    }
    lines.push({ text: '', number: lineOf(part.body.endIndex ?? start) });
  }
  const fields = withPageMeta(doc, page.fields).map((f) => ({
    key: f.key,
    value: f.value,
    line: lineOf(f.element.startIndex ?? 0),
  }));
  // A saved archive page names its story's address: the book's source, and the story's identity.
  const archive = pageArchiveStory(text);
  if (archive && !fields.some((f) => f.key === 'Source')) fields.push({ key: 'Source', value: archive.url, line: 1 });
  return { fields, lines, diagnostics };
}

/** The part, with the page chrome that lies inside it cut out too. */
function withLeftOutCut(part: StoryPart, leftOut: readonly LeftOut[]): StoryPart {
  const inside = leftOut.filter(
    (chrome) => part.body.type === 'root' || closest(chrome.element, (el) => el === part.body) !== undefined,
  );
  return inside.length === 0 ? part : { ...part, exclude: [...part.exclude, ...inside.map((c) => c.element)] };
}

/** One left-out piece of page chrome, reported with its line and the start of its text. */
function leftOutReport(chrome: LeftOut, file: string, lineOf: (offset: number) => number): Diagnostic {
  const words = textOf(chrome.element);
  const shown = words.length > 80 ? `${words.slice(0, 77)}…` : words;
  const line = lineOf(chrome.element.startIndex ?? 0);
  const endLine = lineOf(chrome.element.endIndex ?? 0);
  return diagnostic('html/left-out', file, `left out ${chrome.what}${shown === '' ? '' : `: "${shown}"`}`, {
    line,
    ...(chrome.quoted && endLine > line ? { endLine } : {}),
    ...(chrome.quoted && words !== '' ? { removed: words } : {}),
  });
}

/** The part's source, with the chrome inside it cut out and each kept image replaced by its mark. */
function partHtml(text: string, part: StoryPart, kept: readonly KeptPicture[]): string {
  const start = part.body.type === 'root' ? 0 : (part.body.startIndex ?? 0);
  const end = part.body.type === 'root' ? text.length : (part.body.endIndex ?? text.length - 1) + 1;
  const cuts = [
    ...part.exclude.map((el) => ({ el, mark: '' })),
    ...kept.map((picture, index) => ({ el: picture.element, mark: imageMark(index) })),
  ]
    .map(({ el, mark }) => [el.startIndex ?? 0, (el.endIndex ?? 0) + 1, mark] as const)
    .sort((a, b) => a[0] - b[0]);
  let html = '';
  let at = start;
  for (const [from, to, mark] of cuts) {
    if (from < at) continue;
    // Line ends inside the cut are kept so the text after it keeps its line numbers.
    html += text.slice(at, from) + mark + '\n'.repeat((text.slice(from, to).match(/\n/g) ?? []).length);
    at = to;
  }
  return html + text.slice(at, end);
}

const DROPPED_WITH_CONTENT = new Set(SANITIZE_OPTIONS.nonTextTags);

/** A picture of the page: an `<img>`, or an `<svg>` that shows an image file (as EPUBs' full-page pictures do). */
interface Picture {
  element: Element;
  src: string;
  alt: string;
  /** The page gives no text alternative at all (no `alt`, no SVG `<title>`), not even an empty one. */
  undescribed?: true;
}
interface KeptPicture extends Picture {
  key: string;
}

/**
 * The part's pictures: those `images` finds in the source (an EPUB's own files) are kept; the
 * rest are left out, as every picture of a saved page is (no remote resource reaches a book).
 */
function pagePictures(
  part: StoryPart,
  images: ImageLookup | undefined,
): { kept: KeptPicture[]; leftOut: Array<Picture & { why: string }> } {
  const excluded = (el: Element): boolean => closest(el, (e) => part.exclude.includes(e)) !== undefined;
  const hidden = (el: Element): boolean => closest(el, (e) => DROPPED_WITH_CONTENT.has(e.name)) !== undefined;
  const pictures: Picture[] = [];
  for (const el of findAll(part.body, (e) => e.name === 'img' || e.name === 'svg')) {
    if (excluded(el)) continue;
    if (el.name === 'img' && !hidden(el)) pictures.push(imgPicture(el));
    // An SVG page picture: its <image> names the file; its <title>, if any, says what it shows.
    const image = el.name === 'svg' && images ? findFirst(el, (e) => e.name === 'image') : undefined;
    const href = image && (image.attribs['href'] ?? image.attribs['xlink:href']);
    if (el.name === 'svg' && href !== undefined && (el.parent === null || !hidden(el.parent as Element))) {
      const title = findFirst(el, (e) => e.name === 'title');
      pictures.push({
        element: el,
        src: href,
        alt: title ? textOf(title).replace(/\s+/g, ' ').trim() : '',
        ...(title ? {} : { undescribed: true as const }),
      });
    }
  }
  const kept: KeptPicture[] = [];
  const leftOut: Array<Picture & { why: string }> = [];
  for (const picture of pictures) {
    const found = images?.(picture.src) ?? { leftOut: 'ficbind keeps only the images of an EPUB' };
    if ('key' in found) kept.push({ ...picture, key: found.key });
    else leftOut.push({ ...picture, why: found.leftOut });
  }
  return { kept, leftOut };
}

function imgPicture(img: Element): Picture {
  const alt = img.attribs['alt'];
  return {
    element: img,
    src: img.attribs['src'] ?? '',
    alt: (alt ?? '').replace(/\s+/g, ' ').trim(),
    ...(alt === undefined ? { undescribed: true as const } : {}),
  };
}

/**
 * A picture left out, reported with its alt text (tracking pixels, smilies and spacers are most
 * of a saved page's images, so their alt text does not go into the story), so nothing is lost unseen.
 */
function imageLeftOutReport(
  picture: Picture & { why: string },
  file: string,
  lineOf: (offset: number) => number,
): Diagnostic {
  const source = picture.src ? ` (${picture.src.slice(0, 80)})` : '';
  const alt = picture.alt === '' ? 'it has no alt text' : `its alt text was "${picture.alt}"`;
  return diagnostic('html/image-left-out', file, `an image${source} is left out of the book: ${picture.why}; ${alt}`, {
    line: lineOf(picture.element.startIndex ?? 0),
  });
}
