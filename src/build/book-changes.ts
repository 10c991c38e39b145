import type { ChangeMarks } from '../model/book.js';
import type { BookDescription, BookRecord, StoryRecord } from './book-record.js';

/** A chapter named in a change report: its story's title, its heading, its document. */
export interface ChapterChange {
  story: string;
  chapter: string;
  document: string;
}

/** What changed in a book since the previous build into the same output folder. */
export interface BookChanges {
  /** The previous build made no book of this identifier. */
  isNew: boolean;
  /** Titles of the stories the book gained, and lost. */
  storiesAdded: string[];
  storiesRemoved: string[];
  chaptersAdded: ChapterChange[];
  chaptersChanged: ChapterChange[];
  chaptersRemoved: ChapterChange[];
  /** Metadata fields that changed: `title`, `authors`, … for the book, `summary of "Story"` for a story. */
  metadata: string[];
  /** The file the book was written to before, when it is written under another name now. */
  renamedFrom?: string;
}

export function hasChanges(changes: BookChanges): boolean {
  return (
    changes.isNew ||
    changes.renamedFrom !== undefined ||
    [
      changes.storiesAdded,
      changes.storiesRemoved,
      changes.chaptersAdded,
      changes.chaptersChanged,
      changes.chaptersRemoved,
      changes.metadata,
    ].some((list) => list.length > 0)
  );
}

/** Stories are matched by identity and chapters by their place in the story, so renamed documents are no change of text. */
export function compareBook(previous: BookRecord | undefined, current: BookDescription): BookChanges {
  const changes: BookChanges = {
    isNew: previous === undefined,
    storiesAdded: [],
    storiesRemoved: [],
    chaptersAdded: [],
    chaptersChanged: [],
    chaptersRemoved: [],
    metadata: [],
  };
  if (!previous) return changes;
  changes.metadata.push(...changedFields(previous.metadata, current.metadata));
  const before = new Map(previous.stories.map((s) => [s.identity, s]));
  const now = new Set(current.stories.map((s) => s.identity));
  for (const story of current.stories) {
    const old = before.get(story.identity);
    if (!old) {
      changes.storiesAdded.push(story.title);
      continue;
    }
    const named = current.stories.length > 1 ? ` of "${story.title}"` : '';
    changes.metadata.push(...changedFields(old.metadata, story.metadata).map((field) => `${field}${named}`));
    const oldByPlace = byPlace(old);
    const newByPlace = byPlace(story);
    for (const [place, chapter] of newByPlace) {
      const was = oldByPlace.get(place);
      const change = { story: story.title, chapter: chapter.label, document: chapter.document };
      if (!was) changes.chaptersAdded.push(change);
      else if (was.digest !== chapter.digest) changes.chaptersChanged.push(change);
    }
    for (const [place, chapter] of oldByPlace) {
      if (!newByPlace.has(place))
        changes.chaptersRemoved.push({ story: story.title, chapter: chapter.label, document: chapter.document });
    }
  }
  for (const story of previous.stories) if (!now.has(story.identity)) changes.storiesRemoved.push(story.title);
  // A book of one story has its title twice, as the book's and the story's: said once.
  changes.metadata = [...new Set(changes.metadata)];
  return changes;
}

/**
 * The marks of `--mark-new`: stories new since the previous build, chapters new or updated in the
 * others. A book new as a whole has nothing to mark inside it. While a book's content stays as it
 * was, it keeps the marks it was last written with, so they last until a build without the flag.
 */
export function changeMarks(previous: BookRecord | undefined, current: BookDescription): ChangeMarks | undefined {
  if (!previous) return undefined;
  const marks: ChangeMarks = { stories: [], chapters: [] };
  const before = new Map(previous.stories.map((s) => [s.identity, s]));
  const unchanged = previous.content === current.content;
  current.stories.forEach((story, index) => {
    const old = before.get(story.identity);
    const isNew = unchanged ? old?.mark === 'new' : old === undefined;
    if (isNew) marks.stories.push(index);
    // A new story is marked as a whole; its chapters are not marked one by one.
    if (isNew || !old) return;
    const oldByPlace = byPlace(old);
    for (const [place, chapter] of byPlace(story)) {
      const was = oldByPlace.get(place);
      const mark = unchanged ? was?.mark : !was ? 'new' : was.digest !== chapter.digest ? 'updated' : undefined;
      if (mark) marks.chapters.push({ story: index, chapter: place, mark });
    }
  });
  return marks.stories.length > 0 || marks.chapters.length > 0 ? marks : undefined;
}

function byPlace(story: StoryRecord): Map<number, StoryRecord['chapters'][number]> {
  return new Map(story.chapters.map((chapter, index) => [story.first + index, chapter]));
}

function changedFields(before: Record<string, string>, after: Record<string, string>): string[] {
  const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])];
  return keys.filter((key) => before[key] !== after[key]);
}

/** The record of a book as written with these marks, so the next build can keep them. */
export function withMarks(description: BookDescription, marks: ChangeMarks | undefined): BookDescription {
  if (!marks) return description;
  const stories = description.stories.map((story, index): StoryRecord => {
    const chapters = story.chapters.map((chapter, i) => {
      const mark = marks.chapters.find((m) => m.story === index && m.chapter === story.first + i)?.mark;
      return mark ? { ...chapter, mark } : chapter;
    });
    return { ...story, chapters, ...(marks.stories.includes(index) ? { mark: 'new' as const } : {}) };
  });
  return { ...description, stories };
}
