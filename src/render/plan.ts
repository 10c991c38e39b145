import type { Book } from '../model/book.js';
import type { Chapter, Story } from '../model/story.js';

export type DocumentKind = 'cover' | 'title-page' | 'disclaimer' | 'summary' | 'chapter';

/** One XHTML document of the book, in reading order. */
export interface PlannedDocument {
  id: string;
  /** Path relative to the package document, e.g. `text/s01-c002.xhtml`. */
  href: string;
  kind: DocumentKind;
  /** What the table of contents calls it. */
  label: string;
  story?: Story;
  chapter?: Chapter;
}

export interface BookPlan {
  documents: PlannedDocument[];
  /** Per story, the documents that belong to it, for the nested table of contents. */
  stories: Array<{ story: Story; documents: PlannedDocument[] }>;
}

/** Decides every document of a book, its file name and label; nav, NCX and spine all follow it. */
export function planBook(book: Book): BookPlan {
  const documents: PlannedDocument[] = [];
  if (book.cover) documents.push({ id: 'cover', href: 'text/cover.xhtml', kind: 'cover', label: 'Cover' });
  const width = Math.max(2, String(book.stories.length).length);
  const stories = book.stories.map((story, storyIndex) => {
    const prefix = `s${String(storyIndex + 1).padStart(width, '0')}`;
    const own: PlannedDocument[] = [];
    const add = (suffix: string, kind: DocumentKind, label: string, chapter?: Chapter): void => {
      own.push({
        id: `${prefix}-${suffix}`,
        href: `text/${prefix}-${suffix}.xhtml`,
        kind,
        label,
        story,
        ...(chapter ? { chapter } : {}),
      });
    };
    add('title', 'title-page', book.stories.length > 1 ? story.meta.title : 'Title Page');
    if (story.meta.disclaimer) add('disclaimer', 'disclaimer', 'Disclaimer');
    if (story.meta.summary) add('summary', 'summary', 'Summary');
    const chapterWidth = Math.max(3, String(story.chapters.length).length);
    story.chapters.forEach((chapter, index) => {
      add(`c${String(index + 1).padStart(chapterWidth, '0')}`, 'chapter', chapterLabel(story, index), chapter);
    });
    documents.push(...own);
    return { story, documents: own };
  });
  return { documents, stories };
}

/** The heading of a chapter: as written, else the story title for a lone or opening section. */
export function chapterLabel(story: Story, index: number): string {
  const chapter = story.chapters[index] as Chapter;
  if (chapter.title !== undefined) return chapter.title;
  return index === 0 ? story.meta.title : `Chapter ${index + 1}`;
}
