import type { Book, ChangeMark } from '../model/book.js';
import type { Chapter, Inline, Paragraph } from '../model/story.js';
import type { XmlNode } from './xml.js';
import { appendHeading, appendInlines, xhtmlDocument } from './xhtml.js';

const ROLES = { chapter: 'doc-chapter', prologue: 'doc-prologue', epilogue: 'doc-epilogue' } as const;

/** One chapter: its heading, paragraphs (verse with its line breaks), author's notes and scene breaks. */
export function renderChapter(book: Book, chapter: Chapter, label: string, mark?: ChangeMark): string {
  return xhtmlDocument({ title: label, language: book.language, stylesheet: '../style.css' }, (body) => {
    const section = body.ele('section', { 'epub:type': chapter.kind, role: ROLES[chapter.kind], class: 'chapter' });
    appendHeading(section.ele('h2'), label, mark);
    for (const block of chapter.blocks) {
      if (block.kind === 'scene-break') section.ele('hr', { class: 'scene-break' });
      else if (block.kind === 'note') {
        // role="note", not epub:type="footnote": readers would hide a footnote until it is tapped.
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

/** Verse lines with `<br/>` between them; the newline after each keeps words apart in plain-text extracts. */
function appendVerse(paragraph: XmlNode, lines: readonly Inline[][]): void {
  lines.forEach((line, index) => {
    if (index > 0) {
      paragraph.ele('br');
      paragraph.txt('\n');
    }
    appendInlines(paragraph, line);
  });
}
