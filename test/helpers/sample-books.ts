import { mkdtemp, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { groupIntoBooks } from '../../src/group/group.js';
import type { Book } from '../../src/model/book.js';
import { pack } from '../../src/package/pack.js';
import type { EpubFile } from '../../src/model/epub.js';
import { discoverStories } from '../../src/build/discover.js';
import { parseStory } from '../../src/parse/parse-story.js';
import { FIXED_EPOCH, SAMPLES } from './build.js';

/** The sample stories as Books (read → parse → group), without rendering or writing them. */
export async function sampleBooks(): Promise<Book[]> {
  const { sources } = await discoverStories(SAMPLES);
  const stories = sources.flatMap((source) => parseStory(source).story ?? []);
  return groupIntoBooks(stories, { shape: 'series', language: 'en', modified: FIXED_EPOCH });
}

export async function sampleBook(title: string): Promise<Book> {
  const books = await sampleBooks();
  const book = books.find((b) => b.title === title);
  if (!book) throw new Error(`no sample book titled "${title}"; there are: ${books.map((b) => b.title).join(', ')}`);
  return book;
}

/** Packs rendered files into a temporary `.epub` and returns its path, for EPUBCheck. */
export async function packToFile(files: readonly EpubFile[], name: string): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'ficbind-packed-'));
  const file = path.join(dir, name);
  await writeFile(file, await pack(files, FIXED_EPOCH));
  return file;
}
