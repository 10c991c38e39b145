import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { deserialize, serialize } from 'node:v8';
import type { Chapter } from '../../model/story.js';

/**
 * Where a build without a cache keeps parsed chapters until their book is made: a folder of its
 * own in the system's temporary folder, removed when the build ends. Nothing else reads it, so a
 * plain write is enough (the cache's entries are written atomically; these need not be).
 */
export class ChapterSpill {
  private next = 0;

  private constructor(private readonly folder: string) {}

  static async open(): Promise<ChapterSpill> {
    return new ChapterSpill(await mkdtemp(path.join(os.tmpdir(), 'ficbind-build-')));
  }

  /** Writes the chapters away and returns how to read them back. */
  async put(chapters: readonly Chapter[]): Promise<() => Promise<Chapter[] | undefined>> {
    // Structured-clone bytes, not JSON: a chapter's images are bytes (Uint8Array), which JSON loses.
    const file = path.join(this.folder, `${this.next++}.v8`);
    await writeFile(file, serialize(chapters));
    return async () => {
      const data = await readFile(file).catch(() => undefined);
      return data === undefined ? undefined : (deserialize(data) as Chapter[]);
    };
  }

  async remove(): Promise<void> {
    await rm(this.folder, { recursive: true, force: true });
  }
}
