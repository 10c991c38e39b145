import { gzipSync } from 'node:zlib';
import type { EpubFile } from '../model/epub.js';

/** zlib level for every entry but `mimetype`; 9 gains nothing measurable on prose (docs/decisions.md, "Zip writer"). */
const DEFLATE_LEVEL = 6;
const STORED = 0;
const DEFLATED = 8;
const UTF8_NAME_FLAG = 0x0800;
const MAX_ENTRIES = 0xffff;
const MAX_SIZE = 0xffffffff;

interface Entry {
  name: Buffer;
  method: typeof STORED | typeof DEFLATED;
  crc: number;
  size: number;
  body: Uint8Array;
  offset: number;
}

/**
 * Files → EPUB bytes. `mimetype` comes first, stored uncompressed and without extra fields; the
 * rest follow sorted by name, each with the same fixed date, so the same files always give the
 * same bytes. Deflate is Node's native zlib (a third of the time of jszip's pure-JS deflate).
 */
export async function pack(files: readonly EpubFile[], modified: number): Promise<Uint8Array> {
  const mimetype = files.find((f) => f.path === 'mimetype');
  if (!mimetype) throw new Error('pack: a book needs a mimetype file');
  const rest = files.filter((f) => f !== mimetype).sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  for (const file of rest) {
    if (!isSafeEntryName(file.path)) throw new Error(`pack: unsafe entry name ${JSON.stringify(file.path)}`);
  }
  if (files.length > MAX_ENTRIES)
    throw new Error(`pack: ${files.length} files is more than a zip without ZIP64 holds (${MAX_ENTRIES})`);
  const { time, date } = dosDateTime(modified);

  const parts: Uint8Array[] = [];
  const entries: Entry[] = [];
  let offset = 0;
  for (const [index, file] of [mimetype, ...rest].entries()) {
    const entry = compress(file, offset, index === 0);
    const header = localHeader(entry, time, date);
    parts.push(header, entry.body);
    entries.push(entry);
    offset += header.length + entry.body.length;
    if (offset > MAX_SIZE) throw new Error('pack: a book over 4 GiB needs ZIP64, which ficbind does not write');
  }
  const directoryStart = offset;
  for (const entry of entries) {
    const header = centralHeader(entry, time, date);
    parts.push(header);
    offset += header.length;
  }
  parts.push(endOfDirectory(entries.length, offset - directoryStart, directoryStart));
  return Promise.resolve(Buffer.concat(parts));
}

/** Entry names stay inside the book: relative, no `..`, no backslashes or empty segments. */
export function isSafeEntryName(name: string): boolean {
  return (
    name !== '' &&
    !name.startsWith('/') &&
    !name.includes('\\') &&
    name.split('/').every((part) => part !== '' && part !== '.' && part !== '..')
  );
}

/**
 * Deflates (or stores) one file. gzip is used for its trailer, which carries the CRC-32 zip needs
 * (RFC 1952): Node's header is always 10 bytes, the trailer 8. Stored when deflate does not help.
 */
function compress(file: EpubFile, offset: number, store: boolean): Entry {
  const data = typeof file.data === 'string' ? Buffer.from(file.data, 'utf8') : file.data;
  if (data.length > MAX_SIZE) throw new Error(`pack: ${file.path} is over 4 GiB, which needs ZIP64`);
  const gzip = gzipSync(data, { level: store ? 0 : DEFLATE_LEVEL });
  const crc = gzip.readUInt32LE(gzip.length - 8);
  const deflated = gzip.subarray(10, gzip.length - 8);
  const keepDeflated = !store && deflated.length < data.length;
  return {
    name: Buffer.from(file.path, 'utf8'),
    method: keepDeflated ? DEFLATED : STORED,
    crc,
    size: data.length,
    body: keepDeflated ? deflated : data,
    offset,
  };
}

function flags(entry: Entry): number {
  // Names are UTF-8; the flag says so when a name is not plain ASCII (as jszip and Info-ZIP do).
  return entry.name.some((byte) => byte > 0x7f) ? UTF8_NAME_FLAG : 0;
}

function versionNeeded(entry: Entry): number {
  return entry.method === DEFLATED ? 20 : 10;
}

function localHeader(entry: Entry, time: number, date: number): Buffer {
  const header = Buffer.alloc(30 + entry.name.length);
  header.writeUInt32LE(0x04034b50, 0);
  header.writeUInt16LE(versionNeeded(entry), 4);
  header.writeUInt16LE(flags(entry), 6);
  header.writeUInt16LE(entry.method, 8);
  header.writeUInt16LE(time, 10);
  header.writeUInt16LE(date, 12);
  header.writeUInt32LE(entry.crc, 14);
  header.writeUInt32LE(entry.body.length, 18);
  header.writeUInt32LE(entry.size, 22);
  header.writeUInt16LE(entry.name.length, 26);
  header.writeUInt16LE(0, 28); // no extra field: EPUB forbids one on mimetype
  entry.name.copy(header, 30);
  return header;
}

function centralHeader(entry: Entry, time: number, date: number): Buffer {
  const header = Buffer.alloc(46 + entry.name.length);
  header.writeUInt32LE(0x02014b50, 0);
  header.writeUInt16LE(20, 4); // made by: MS-DOS host (no Unix permissions to vary), zip 2.0
  header.writeUInt16LE(versionNeeded(entry), 6);
  header.writeUInt16LE(flags(entry), 8);
  header.writeUInt16LE(entry.method, 10);
  header.writeUInt16LE(time, 12);
  header.writeUInt16LE(date, 14);
  header.writeUInt32LE(entry.crc, 16);
  header.writeUInt32LE(entry.body.length, 20);
  header.writeUInt32LE(entry.size, 24);
  header.writeUInt16LE(entry.name.length, 28);
  // Extra and comment lengths, disk number, internal and external attributes: all 0.
  header.writeUInt32LE(entry.offset, 42);
  entry.name.copy(header, 46);
  return header;
}

function endOfDirectory(count: number, size: number, start: number): Buffer {
  const record = Buffer.alloc(22);
  record.writeUInt32LE(0x06054b50, 0);
  record.writeUInt16LE(count, 8);
  record.writeUInt16LE(count, 10);
  record.writeUInt32LE(size, 12);
  record.writeUInt32LE(start, 16);
  return record;
}

/**
 * MS-DOS date and time of `seconds` since the epoch, in UTC so the bytes do not depend on the
 * machine's time zone; clamped to what the format holds (1980 to 2107, even seconds).
 */
export function dosDateTime(seconds: number): { time: number; date: number } {
  const min = Date.UTC(1980, 0, 1);
  const max = Date.UTC(2107, 11, 31, 23, 59, 58);
  const d = new Date(Math.min(max, Math.max(min, seconds * 1000)));
  return {
    time: (d.getUTCHours() << 11) | (d.getUTCMinutes() << 5) | (d.getUTCSeconds() >> 1),
    date: ((d.getUTCFullYear() - 1980) << 9) | ((d.getUTCMonth() + 1) << 5) | d.getUTCDate(),
  };
}
