import JSZip from 'jszip';

/** One file of the EPUB container. */
export interface EpubFile {
  /** Path inside the zip, `/`-separated, never absolute and never with `..`. */
  path: string;
  data: string | Uint8Array;
}

/**
 * Files → EPUB bytes. `mimetype` must come first, stored uncompressed; every entry gets the same
 * fixed date so the same files always give the same bytes. Pure apart from CPU work.
 */
export async function pack(files: readonly EpubFile[], modified: number): Promise<Uint8Array> {
  const [first, ...rest] = files;
  if (first?.path !== 'mimetype') throw new Error('pack: the first file must be mimetype');
  const date = new Date(modified * 1000);
  const zip = new JSZip();
  zip.file('mimetype', first.data, { compression: 'STORE', date, createFolders: false });
  for (const file of rest) {
    if (file.path.startsWith('/') || file.path.split('/').includes('..')) throw new Error(`pack: unsafe entry name ${file.path}`);
    zip.file(file.path, file.data, { compression: 'DEFLATE', date, createFolders: false });
  }
  return zip.generateAsync({ type: 'uint8array', mimeType: 'application/epub+zip', compressionOptions: { level: 9 } });
}
