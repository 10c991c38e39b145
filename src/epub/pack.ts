import JSZip from 'jszip';

/** One file of the EPUB container. */
export interface EpubFile {
  /** Path inside the zip, `/`-separated, never absolute and never with `..`. */
  path: string;
  data: string | Uint8Array;
}

/**
 * Files → EPUB bytes. `mimetype` comes first, stored uncompressed; the rest follow sorted by name,
 * each with the same fixed date, so the same files always give the same bytes.
 */
export async function pack(files: readonly EpubFile[], modified: number): Promise<Uint8Array> {
  const mimetype = files.find((f) => f.path === 'mimetype');
  if (!mimetype) throw new Error('pack: a book needs a mimetype file');
  const date = new Date(modified * 1000);
  const zip = new JSZip();
  zip.file('mimetype', mimetype.data, { compression: 'STORE', date, createFolders: false });
  const rest = files.filter((f) => f !== mimetype).sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  for (const file of rest) {
    if (!isSafeEntryName(file.path)) throw new Error(`pack: unsafe entry name ${JSON.stringify(file.path)}`);
    zip.file(file.path, file.data, { compression: 'DEFLATE', date, createFolders: false });
  }
  return zip.generateAsync({ type: 'uint8array', mimeType: 'application/epub+zip', compressionOptions: { level: 9 } });
}

/** Entry names stay inside the book: relative, no `..`, no backslashes or empty segments. */
export function isSafeEntryName(name: string): boolean {
  return name !== '' && !name.startsWith('/') && !name.includes('\\') && name.split('/').every((part) => part !== '' && part !== '.' && part !== '..');
}
