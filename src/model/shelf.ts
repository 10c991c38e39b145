/** A finished book in an output folder, as the catalog, the shelf page and `send` see it. */
export interface ShelfBook {
  /** Path of the EPUB relative to the folder, `/`-separated (e.g. `The Lantern Road.epub`). */
  file: string;
  /** First 16 hex digits of the file's SHA-256: names its cover and thumbnail URLs, which change with it. */
  key: string;
  size: number;
  mtimeMs: number;
  /** SHA-256 of the file's bytes, hex: with the identifier, tells whether a copy elsewhere is unchanged. */
  sha256: string;
  /** The package's unique identifier (`urn:uuid:…`), or `urn:sha256:…` of the file when it names none. */
  identifier: string;
  title: string;
  authors: string[];
  language?: string;
  series?: ShelfSeries;
  subjects: string[];
  summary?: string;
  /** `dcterms:modified` (ISO 8601), or the file's modification time when the book gives none. */
  modified: string;
  /** The cover image inside the zip. */
  cover?: { entry: string; mediaType: string };
  /** The Kobo variant written beside it (`NAME.kepub.epub`), when there is one. */
  kepub?: ShelfFile;
}

export interface ShelfSeries {
  name: string;
  /** Position in the series (1, 2, 2.5), when the book gives one. */
  position?: number;
}

/** A file on the shelf by its path relative to the folder, with what tells one version from another. */
export interface ShelfFile {
  file: string;
  size: number;
  mtimeMs: number;
  sha256: string;
}
