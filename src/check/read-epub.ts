import { readFile, stat } from 'node:fs/promises';
import JSZip from 'jszip';
import { diagnostic, type Diagnostic } from '../diagnostics/diagnostic.js';

/** What the reader rules look at in an `.epub`, read once at the edge. */
export interface EpubContents {
  /** Path of the `.epub`, as the user gave it. */
  path: string;
  /** The file's bytes, for checks on the zip layout itself. */
  raw: Uint8Array;
  /** Entry names (folders left out), in the zip's central-directory order. */
  entries: string[];
  /** Decoded text of the XML entries (XHTML, OPF, NCX, other .xml), by entry name. */
  texts: Map<string, string>;
}

/** The book's contents, or the one diagnostic that says why it could not be read. */
export type ReadEpubResult =
  { contents: EpubContents; diagnostics: [] } | { contents?: undefined; diagnostics: [Diagnostic] };

const XML_ENTRY = /\.(?:xhtml|xht|html|htm|opf|ncx|xml)$/i;

/** Reads and unzips a book; a missing, unreadable or non-zip file gives one diagnostic naming it. */
export async function readEpub(file: string): Promise<ReadEpubResult> {
  const info = await stat(file).catch(() => undefined);
  if (!info)
    return {
      diagnostics: [diagnostic('check/no-such-file', file, 'no such file')],
    };
  if (!info.isFile())
    return {
      diagnostics: [diagnostic('check/not-a-file', file, 'not a file')],
    };
  let raw: Uint8Array;
  try {
    raw = new Uint8Array(await readFile(file));
  } catch (error) {
    return {
      diagnostics: [diagnostic('check/unreadable', file, `cannot read the file: ${(error as Error).message}`)],
    };
  }
  let zip: JSZip;
  try {
    zip = await JSZip.loadAsync(raw);
  } catch {
    return {
      diagnostics: [diagnostic('check/not-a-zip', file, 'not an EPUB: it cannot be read as a zip archive')],
    };
  }
  const entries = Object.values(zip.files)
    .filter((entry) => !entry.dir)
    .map((entry) => entry.name);
  const texts = new Map<string, string>();
  for (const name of entries.filter((n) => XML_ENTRY.test(n))) {
    // An entry that does not inflate is left out here; EPUBCheck reports the damage.
    const bytes = await zip.files[name]!.async('uint8array').catch(() => undefined);
    if (bytes) texts.set(name, decodeXml(bytes));
  }
  return { contents: { path: file, raw, entries, texts }, diagnostics: [] };
}

/** XML in an EPUB is UTF-8 or UTF-16 (with a byte-order mark); the BOM itself is dropped. */
export function decodeXml(bytes: Uint8Array): string {
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder('utf-16be').decode(bytes);
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder('utf-16le').decode(bytes);
  return new TextDecoder('utf-8').decode(bytes);
}
