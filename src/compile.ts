import { stat } from 'node:fs/promises';
import path from 'node:path';
import { groupIntoBooks } from './book/group.js';
import { placeAuthorsNotes } from './clean/authors-notes.js';
import { typesetStory } from './clean/typeset-story.js';
import type { Book } from './book/model.js';
import { checkBooks } from './check/index.js';
import { diagnostic, type Diagnostic } from './diagnostics.js';
import { pack } from './epub/pack.js';
import { listCovers, readCover } from './io/covers.js';
import { discoverStories } from './io/discover.js';
import { writeFileAtomic } from './io/write.js';
import { resolveOptions, UsageError, type BuildOptions } from './options.js';
import { renderBook } from './render/render-book.js';
import { parseStory } from './story/parse-story.js';
import type { Story } from './story/model.js';

export interface WrittenBook {
  /** Path of the written `.epub`. */
  path: string;
  title: string;
  stories: string[];
  chapters: number;
}

export interface BuildResult {
  books: WrittenBook[];
  diagnostics: Diagnostic[];
  /** True when some input could not become a book (the others were still written). */
  failed: boolean;
}

/**
 * The whole pipeline: read → parse → clean → group → render → pack → write (→ check, with
 * `check`). The only place that touches the file system; every stage in between is a pure transform.
 */
export async function build(partial: Partial<BuildOptions> = {}): Promise<BuildResult> {
  const options = resolveOptions({ sourceDateEpoch: sourceDateEpochFromEnv(), ...partial });
  await requireFolder(options.input);

  const { sources, diagnostics } = await discoverStories(options.input);
  const stories: Story[] = [];
  for (const source of sources) {
    const parsed = parseStory(source, { keepJunk: options.keepJunk });
    diagnostics.push(...parsed.diagnostics);
    if (parsed.story) stories.push(cleanStory(parsed.story, options, diagnostics));
  }
  if (sources.length === 0) {
    diagnostics.push(
      diagnostic('warning', 'input/no-stories', options.input, 'no stories found', { hint: 'Put .txt story files (or folders of chapter files) in this folder.' }),
    );
  }

  const books = groupIntoBooks(stories, {
    shape: options.book,
    language: options.language,
    ...(options.sourceDateEpoch !== undefined ? { modified: options.sourceDateEpoch } : {}),
  });
  const covers = await listCovers(options.covers);
  const written: WrittenBook[] = [];
  for (const book of books) {
    const { cover, diagnostics: coverDiagnostics } = await readCover(covers, book);
    diagnostics.push(...coverDiagnostics);
    const withCover: Book = cover ? { ...book, cover } : book;
    const target = path.join(options.out, `${book.fileName}.epub`);
    try {
      await writeFileAtomic(target, await pack(renderBook(withCover), book.modified));
      written.push({
        path: target,
        title: book.title,
        stories: book.stories.map((s) => s.source),
        chapters: book.stories.reduce((n, s) => n + s.chapters.length, 0),
      });
    } catch (error) {
      diagnostics.push(
        diagnostic('error', 'output/write-failed', target, `could not write the book: ${(error as Error).message}`, {
          hint: 'Check that the output folder exists and is writable, and that the disk is not full.',
        }),
      );
    }
  }
  if (options.check && written.length > 0) diagnostics.push(...(await checkBooks(written.map((b) => b.path))).diagnostics);
  return { books: written, diagnostics, failed: diagnostics.some((d) => d.severity === 'error') };
}

/** The story-wide clean transforms: author's notes placed, then typography. */
function cleanStory(story: Story, options: BuildOptions, diagnostics: Diagnostic[]): Story {
  const notes = placeAuthorsNotes(story, options.notes);
  diagnostics.push(...notes.diagnostics);
  return options.typography ? typesetStory(notes.story) : notes.story;
}

async function requireFolder(folder: string): Promise<void> {
  const info = await stat(folder).catch(() => undefined);
  if (!info?.isDirectory()) throw new UsageError(`input folder "${folder}" does not exist or is not a folder; pass the folder that holds your stories`);
}

function sourceDateEpochFromEnv(): number | undefined {
  const value = process.env.SOURCE_DATE_EPOCH;
  if (value === undefined || value.trim() === '') return undefined;
  if (!/^\d+$/.test(value.trim())) throw new UsageError(`SOURCE_DATE_EPOCH: expected a whole number of seconds, got "${value}"`);
  return Number(value);
}
