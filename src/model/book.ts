import type { SeriesRef, Story, StoryInfo } from './story.js';

export type BookShape = 'series' | 'story';

export interface Cover {
  /** Image bytes and their media type; the file name in the book is derived from the type. */
  data: Uint8Array;
  mediaType: 'image/jpeg' | 'image/png';
}

/** A book of stories: with their chapters (`Story`, to render) or not yet (`StoryHead`, while planning). */
export interface Book<S extends StoryInfo = Story> {
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
}
