import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import JSZip from 'jszip';
import { UsageError } from '../config/options.js';
import { diagnostic, type Diagnostic } from '../diagnostics/diagnostic.js';
import type { EpubFile } from '../model/epub.js';
import type { ShelfBook } from '../model/shelf.js';
import { toKepub } from '../package/kepub.js';
import { pack } from '../package/pack.js';
import { KEPUB_SUFFIX, openShelf } from '../shelf/shelf-index.js';
import { describeDevice, detectDevice, type Device } from './device.js';
import { EBOOK_CONVERT, convertToAzw3, converterAvailable } from './kindle-convert.js';
import { readSentRecord, writeSentRecord, type SentRecord } from './sent-record.js';
import { writeDurably } from './write-durably.js';

export interface SendToDeviceOptions {
  /** Folder of finished books (default `out`). */
  from: string;
  /** The mounted reader, or any folder. */
  device: string;
  /** calibre's converter for a Kindle (default: `ebook-convert` on PATH). */
  ebookConvert?: string;
}

export interface SentBook {
  title: string;
  /** Where it went: a path on the device, or the address it was mailed to. */
  to: string;
  size: number;
}

export interface SendResult {
  /** Where the books went, in words: "the Kobo at /media/…", "Send to Kindle (…)". */
  destination: string;
  sent: SentBook[];
  /** Books already there as they are now. */
  unchanged: SentBook[];
  diagnostics: Diagnostic[];
}

/**
 * Copies the books of an output folder that are new or changed onto a mounted reader: a Kobo
 * gets each book's KEPUB (made from the EPUB when the build wrote none), a Kindle an AZW3 made by
 * calibre in `documents/`, any other folder the EPUB. Never deletes a file, and replaces only
 * files it wrote itself and nobody changed since (its record: `.ficbind-sent.json`).
 */
export async function sendToDevice(options: SendToDeviceOptions): Promise<SendResult> {
  const device = await detectDevice(options.device);
  const shelf = await openShelf(options.from).catch(() => {
    throw new UsageError(`${options.from}: no such folder of books; build them first with "ficbind build"`);
  });
  const { books, problems } = await shelf.scan();
  const result: SendResult = {
    destination: describeDevice(device),
    sent: [],
    unchanged: [],
    diagnostics: [...problems],
  };
  const converter = options.ebookConvert ?? EBOOK_CONVERT;
  if (device.kind === 'kindle' && books.length > 0 && !(await converterAvailable(converter))) {
    result.diagnostics.push(
      diagnostic(
        'send/no-kindle-converter',
        device.root,
        "a Kindle does not open EPUB files copied over USB, and calibre's ebook-convert (which makes AZW3) is not installed",
      ),
    );
    return result;
  }
  const { record, damaged } = await readSentRecord(device.target);
  if (damaged)
    result.diagnostics.push(
      diagnostic(
        'send/damaged-record',
        path.join(device.target, '.ficbind-sent.json'),
        'the record of books ficbind copied here cannot be read; every file already here is left as it is',
      ),
    );
  try {
    for (const book of books) await sendOne(book, device, shelf.folder, converter, record, result);
  } finally {
    if (result.sent.length > 0) await writeSentRecord(device.target, record);
  }
  return result;
}

async function sendOne(
  book: ShelfBook,
  device: Device,
  folder: string,
  converter: string,
  record: SentRecord,
  result: SendResult,
): Promise<void> {
  const epub = path.join(folder, ...book.file.split('/'));
  const base = path.basename(book.file, '.epub');
  const fileName = `${base}${device.kind === 'kobo' ? KEPUB_SUFFIX : device.kind === 'kindle' ? '.azw3' : '.epub'}`;
  const target = path.join(device.target, fileName);
  // What the copy is made from: the KEPUB the build wrote, else the EPUB.
  const source = device.kind === 'kobo' && book.kepub ? book.kepub.sha256 : book.sha256;
  const onDevice = await readFile(target).then(
    (bytes) => createHash('sha256').update(bytes).digest('hex'),
    () => undefined,
  );
  const ours = record.get(fileName);
  const entry = { title: book.title, to: target, size: 0 };
  if (onDevice !== undefined && ours?.written !== onDevice) {
    result.diagnostics.push(
      diagnostic(
        'send/not-ours',
        target,
        `${fileName} is already there and ficbind did not write it (or it changed since): left as it is`,
        { facts: { title: book.title } },
      ),
    );
    return;
  }
  if (onDevice !== undefined && ours?.source === source && ours.identifier === book.identifier) {
    result.unchanged.push({ ...entry, size: ours.size });
    return;
  }
  let bytes: Uint8Array;
  try {
    bytes =
      device.kind === 'kindle'
        ? await convertToAzw3(epub, converter)
        : device.kind === 'kobo' && !book.kepub
          ? await makeKepub(epub, book)
          : new Uint8Array(
              await readFile(
                device.kind === 'kobo' && book.kepub ? path.join(folder, ...book.kepub.file.split('/')) : epub,
              ),
            );
  } catch (error) {
    result.diagnostics.push(
      diagnostic('send/convert-failed', epub, `could not make the copy for the device: ${(error as Error).message}`),
    );
    return;
  }
  await writeDurably(target, bytes);
  record.set(fileName, {
    identifier: book.identifier,
    source,
    written: createHash('sha256').update(bytes).digest('hex'),
    size: bytes.length,
  });
  result.sent.push({ ...entry, size: bytes.length });
}

/** The Kobo variant of a book that was built without `--kobo`, as `build --kobo` makes it. */
async function makeKepub(epub: string, book: ShelfBook): Promise<Uint8Array> {
  const zip = await JSZip.loadAsync(await readFile(epub));
  const files: EpubFile[] = [];
  for (const entry of Object.values(zip.files)) {
    if (entry.dir) continue;
    const bytes = await entry.async('uint8array');
    const isText = /\.(?:xhtml|html|opf|ncx|xml|css)$/i.test(entry.name) || entry.name === 'mimetype';
    files.push({ path: entry.name, data: isText ? new TextDecoder().decode(bytes) : bytes });
  }
  return pack(toKepub(files), Math.floor(Date.parse(book.modified) / 1000));
}
