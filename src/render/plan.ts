import type { Book, ChangeMark } from '../model/book.js';
import type { Chapter, Story } from '../model/story.js';
import { chapterDocumentName, storyKeys } from './document-names.js';
import { planImages, type PlannedImage } from './images.js';
import { markText } from './xhtml.js';

export type DocumentKind = 'cover' | 'title-page' | 'disclaimer' | 'summary' | 'chapter';

/** One XHTML document of the book, in reading order. */
export interface PlannedDocument {
  id: string;
  /** Path relative to the package document, e.g. `text/the-far-shore-c002.xhtml`. */
  href: string;
  kind: DocumentKind;
  /** What the table of contents calls it. */
  label: string;
  story?: Story;
  chapter?: Chapter;
  /** With --mark-new: this chapter, or the story this title page opens, is new or updated since the previous build. */
  mark?: ChangeMark;
  /** A chapter's images: each image key's file, relative to the chapter. */
  images?: ReadonlyMap<string, string>;
}

export interface BookPlan {
  documents: PlannedDocument[];
  /** The image files the chapters show, in book order. */
  images: PlannedImage[];
  /** Per story, the documents that belong to it, for the nested table of contents. */
  stories: Array<{ story: Story; documents: PlannedDocument[] }>;
}

/**
 * Decides every document of a book, its file name and label; nav, NCX and spine all follow it.
 * Names come from the story's key and the chapter's place in the story (document-names.ts), not
 * from positions in the book, so documents keep their names as the library grows.
 */
export function planBook(book: Book): BookPlan {
  const documents: PlannedDocument[] = [];
  const images: PlannedImage[] = [];
  if (book.cover) documents.push({ id: 'cover', href: 'text/cover.xhtml', kind: 'cover', label: 'Cover' });
  const keys = storyKeys(book.stories);
  const stories = book.stories.map((story, storyIndex) => {
    const key = keys[storyIndex] as string;
    const pictures = planImages(story, key);
    images.push(...pictures.images);
    const own: PlannedDocument[] = [];
    const add = (name: string, kind: DocumentKind, label: string, chapter?: Chapter, mark?: ChangeMark): void => {
      own.push({
        id: name,
        href: `text/${name}.xhtml`,
        kind,
        label,
        story,
        ...(chapter ? { chapter } : {}),
        ...(mark ? { mark } : {}),
        ...(chapter?.images ? { images: pictures.hrefs } : {}),
      });
    };
    const storyMark = book.marks?.stories.includes(storyIndex) ? 'new' : undefined;
    add(`${key}-title`, 'title-page', book.stories.length > 1 ? story.meta.title : 'Title Page', undefined, storyMark);
    if (story.meta.disclaimer) add(`${key}-disclaimer`, 'disclaimer', 'Disclaimer');
    if (story.meta.summary) add(`${key}-summary`, 'summary', 'Summary');
    story.chapters.forEach((chapter, index) => {
      const place = (story.firstChapter ?? 0) + index;
      const mark = book.marks?.chapters.find((m) => m.story === storyIndex && m.chapter === place)?.mark;
      add(chapterDocumentName(key, place), 'chapter', chapterLabel(story, index), chapter, mark);
    });
    documents.push(...own);
    return { story, documents: own };
  });
  return { documents, images, stories };
}

/** The heading of a chapter: as written, else the story title for a lone or opening section. */
export function chapterLabel(story: Story, index: number): string {
  return headingAt(story, (story.firstChapter ?? 0) + index, (story.chapters[index] as Chapter).title);
}

/** The heading of the chapter at `place` in its story (from 0), given the title it was written with. */
export function headingAt(story: Pick<Story, 'meta'>, place: number, title: string | undefined): string {
  if (title !== undefined) return title;
  return place === 0 ? story.meta.title : `Chapter ${place + 1}`;
}

/** A label as the contents show it: `(New) Chapter 5` for a marked document, as its heading shows it. */
export function markedLabel(document: Pick<PlannedDocument, 'label' | 'mark'>): string {
  return document.mark ? `${markText(document.mark)} ${document.label}` : document.label;
}
