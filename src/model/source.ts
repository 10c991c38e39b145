/** Story files as found and read: the shapes discovery hands to parsing and grouping. */

/** How a story file is read, by its extension (`parse/formats/index.ts` keeps the list). */
export type StoryFormat = 'text' | 'html' | 'markdown' | 'epub';

/** One decoded input file. */
export interface SourceFile {
  /** Path relative to the input folder, with `/` separators. */
  path: string;
  text: string;
  /** Modification time, seconds since the epoch. */
  modified: number;
  /** The encoding the bytes were read as (`utf-8`, `windows-1252`…), for `ficbind list`. */
  encoding?: string;
  /** SHA-256 of the bytes, hex, when read from disk: what the build cache knows the file by. */
  digest?: string;
  /** A zipped book (an EPUB): its entries by path inside it, unzipped by build/; `text` is then empty. */
  archive?: ReadonlyMap<string, Uint8Array>;
}

/** A story file as found: where it is and how it reads, its text left on disk until it is parsed. */
export type FoundFile = Omit<SourceFile, 'text' | 'archive'>;

/** What becomes one story: a single file, or a folder holding one file per chapter. */
export interface StorySource<F extends FoundFile = SourceFile> {
  path: string;
  files: F[];
}

export type FoundSource = StorySource<FoundFile>;

/** What one file says about itself, enough to tell chapters of one story from distinct stories. */
export interface SourceFacts {
  /** The title the file declares (header, front matter, page), not one guessed from its first line. */
  title?: string;
  author?: string;
  /** The chapter number the file gives itself: its opening heading, its page address or its name. */
  chapter?: number;
  /** The chapter number in the file name (`Story Chapter 2.html`, `story-ch2.txt`, `ch2.txt`). */
  nameChapter?: { stem: string; number: number };
  /** The part a posted part says it is (`Subject: Harbour Lights 2/3`, `Part 2 of 3`). */
  part?: number;
  /** Site and story id of a saved archive page (`fanfiction.net/s/123`), from the page's own address. */
  archiveId?: string;
}
