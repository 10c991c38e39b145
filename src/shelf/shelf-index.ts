import { createHash } from 'node:crypto';
import { lstat, readFile, readdir, realpath, stat } from 'node:fs/promises';
import path from 'node:path';
import pLimit from 'p-limit';
import { diagnostic, type Diagnostic } from '../diagnostics/diagnostic.js';
import type { ShelfBook, ShelfFile } from '../model/shelf.js';
import { readBookMetadata, UnreadableBook, type BookMetadata } from './book-metadata.js';

export const KEPUB_SUFFIX = '.kepub.epub';
const EPUB_SUFFIX = '.epub';
/** Output folders are flat, or a level or two deep; deeper is not ficbind's and is not walked. */
const MAX_DEPTH = 4;
/** Files read at once while indexing. */
const READ_CONCURRENCY = 4;

export interface ShelfScan {
  /** Books by file path, in natural file-name order. */
  books: ShelfBook[];
  /** Files that look like books and could not be read as one. */
  problems: Diagnostic[];
}

export interface Shelf {
  /** The folder as given. */
  folder: string;
  /**
   * The books in the folder now. Only files whose size or modification time changed since the
   * last scan are read again, so calling this on every request keeps up with rebuilds cheaply.
   */
  scan(): Promise<ShelfScan>;
  /**
   * The absolute path of a book (or its KEPUB) listed by the last scan, checked again to be a
   * regular file inside the folder; undefined for anything else.
   */
  locate(relative: string): Promise<string | undefined>;
}

interface Found {
  relative: string;
  absolute: string;
  size: number;
  mtimeMs: number;
  ino: number;
}

interface Remembered {
  version: string;
  sha256: string;
  metadata?: BookMetadata;
  problem?: string;
}

/** Opens the folder of finished books. Throws when the folder does not exist. */
export async function openShelf(folder: string): Promise<Shelf> {
  const root = await realpath(folder);
  if (!(await stat(root)).isDirectory()) throw new Error(`${folder} is not a folder`);
  const remembered = new Map<string, Remembered>();
  let known = new Set<string>();
  let scanning: Promise<ShelfScan> | undefined;

  const scanOnce = async (): Promise<ShelfScan> => {
    const found = await walk(root);
    const limit = pLimit(READ_CONCURRENCY);
    const read = await Promise.all(found.map((file) => limit(() => remember(file, remembered))));
    const byRelative = new Map(found.map((file, index) => [file.relative, { file, read: read[index]! }]));
    for (const name of remembered.keys()) if (!byRelative.has(name)) remembered.delete(name);
    const books: ShelfBook[] = [];
    const problems: Diagnostic[] = [];
    for (const { file, read: entry } of byRelative.values()) {
      if (file.relative.endsWith(KEPUB_SUFFIX)) {
        // A KEPUB goes with its EPUB; one alone is a book of its own.
        if (byRelative.has(epubOfKepub(file.relative))) continue;
      }
      if (!entry.metadata) {
        problems.push(diagnostic('shelf/unreadable-book', path.join(folder, file.relative), entry.problem ?? ''));
        continue;
      }
      const kepub = file.relative.endsWith(KEPUB_SUFFIX) ? undefined : byRelative.get(kepubOf(file.relative));
      books.push(shelfBook(file, entry, entry.metadata, kepub && shelfFile(kepub.file, kepub.read)));
    }
    books.sort((a, b) => a.file.localeCompare(b.file, 'en', { numeric: true }));
    // Only the books listed can be fetched: a damaged file stays out of reach as out of the list.
    known = new Set(books.flatMap((book) => (book.kepub ? [book.file, book.kepub.file] : [book.file])));
    return { books, problems };
  };

  return {
    folder,
    scan() {
      // Requests that arrive during a scan share it.
      scanning ??= scanOnce().finally(() => {
        scanning = undefined;
      });
      return scanning;
    },
    async locate(relative) {
      if (!known.has(relative)) return undefined;
      const absolute = path.join(root, ...relative.split('/'));
      const real = await realpath(absolute).catch(() => undefined);
      if (!real || !isInside(root, real)) return undefined;
      const info = await stat(real).catch(() => undefined);
      return info?.isFile() ? real : undefined;
    },
  };
}

/** Every `.epub` under the root (KEPUBs included), skipping dotfiles, dot-folders and links that lead out. */
async function walk(root: string): Promise<Found[]> {
  const found: Found[] = [];
  const visit = async (folder: string, depth: number): Promise<void> => {
    const entries = await readdir(folder, { withFileTypes: true }).catch(() => []);
    for (const entry of entries) {
      if (entry.name.startsWith('.')) continue;
      const absolute = path.join(folder, entry.name);
      const real = entry.isSymbolicLink() ? await realpath(absolute).catch(() => undefined) : absolute;
      if (!real || !isInside(root, real)) continue;
      const info = await (entry.isSymbolicLink() ? stat(real) : lstat(absolute)).catch(() => undefined);
      if (!info) continue;
      if (info.isDirectory()) {
        if (depth < MAX_DEPTH && !entry.isSymbolicLink()) await visit(absolute, depth + 1);
      } else if (info.isFile() && entry.name.toLowerCase().endsWith(EPUB_SUFFIX)) {
        const relative = path.relative(root, absolute).split(path.sep).join('/');
        found.push({ relative, absolute: real, size: info.size, mtimeMs: info.mtimeMs, ino: info.ino });
      }
    }
  };
  await visit(root, 1);
  return found;
}

async function remember(file: Found, remembered: Map<string, Remembered>): Promise<Remembered> {
  const version = `${file.size}:${file.mtimeMs}:${file.ino}`;
  const before = remembered.get(file.relative);
  if (before?.version === version) return before;
  let entry: Remembered;
  try {
    const bytes = new Uint8Array(await readFile(file.absolute));
    const sha256 = createHash('sha256').update(bytes).digest('hex');
    entry = { version, sha256, ...(await metadataOrProblem(bytes)) };
  } catch (error) {
    entry = { version, sha256: '', problem: `cannot read the file: ${(error as Error).message}` };
  }
  remembered.set(file.relative, entry);
  return entry;
}

async function metadataOrProblem(bytes: Uint8Array): Promise<{ metadata?: BookMetadata; problem?: string }> {
  try {
    return { metadata: await readBookMetadata(bytes) };
  } catch (error) {
    if (error instanceof UnreadableBook) return { problem: error.message };
    throw error;
  }
}

function shelfBook(file: Found, read: Remembered, metadata: BookMetadata, kepub: ShelfFile | undefined): ShelfBook {
  const { identifier, modified, ...rest } = metadata;
  return {
    ...shelfFile(file, read),
    key: read.sha256.slice(0, 16),
    identifier: identifier ?? `urn:sha256:${read.sha256}`,
    modified: modified ?? new Date(file.mtimeMs).toISOString(),
    ...rest,
    ...(kepub ? { kepub } : {}),
  };
}

function shelfFile(file: Found, read: Remembered): ShelfFile {
  return { file: file.relative, size: file.size, mtimeMs: file.mtimeMs, sha256: read.sha256 };
}

export function kepubOf(epub: string): string {
  return `${epub.slice(0, -EPUB_SUFFIX.length)}${KEPUB_SUFFIX}`;
}

function epubOfKepub(kepub: string): string {
  return `${kepub.slice(0, -KEPUB_SUFFIX.length)}${EPUB_SUFFIX}`;
}

function isInside(root: string, real: string): boolean {
  return real === root || real.startsWith(root + path.sep);
}
