/** One file of the EPUB container. */
export interface EpubFile {
  /** Path inside the zip, `/`-separated, never absolute and never with `..`. */
  path: string;
  data: string | Uint8Array;
}
