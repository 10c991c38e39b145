import { readFile } from 'node:fs/promises';
import JSZip from 'jszip';
import { DOMParser, type Document, type Element, type Node } from '@xmldom/xmldom';

export interface OpenedEpub {
  zip: JSZip;
  /** Entry names in the order they are stored. */
  entries: string[];
  raw: Uint8Array;
  text(name: string): Promise<string>;
  /** Parses an entry as XML, failing on any well-formedness error. */
  xml(name: string): Promise<Document>;
}

export async function openEpub(file: string): Promise<OpenedEpub> {
  const raw = new Uint8Array(await readFile(file));
  const zip = await JSZip.loadAsync(raw);
  const entries = Object.keys(zip.files);
  const text = async (name: string): Promise<string> => {
    const entry = zip.file(name);
    if (!entry) throw new Error(`${file}: no entry ${name}`);
    return entry.async('string');
  };
  return { zip, entries, raw, text, xml: async (name) => parseXml(await text(name), name) };
}

export function parseXml(source: string, name = 'document'): Document {
  const errors: string[] = [];
  const doc = new DOMParser({
    onError: (level, message) => {
      if (level !== 'warning') errors.push(message);
    },
  }).parseFromString(source, 'application/xml');
  if (errors.length > 0) throw new Error(`${name} is not well-formed XML: ${errors.join('; ')}`);
  return doc;
}

export function all(node: Document | Element, tag: string): Element[] {
  return Array.from(node.getElementsByTagName(tag));
}

/** Text of an element, or of a whole document's root element (a Document's own textContent is null). */
export function textOf(node: Node | Document): string {
  const element = 'documentElement' in node && node.documentElement ? node.documentElement : node;
  return (element.textContent ?? '').replace(/\s+/g, ' ').trim();
}

/** The package document of an opened EPUB, found through container.xml. */
export async function packageDocument(epub: OpenedEpub): Promise<{ path: string; doc: Document; dir: string }> {
  const container = await epub.xml('META-INF/container.xml');
  const rootfile = all(container, 'rootfile')[0];
  const opfPath = rootfile?.getAttribute('full-path');
  if (!opfPath) throw new Error('container.xml names no package document');
  return {
    path: opfPath,
    doc: await epub.xml(opfPath),
    dir: opfPath.includes('/') ? opfPath.slice(0, opfPath.lastIndexOf('/') + 1) : '',
  };
}

/** Spine documents in reading order, as paths inside the zip. */
export async function spinePaths(epub: OpenedEpub): Promise<string[]> {
  const { doc, dir } = await packageDocument(epub);
  const hrefs = new Map(all(doc, 'item').map((i) => [i.getAttribute('id'), i.getAttribute('href')]));
  return all(doc, 'itemref').map((r) => `${dir}${hrefs.get(r.getAttribute('idref'))}`);
}

/** The chapter documents of a book (`<story key>-c001.xhtml` …) in reading order, as paths inside the zip. */
export async function chapterPaths(epub: OpenedEpub): Promise<string[]> {
  return (await spinePaths(epub)).filter((p) => /-c\d{3,}\.xhtml$/.test(p));
}

/** The first chapter document of a book, found through its spine. */
export async function firstChapter(epub: OpenedEpub): Promise<string> {
  const [first] = await chapterPaths(epub);
  if (!first) throw new Error('the book has no chapter document');
  return first;
}

/** The one spine document of a book of one story whose name ends in `-<part>.xhtml` (`title`, `summary`, `c001`). */
export async function storyDocument(epub: OpenedEpub, part: string): Promise<string> {
  const found = (await spinePaths(epub)).filter((p) => p.endsWith(`-${part}.xhtml`));
  if (found.length !== 1) throw new Error(`expected one document ending in -${part}.xhtml, found ${found.length}`);
  return found[0] as string;
}

/**
 * A valid EPUB of about `bytes` bytes (a stored entry of random bytes), made with JSZip: for
 * tests of sizes and transfers, where the content does not matter.
 */
export async function epubOfSize(bytes: number, title: string): Promise<Uint8Array> {
  const zip = new JSZip();
  zip.file('mimetype', 'application/epub+zip', { compression: 'STORE' });
  zip.file(
    'META-INF/container.xml',
    '<?xml version="1.0"?><container version="1.0" xmlns="urn:oasis:names:tc:opendocument:xmlns:container"><rootfiles><rootfile full-path="package.opf" media-type="application/oebps-package+xml"/></rootfiles></container>',
  );
  zip.file(
    'package.opf',
    `<?xml version="1.0"?><package xmlns="http://www.idpf.org/2007/opf" version="3.0" unique-identifier="id"><metadata xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:identifier id="id">urn:ficbind-test:${title}</dc:identifier><dc:title>${title}</dc:title><dc:language>en</dc:language></metadata><manifest/><spine/></package>`,
  );
  const noise = new Uint8Array(bytes);
  for (let i = 0; i < noise.length; i += 65536) crypto.getRandomValues(noise.subarray(i, i + 65536));
  zip.file('noise.bin', noise, { compression: 'STORE' });
  return zip.generateAsync({ type: 'uint8array' });
}
