import type { Book } from '../model/book.js';
import type { StoryInfo } from '../model/story.js';
import { safeFileName } from './file-names.js';
import { identifierFor } from './identifier.js';

/** A run of one story's chapters in a volume: the story's index in the book, and chapters `from` up to (not including) `to`. */
export interface VolumeRun {
  story: number;
  from: number;
  to: number;
}

/**
 * Where a book is cut into volumes of at most `budget` bytes (estimated, per chapter). Volumes are
 * filled from the start, a chapter at a time, so chapters and stories added at the end of a
 * series only ever change its last volume (or add one): the volumes a reader has are left as they
 * were. A chapter larger than the budget is a volume of its own. A book within the budget is one
 * volume, unchanged.
 */
export function layoutVolumes(chapterSizes: ReadonlyArray<readonly number[]>, budget: number): VolumeRun[][] {
  const volumes: VolumeRun[][] = [];
  let current: VolumeRun[] = [];
  let used = 0;
  chapterSizes.forEach((sizes, story) => {
    sizes.forEach((size, chapter) => {
      if (used + size > budget && current.length > 0) {
        volumes.push(current);
        current = [];
        used = 0;
      }
      const last = current.at(-1);
      if (last?.story === story) last.to = chapter + 1;
      else current.push({ story, from: chapter, to: chapter + 1 });
      used += size;
    });
  });
  if (current.length > 0) volumes.push(current);
  return volumes;
}

/**
 * The volumes of a book, laid out by layoutVolumes; `slice` cuts a story down to a run of its
 * chapters. Volume N is titled "Title, Vol. N" and sits at place N of a series named after the
 * book (a story that is a part of a series keeps its place there). Volume 1 keeps the book's
 * identifier, so a book that grows past the limit stays the same book on a reader's shelf; the
 * others get their own, from it.
 */
export function makeVolumes<S extends StoryInfo>(
  book: Book<S>,
  layout: readonly VolumeRun[][],
  slice: (story: S, from: number, to: number) => S,
): Array<Book<S>> {
  if (layout.length <= 1) return [book];
  const isStoryInSeries = book.stories.length === 1 && book.series !== undefined;
  const runsOf = new Map<number, number>();
  for (const run of layout.flat()) runsOf.set(run.story, (runsOf.get(run.story) ?? 0) + 1);
  return layout.map((runs, index) => {
    const number = index + 1;
    const title = `${book.title}, Vol. ${number}`;
    const stories = runs.map((run) => {
      const story = book.stories[run.story] as S;
      // A story all in one volume stays as it is; one cut across volumes is sliced.
      return runsOf.get(run.story) === 1 ? story : slice(story, run.from, run.to);
    });
    return {
      ...book,
      identifier: number === 1 ? book.identifier : identifierFor(`${book.identifier}\nvolume ${number}`),
      title,
      fileName: safeFileName(title),
      stories,
      volume: number,
      series: isStoryInSeries && book.series ? book.series : { name: book.series?.name ?? book.title, part: number },
    };
  });
}
