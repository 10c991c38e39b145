import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
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
    const file = path.join(this.folder, `${this.next++}.json`);
    await writeFile(file, JSON.stringify(chapters));
    return async () => {
      const text = await readFile(file, 'utf8').catch(() => undefined);
      return text === undefined ? undefined : (JSON.parse(text) as Chapter[]);
    };
  }

  async remove(): Promise<void> {
    await rm(this.folder, { recursive: true, force: true });
  }
}
