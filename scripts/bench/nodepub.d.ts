/** The part of nodepub (plain JavaScript, no bundled types) that the benchmark uses. */
declare module 'nodepub' {
  export interface Metadata {
    id: string;
    title: string;
    author: string;
    /** Path of the cover image: nodepub requires one. */
    cover: string;
    epubVersion?: 2 | 3;
    language?: string;
    description?: string;
    published?: string;
    showContents?: boolean;
  }
  export interface Document {
    addSection(
      title: string,
      content: string,
      excludeFromContents?: boolean,
      isFrontMatter?: boolean,
      overrideFilename?: string,
    ): void;
    addCSS(content: string): void;
    /** Writes `<folder>/<filename>.epub`. */
    writeEPUB(folder: string, filename: string): Promise<void>;
  }
  export function document(metadata: Metadata): Document;
}
