import { stat } from 'node:fs/promises';
import path from 'node:path';
import { UsageError } from '../config/options.js';

export type DeviceKind = 'kobo' | 'kindle' | 'folder';

export interface Device {
  kind: DeviceKind;
  /** The folder as given: the mounted reader, or any folder. */
  root: string;
  /** Where books go: a Kobo's root, a Kindle's `documents/`, or the folder itself. */
  target: string;
}

const isFolder = (folder: string): Promise<boolean> =>
  stat(folder).then(
    (info) => info.isDirectory(),
    () => false,
  );

/**
 * What is mounted at `root`: a Kobo has a `.kobo` folder at its root; a Kindle has `documents/`
 * and `system/`. Anything else is a plain folder. Throws a usage error when it is no folder.
 */
export async function detectDevice(root: string): Promise<Device> {
  if (!(await isFolder(root)))
    throw new UsageError(
      `${root}: no such folder; give the folder where the e-reader is mounted (e.g. /media/$USER/KOBOeReader)`,
    );
  if (await isFolder(path.join(root, '.kobo'))) return { kind: 'kobo', root, target: root };
  if ((await isFolder(path.join(root, 'documents'))) && (await isFolder(path.join(root, 'system'))))
    return { kind: 'kindle', root, target: path.join(root, 'documents') };
  return { kind: 'folder', root, target: root };
}

export function describeDevice(device: Device): string {
  if (device.kind === 'kobo') return `the Kobo at ${device.root}`;
  if (device.kind === 'kindle') return `the Kindle at ${device.root}`;
  return device.root;
}
