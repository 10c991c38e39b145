import { createHash } from 'node:crypto';
import { readdir, readFile, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { deserialize, serialize } from 'node:v8';
import { writeFileAtomic } from '../write.js';
import type { Diagnostic } from '../../diagnostics/diagnostic.js';
import type { FileIndex, FileRecord } from '../discover.js';
import type { Chapter, ChapterPrint, StoryInfo } from '../../model/story.js';

const MANIFEST = 'manifest.json';

interface BookEntry {
  key: string;
  /** Size and modification time of the book when written: a book changed or removed since is rebuilt. */
  size: number;
  mtimeMs: number;
}

/**
 * A parsed story as cached, without its chapters: what a build needs to group the story and key
 * its book. The chapters are kept apart and read only when the story's book is made, so a rebuild
 * reads little and a build never holds every story's text at once.
 */
export interface CachedStory {
  story?: StoryInfo;
  diagnostics: Diagnostic[];
  words: number;
  chapterCount: number;
  /** Each chapter's heading and digest (build/book-record.ts), for change reports without the text. */
  prints?: ChapterPrint[];
}

interface Manifest {
  books: Record<string, BookEntry>;
  /** Story files by absolute path, as last read (discover.ts FileIndex), by the code that read them. */
  files?: Record<string, FileRecord>;
  filesCode?: string;
}

/**
 * The incremental-build cache in `.ficbind-cache/`: parsed stories by content key, and for each
 * book written the key of what it was made from. Everything in it can be deleted at any time;
 * a damaged or foreign entry is ignored, never trusted.
 */
export class BuildCache {
  private manifest: Manifest = { books: {} };
  /** The files this build found, and the code that read them: the next build's index (files gone since are dropped). */
  private readonly filesSeen: Record<string, FileRecord> = {};
  private filesCode = '';

  /** The index of story files: last build's records, if read by the same code, to look in; this build's kept. */
  fileIndex(code: string): FileIndex {
    this.filesCode = code;
    const known = this.manifest.filesCode === code ? (this.manifest.files ?? {}) : {};
    return {
      get: (full) => {
        const record = known[full];
        return record && typeof record === 'object' && Array.isArray(record.diagnostics) ? record : undefined;
      },
      set: (full, record) => {
        this.filesSeen[full] = record;
      },
    };
  }

  private constructor(private readonly folder: string) {}

  static async open(folder: string): Promise<BuildCache> {
    const cache = new BuildCache(folder);
    const saved = await readJson<Manifest>(path.join(folder, MANIFEST));
    if (saved && typeof saved.books === 'object' && saved.books !== null) cache.manifest = saved;
    return cache;
  }

  async story(key: string): Promise<CachedStory | undefined> {
    return readJson<CachedStory>(this.storyPath(key, 'json'));
  }

  /** The chapters of the story saved under `key`; undefined when the entry is gone or damaged. */
  async chapters(key: string): Promise<Chapter[] | undefined> {
    const chapters = await readFile(this.storyPath(key, 'chapters'))
      .then((data) => deserialize(data) as unknown)
      .catch(() => undefined);
    return Array.isArray(chapters) ? (chapters as Chapter[]) : undefined;
  }

  /** Forgets a story whose chapters were found missing, so the next build parses it again. */
  async forgetStory(key: string): Promise<void> {
    await rm(this.storyPath(key, 'json'), { force: true });
  }

  /**
   * Chapters first: an entry whose story is there always has its chapters. They are kept as
   * structured-clone bytes (node:v8), not JSON, which would lose their images' bytes.
   */
  async saveStory(key: string, entry: CachedStory, chapters: readonly Chapter[]): Promise<void> {
    await writeFileAtomic(this.storyPath(key, 'chapters'), serialize(chapters));
    await writeJson(this.storyPath(key, 'json'), entry);
  }

  /** A generated cover saved under `key` (generatedCoverKey); undefined when missing or not a whole PNG. */
  async cover(key: string): Promise<Uint8Array | undefined> {
    const data = await readFile(this.coverPath(key)).catch(() => undefined);
    return data && isWholePng(data) ? new Uint8Array(data.buffer, data.byteOffset, data.byteLength) : undefined;
  }

  async saveCover(key: string, png: Uint8Array): Promise<void> {
    await writeFileAtomic(this.coverPath(key), png);
  }

  /** True when `target` still holds the book made from `key`. */
  async isFresh(target: string, key: string): Promise<boolean> {
    const entry = this.manifest.books[path.resolve(target)];
    if (entry?.key !== key) return false;
    const info = await stat(target).catch(() => undefined);
    return info !== undefined && info.size === entry.size && info.mtimeMs === entry.mtimeMs;
  }

  async recordBook(target: string, key: string): Promise<void> {
    const info = await stat(target);
    this.manifest.books[path.resolve(target)] = { key, size: info.size, mtimeMs: info.mtimeMs };
  }

  async save(): Promise<void> {
    await writeJson(path.join(this.folder, MANIFEST), {
      ...this.manifest,
      files: this.filesSeen,
      filesCode: this.filesCode,
    });
  }

  private coverPath(key: string): string {
    return path.join(this.folder, 'covers', key.slice(0, 2), `${key}.png`);
  }

  private storyPath(key: string, extension: 'json' | 'chapters'): string {
    return path.join(this.folder, 'stories', key.slice(0, 2), `${key}.${extension}`);
  }
}

/**
 * A fingerprint of ficbind's own code (version, and the size and date of each of its modules), so
 * a cache made by other code — another version, or a developer's edit — never matches.
 */
export async function codeFingerprint(): Promise<string> {
  // ficbind's src/ (or dist/, when built): two folders up from build/cache/.
  const root = fileURLToPath(new URL('../../', import.meta.url));
  const hash = createHash('sha256');
  const manifest = await readFile(path.join(root, '..', 'package.json'), 'utf8').catch(() => '');
  hash.update(manifest);
  const files = (await readdir(root, { recursive: true })).map(String).sort();
  for (const file of files) {
    const info = await stat(path.join(root, file)).catch(() => undefined);
    if (info?.isFile()) hash.update(`${file}\0${info.size}\0${info.mtimeMs}\n`);
  }
  return hash.digest('hex');
}

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
const PNG_END = Buffer.from([0x49, 0x45, 0x4e, 0x44, 0xae, 0x42, 0x60, 0x82]);

/** Starts as a PNG and ends with its IEND chunk: not a truncated or foreign file. */
function isWholePng(data: Buffer): boolean {
  return data.length > 16 && data.subarray(0, 8).equals(PNG_SIGNATURE) && data.subarray(-8).equals(PNG_END);
}

async function readJson<T>(file: string): Promise<T | undefined> {
  try {
    return JSON.parse(await readFile(file, 'utf8')) as T;
  } catch {
    return undefined;
  }
}

/** Through the same atomic write as the books, so a killed build never leaves half an entry. */
async function writeJson(file: string, value: unknown): Promise<void> {
  await writeFileAtomic(file, Buffer.from(JSON.stringify(value)));
}
