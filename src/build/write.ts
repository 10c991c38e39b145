import { mkdir, readdir, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';

/**
 * Writes to a temporary file beside the target and renames it into place, so an interrupted
 * build never leaves a truncated book under the final name.
 */
export async function writeFileAtomic(target: string, data: Uint8Array): Promise<void> {
  await mkdir(path.dirname(target), { recursive: true });
  const folder = path.dirname(target);
  const prefix = `.${path.basename(target)}.`;
  const temporary = path.join(folder, `${prefix}${process.pid}.tmp`);
  // A build killed mid-write leaves its temporary file behind; the next write of that book clears it.
  for (const name of await readdir(folder)) {
    if (name.startsWith(prefix) && name.endsWith('.tmp')) await rm(path.join(folder, name), { force: true });
  }
  try {
    await writeFile(temporary, data);
    await rename(temporary, target);
  } catch (error) {
    await rm(temporary, { force: true });
    throw error;
  }
}
