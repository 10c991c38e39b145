import { layoutVolumes, makeVolumes } from '../group/volumes.js';
import type { Book } from '../model/book.js';
import type { ChapterPrint, StoryHead } from '../model/story.js';
import { sliceStory } from './story-store.js';

// What a book costs besides its chapters' text, deflated: package document, contents, stylesheet,
// and a drawn cover (25–50 KB for the sample books). A cover image given is not known yet here:
// a large one can take a volume over, which the build then reports (output/over-size).
const BOOK_OVERHEAD = 120_000;
// Title page, disclaimer and summary of a story in a volume.
const STORY_OVERHEAD = 3_000;
// Prose deflates to 35–45 % of its bytes; markup adds a little, and an estimate must not fall short.
const DEFLATED_SHARE = 0.5;
const CHAPTER_OVERHEAD = 600;

/** Bytes in a megabyte as `--max-book-size` counts them: 10^6, the smaller reading, so a volume fits either. */
export const MEGABYTE = 1_000_000;

/**
 * A book larger than `maxBytes` (estimated from its text, before it is made) cut into volumes at
 * chapter boundaries (group/volumes.ts); a book within it as it is.
 */
export function splitIntoVolumes(book: Book<StoryHead>, maxBytes: number): Array<Book<StoryHead>> {
  const sizes = book.stories.map((story) =>
    story.stats.prints.map((print, index) => estimatedBytes(print) + (index === 0 ? STORY_OVERHEAD : 0)),
  );
  return makeVolumes(book, layoutVolumes(sizes, maxBytes - BOOK_OVERHEAD), sliceStory);
}

function estimatedBytes(print: ChapterPrint): number {
  // Pictures are compressed already: they count whole.
  return Math.ceil(print.bytes * DEFLATED_SHARE) + (print.imageBytes ?? 0) + CHAPTER_OVERHEAD;
}
