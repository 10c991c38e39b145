import type { Book, ChangeMark } from '../model/book.js';
import type { Chapter, Inline, Paragraph } from '../model/story.js';
import { markText } from './xhtml.js';
import { writeXhtmlDocument, type XhtmlWriter } from './xhtml-writer.js';

const ROLES = { chapter: 'doc-chapter', prologue: 'doc-prologue', epilogue: 'doc-epilogue' } as const;

/**
 * One chapter: its heading, paragraphs (verse with its line breaks), author's notes, scene breaks
 * and images. Written by the streaming writer, not xmlbuilder2: chapters are nearly all of a
 * book's bytes (docs/decisions.md, "XML writer"). `language` is its story's (story-language.ts),
 * which a series book may hold several of; `images` gives each image key its file in the book
 * (render/images.ts), relative to the chapter.
 */
export function renderChapter(
  book: Book,
  chapter: Chapter,
  label: string,
  mark?: ChangeMark,
  language = book.language,
  images: ReadonlyMap<string, string> = new Map(),
): string {
  return writeXhtmlDocument({ title: label, language, stylesheet: '../style.css' }, (body) => {
    body.start('section', { 'epub:type': chapter.kind, role: ROLES[chapter.kind], class: 'chapter' });
    body.start('h2');
    // A `(New)` or `(Updated)` mark before the heading's text, as the contents show it too.
    if (mark) body.element('span', markText(mark), { class: 'change-mark' }).text(' ');
    body.text(label).end();
    for (const block of chapter.blocks) {
      if (block.kind === 'scene-break') body.empty('hr', { class: 'scene-break' });
      else if (block.kind === 'image') {
        const src = images.get(block.image);
        if (src !== undefined) body.start('div', { class: 'image' }).empty('img', { src, alt: block.alt }).end();
      } else if (block.kind === 'note') {
        // role="note", not epub:type="footnote": readers would hide a footnote until it is tapped.
        body.start('div', { class: 'authors-note', role: 'note' });
        for (const paragraph of block.blocks) writeParagraph(body, paragraph);
        body.end();
      } else writeParagraph(body, block);
    }
    body.end();
  });
}

function writeParagraph(body: XhtmlWriter, paragraph: Paragraph): void {
  if (paragraph.lines) {
    body.start('p', { class: 'verse' });
    writeVerse(body, paragraph.lines);
  } else {
    body.start('p');
    writeInlines(body, paragraph.inlines);
  }
  body.end();
}

/** Verse lines with `<br/>` between them; the newline after each keeps words apart in plain-text extracts. */
function writeVerse(body: XhtmlWriter, lines: readonly Inline[][]): void {
  lines.forEach((line, index) => {
    if (index > 0) body.empty('br').text('\n');
    writeInlines(body, line);
  });
}

/** Paragraph content: plain runs as text, emphasised runs as `<em>`. */
function writeInlines(body: XhtmlWriter, inlines: readonly Inline[]): void {
  for (const inline of inlines) {
    if (inline.kind === 'em') body.element('em', inline.text);
    else body.text(inline.text);
  }
}
