import type { Book, ChangeMark } from '../../src/model/book.js';
import type { Chapter, Inline, Paragraph } from '../../src/model/story.js';
import type { XmlNode } from '../../src/render/xml.js';
import { xhtmlDocument } from '../../src/render/xhtml.js';
import { appendHeading, appendInlines } from './xmlbuilder2-xhtml.js';

const ROLES = { chapter: 'doc-chapter', prologue: 'doc-prologue', epilogue: 'doc-epilogue' } as const;

/**
 * A chapter as ficbind wrote it with xmlbuilder2 before the streaming writer: the oracle the
 * property test holds `renderChapter` to, byte for byte.
 */
export function renderChapterWithXmlbuilder2(
  book: Book,
  chapter: Chapter,
  label: string,
  mark?: ChangeMark,
  images: ReadonlyMap<string, string> = new Map(),
): string {
  return xhtmlDocument({ title: label, language: book.language, stylesheet: '../style.css' }, (body) => {
    const section = body.ele('section', { 'epub:type': chapter.kind, role: ROLES[chapter.kind], class: 'chapter' });
    appendHeading(section.ele('h2'), label, mark);
    for (const block of chapter.blocks) {
      if (block.kind === 'scene-break') section.ele('hr', { class: 'scene-break' });
      else if (block.kind === 'image') {
        const src = images.get(block.image);
        if (src !== undefined) section.ele('div', { class: 'image' }).ele('img', { src, alt: block.alt });
      } else if (block.kind === 'note') {
        const note = section.ele('div', { class: 'authors-note', role: 'note' });
        for (const paragraph of block.blocks) appendParagraph(note, paragraph);
      } else appendParagraph(section, block);
    }
  });
}

function appendParagraph(parent: XmlNode, paragraph: Paragraph): void {
  if (paragraph.lines) appendVerse(parent.ele('p', { class: 'verse' }), paragraph.lines);
  else appendInlines(parent.ele('p'), paragraph.inlines);
}

function appendVerse(paragraph: XmlNode, lines: readonly Inline[][]): void {
  lines.forEach((line, index) => {
    if (index > 0) {
      paragraph.ele('br');
      paragraph.txt('\n');
    }
    appendInlines(paragraph, line);
  });
}
