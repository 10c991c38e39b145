import { open, rename, rm } from 'node:fs/promises';
import path from 'node:path';

/**
 * Writes a file on a reader's storage as a whole or not at all: to a dot-named temporary file
 * beside it, flushed to the device (fsync) before the rename, so a reader unplugged or a copy
 * interrupted never leaves a truncated book under the book's name. build/write.ts does the same
 * without the flush, which a local disk does not need.
 */
export async function writeDurably(target: string, bytes: Uint8Array): Promise<void> {
  const temporary = path.join(path.dirname(target), `.${path.basename(target)}.${process.pid}.ficbind-tmp`);
  try {
    const handle = await open(temporary, 'w');
    try {
      await handle.writeFile(bytes);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temporary, target);
  } catch (error) {
    await rm(temporary, { force: true });
    throw error;
  }
}
