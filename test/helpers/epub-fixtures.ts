import { mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import JSZip from 'jszip';

/**
 * Zips an unzipped EPUB tree (test/fixtures/epub/…/NAME.epub/) as a reader's EPUB is zipped:
 * `mimetype` first and stored, the rest deflated. `change` may edit or drop entries first, to make
 * a broken book out of a good one.
 */
export async function zipEpubTree(
  tree: string,
  change: (entries: Map<string, Uint8Array>) => void = () => undefined,
): Promise<Uint8Array> {
  const entries = new Map<string, Uint8Array>();
  const walk = async (folder: string): Promise<void> => {
    for (const entry of (await readdir(folder, { withFileTypes: true })).sort((a, b) => a.name.localeCompare(b.name))) {
      const full = path.join(folder, entry.name);
      if (entry.isDirectory()) await walk(full);
      else entries.set(path.relative(tree, full).split(path.sep).join('/'), new Uint8Array(await readFile(full)));
    }
  };
  await walk(tree);
  change(entries);
  const zip = new JSZip();
  const mimetype = entries.get('mimetype');
  if (mimetype) zip.file('mimetype', mimetype, { compression: 'STORE' });
  for (const [name, data] of entries) if (name !== 'mimetype') zip.file(name, data, { compression: 'DEFLATE' });
  return zip.generateAsync({ type: 'uint8array' });
}

/** Within `change` of zipEpubTree: rewrites one text entry of the tree (`edit` gets its text, gives the new one). */
export function editEntry(entries: Map<string, Uint8Array>, name: string, edit: (text: string) => string): void {
  const bytes = entries.get(name);
  if (bytes === undefined) throw new Error(`${name} is not in the fixture`);
  entries.set(name, new TextEncoder().encode(edit(new TextDecoder().decode(bytes))));
}

/** A fresh stories folder holding each `NAME.epub/` tree of `fixtures`, zipped as `NAME.epub`. */
export async function epubLibrary(fixtures: string): Promise<string> {
  const stories = await mkdtemp(path.join(os.tmpdir(), 'ficbind-epubs-'));
  for (const name of (await readdir(fixtures)).filter((n) => n.endsWith('.epub')))
    await writeFile(path.join(stories, name), await zipEpubTree(path.join(fixtures, name)));
  return stories;
}
