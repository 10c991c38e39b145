import type { SeriesRef, Story, StoryInfo } from './story.js';

export type BookShape = 'series' | 'story';

export interface Cover {
  /** Image bytes and their media type; the file name in the book is derived from the type. */
  data: Uint8Array;
  mediaType: 'image/jpeg' | 'image/png';
  /**
   * What the cover shows, in words: its text alternative. A drawn cover knows its words; an image
   * from covers/ does not, and its page says whose cover it is instead.
   */
  description?: string;
}

/** A chapter or story new since the previous build, or a chapter whose text changed. */
export type ChangeMark = 'new' | 'updated';

/** With `--mark-new`: what changed since the previous build, marked in the contents and on its heading. */
export interface ChangeMarks {
  /** Indexes (in `Book.stories`) of the stories new since the previous build. */
  stories: number[];
  /** Chapters by story index and place in that story (from 0, counted from the story's first chapter). */
  chapters: Array<{ story: number; chapter: number; mark: ChangeMark }>;
}

/** A book of stories: with their chapters (`Story`, to render) or not yet (`StoryHead`, while planning). */
export interface Book<S extends StoryInfo = Story> {
  /** `dc:identifier`, from what the book is and not what it holds (group/identifier.ts), or as the config pins it. */
  identifier: string;
  /** File name (without `.epub`) the book is written under, safe on every file system. */
  fileName: string;
  title: string;
  authors: string[];
  language: string;
  /** The series this book is or belongs to, with the position of its first story. */
  series?: SeriesRef;
  stories: S[];
  cover?: Cover;
  /** `dcterms:modified`, seconds since the epoch. */
  modified: number;
  /** One volume of a book split by size (`--max-book-size`): its number, from 1. */
  volume?: number;
  marks?: ChangeMarks;
}
