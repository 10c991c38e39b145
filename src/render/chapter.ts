import type { Book } from '../book/model.js';
import type { Chapter } from '../story/model.js';
import { appendInlines, xhtmlDocument } from './xhtml.js';

const ROLES = { chapter: 'doc-chapter', prologue: 'doc-prologue', epilogue: 'doc-epilogue' } as const;

/** One chapter: its heading, paragraphs and scene breaks. */
export function renderChapter(book: Book, chapter: Chapter, label: string): string {
  return xhtmlDocument({ title: label, language: book.language, stylesheet: '../style.css' }, (body) => {
    const section = body.ele('section', { 'epub:type': chapter.kind, role: ROLES[chapter.kind], class: 'chapter' });
    section.ele('h2').txt(label);
    for (const block of chapter.blocks) {
      if (block.kind === 'scene-break') section.ele('hr', { class: 'scene-break' });
      else appendInlines(section.ele('p'), block.inlines);
    }
  });
}
