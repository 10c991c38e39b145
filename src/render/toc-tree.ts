import type { Book } from '../model/book.js';
import { markedLabel, type BookPlan, type PlannedDocument } from './plan.js';
import { storyLanguage } from './story-language.js';

/** One entry of the table of contents; nav.xhtml and toc.ncx are both drawn from this tree. */
export interface TocEntry {
  label: string;
  href: string;
  /** Language of the label: its story's (a chapter title is the story's words), else the book's. */
  language: string;
  children: TocEntry[];
}

/**
 * A book of one story lists its documents flat; a series book nests each story's documents under
 * the story's title, which points at its title page. Order is spine order.
 */
export function tocTree(book: Book, plan: BookPlan): TocEntry[] {
  const leaf = (d: PlannedDocument): TocEntry => ({
    label: markedLabel(d),
    href: d.href,
    language: d.story ? storyLanguage(book, d.story) : book.language,
    children: [],
  });
  const cover = plan.documents.filter((d) => d.kind === 'cover').map(leaf);
  if (plan.stories.length === 1) return [...cover, ...(plan.stories[0]?.documents ?? []).map(leaf)];
  const stories = plan.stories.map(({ documents }) => {
    const [titlePage, ...rest] = documents as [PlannedDocument, ...PlannedDocument[]];
    return { ...leaf(titlePage), children: rest.map(leaf) };
  });
  return [...cover, ...stories];
}
