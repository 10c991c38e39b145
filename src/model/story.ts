/** The Story model: what parsing produces and rendering consumes. Plain data, no behaviour. */

export type Inline = { kind: 'text'; text: string } | { kind: 'em'; text: string };

export interface Paragraph {
  kind: 'paragraph';
  inlines: Inline[];
  line: number;
  /** Verse (a poem, a song, an address): the same text line by line, shown with its line breaks. */
  lines?: Inline[][];
}

export type Block =
  | Paragraph
  | { kind: 'scene-break'; line: number }
  /** An author's note (`A/N: …`): the author speaking to readers, set apart from the story. */
  | { kind: 'note'; blocks: Paragraph[]; line: number }
  /** A picture the source holds (an EPUB's own image file): `image` is its key in its chapter's `images`. */
  | { kind: 'image'; image: string; alt: string; line: number };

/** An image's bytes as the source holds them, carried with the chapter that shows it. */
export interface StoryImage {
  /** Where it was in its source (its path inside the EPUB): unique in a story, what image blocks name. */
  key: string;
  /** A raster type every reader shows: image/jpeg, image/png, image/gif or image/webp, read from its bytes. */
  mediaType: string;
  data: Uint8Array;
}

export type ChapterKind = 'chapter' | 'prologue' | 'epilogue';

export interface Chapter {
  /** Heading as written (`Chapter Three: The Fall`), absent for an untitled opening section. */
  title?: string;
  kind: ChapterKind;
  blocks: Block[];
  /** The images its image blocks show, each once; absent when it shows none. */
  images?: StoryImage[];
  /** Source file and line where the chapter starts, for diagnostics. */
  file: string;
  line: number;
}

export interface SeriesRef {
  name: string;
  part?: number;
  total?: number;
}

export interface StoryMeta {
  title: string;
  author: string;
  disclaimer?: string;
  pairing?: string;
  rating?: string;
  timeline?: string;
  summary?: string;
  category?: string;
  warnings?: string;
  language?: string;
  series?: SeriesRef;
  /** First publication date, ISO `YYYY-MM-DD` (or `YYYY-MM`, `YYYY`): orders a series without part numbers. */
  published?: string;
  /** Tags and categories, one subject each (`dc:subject`); also still shown on the title page. */
  tags?: string[];
  /** The fandoms, relationships and characters a work is tagged with (AO3, FanFicFare): subjects, and on the title page. */
  fandoms?: string[];
  relationships?: string[];
  characters?: string[];
  /** The address the story was saved from (`https://archiveofourown.org/works/123`): `dc:source`, and its identity. */
  url?: string;
  /** Header fields ficbind has no special place for, kept in the order written. */
  extra: Array<{ key: string; value: string }>;
}

/** What grouping and ordering read of a story, its chapters loaded or not. */
export interface StoryInfo {
  /** Path of the source (file or folder), relative to the input folder. */
  source: string;
  meta: StoryMeta;
  /**
   * Place in the whole story of its first chapter, when a volume holds a later part of it (0
   * otherwise): documents are named by a chapter's place in its story, so a split renames none.
   */
  firstChapter?: number;
  /** Newest modification time of the sources, in seconds since the epoch. */
  modified: number;
}

/** A story with its chapters in hand: what parsing makes, cleaning changes and rendering takes. */
export interface Story extends StoryInfo {
  chapters: Chapter[];
}

/**
 * What a build knows of a chapter without holding its text: its heading, the digest of what it
 * shows (build/book-record.ts chapterPrint), its words and the bytes of its text (what splitting
 * a book into volumes goes by).
 */
export interface ChapterPrint {
  title?: string;
  digest: string;
  words: number;
  /** UTF-8 bytes of its text. */
  bytes: number;
  /** Bytes of the pictures it shows (an EPUB input's), absent when none: they go into the book as they are. */
  imageBytes?: number;
}

/** Counted when the story was parsed, so a report needs no chapters. */
export interface StoryStats {
  words: number;
  chapters: number;
  /** One per chapter: what a change report and the record of a book need of them. */
  prints: ChapterPrint[];
}

/**
 * A story as a build carries it from parsing to its book: what it says about itself and its
 * counts, its chapters set aside (in the cache, a spill folder, or memory) until its book is
 * made. `withChapters` (build/story-store.ts) turns a book of heads into a book of stories.
 */
export interface StoryHead extends StoryInfo {
  stats: StoryStats;
  /** Key of the parse that made the chapters, when the cache knows it: it stands for them in a book's key. */
  parseKey?: string;
  /** Reads the chapters back; rejects with ChaptersLostError when they are gone. */
  loadChapters: () => Promise<Chapter[]>;
}
