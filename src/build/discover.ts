import { createHash } from 'node:crypto';
import { readdir, readFile, realpath, stat } from 'node:fs/promises';
import type { Stats } from 'node:fs';
import path from 'node:path';
import { detached } from './detached.js';
import { isError } from '../diagnostics/count.js';
import { diagnostic, type Diagnostic } from '../diagnostics/diagnostic.js';
import { formatOf, isStoryFile } from '../parse/formats/index.js';
import { unzipEntries } from './unzip.js';
import { RECORD_FILE } from './library-record.js';
import { arrangeSources } from '../parse/source-layout.js';
import type { FoundFile, FoundSource, SourceFacts, SourceFile, StorySource } from '../model/source.js';
import { readSourceFacts } from '../parse/source-facts.js';
import { decodeText, looksBinary } from '../read/decode.js';
import { compareNatural } from '../text/natural-order.js';

/**
 * What was learnt of a file when it was last read, and the size, date and inode it had then. A
 * file that still has all three is not read again (as git and make trust them); the build cache
 * keeps these records from one build to the next.
 */
export interface FileRecord {
  size: number;
  mtimeMs: number;
  ino: number;
  found: FoundFile;
  facts: SourceFacts;
  /** What decoding it said (encoding fallbacks, removed characters), said again each build. */
  diagnostics: Diagnostic[];
}

/** Records by absolute path: those of the last build to look in, and this build's to keep. */
export interface FileIndex {
  get(full: string): FileRecord | undefined;
  set(full: string, record: FileRecord): void;
}

/** What finding the stories of one input folder needs as it goes: where, and what it has learnt of each file. */
interface Finding {
  inputDir: string;
  facts: Map<FoundFile, SourceFacts>;
  index: FileIndex | undefined;
  digests: boolean;
}

/** How stories are found: the index of the last build's files, and whether to take each file's digest (only a cache needs them). */
export interface FindOptions {
  index?: FileIndex;
  /** Default true; a build without a cache skips hashing every file's bytes. */
  digests?: boolean;
  /** The output folder: its books are never read back as stories, should it lie inside the input folder. */
  out?: string;
}

export interface Discovery<F extends FoundFile = SourceFile> {
  sources: Array<StorySource<F>>;
  diagnostics: Diagnostic[];
}

/** The stories in the input folder (findStories), each file read and decoded. */
export async function discoverStories(inputDir: string): Promise<Discovery> {
  const found = await findStories(inputDir);
  const sources: StorySource[] = [];
  for (const source of found.sources) {
    const read = await readStoryText(inputDir, source);
    if (read.source) sources.push(read.source);
    found.diagnostics.push(...read.diagnostics);
  }
  return { sources, diagnostics: found.diagnostics };
}

/**
 * Finds the stories in the input folder: each story file (`.txt`, `.html`, `.md`, …) at the top
 * is a story, each subfolder is a story whose story files are its chapters in natural order.
 * Then (source-layout.ts) a subfolder of distinct stories becomes one story per file, and
 * top-level files that are chapters of one story become that story. Each file is read once, for
 * what it says about itself; its text is not kept (readStoryText reads it again to parse it), so
 * finding a library of any size holds no more than one file's text at a time.
 */
export async function findStories(inputDir: string, options: FindOptions = {}): Promise<Discovery<FoundFile>> {
  const diagnostics: Diagnostic[] = [];
  const sources: FoundSource[] = [];
  const facts = new Map<FoundFile, SourceFacts>();
  const finding: Finding = { inputDir, facts, index: options.index, digests: options.digests ?? true };
  const inputReal = await realpath(inputDir);
  const entries = (await readdir(inputDir)).sort(compareNatural);
  for (const name of entries) {
    if (name.startsWith('.')) continue;
    const full = path.join(inputDir, name);
    const { info, diagnostics: statDiagnostics } = await entryStats(full, name);
    diagnostics.push(...statDiagnostics);
    if (info?.isDirectory()) {
      // A link back to the input folder (or above it) would read every story twice.
      const real = await realpath(full);
      if (await isOutputFolder(real, options.out)) continue;
      if (inputReal === real || inputReal.startsWith(`${real}${path.sep}`)) {
        diagnostics.push(diagnostic('input/link-loop', name, 'this folder links back to the input folder; skipped'));
        continue;
      }
      const folder = await readChapterFolder(finding, full);
      diagnostics.push(...folder.diagnostics);
      if (folder.files.length > 0) sources.push({ path: name, files: folder.files });
      else
        diagnostics.push(
          diagnostic('input/empty-folder', name, 'folder holds no chapter files (.txt, .html, .md); skipped'),
        );
    } else if (info?.isFile() && isStoryFile(name)) {
      const read = await readSource(finding, full, info);
      diagnostics.push(...read.diagnostics);
      if (read.found) sources.push({ path: read.found.path, files: [read.found] });
    }
  }
  const layout = arrangeSources(sources, (file) => facts.get(file) ?? {});
  return { sources: layout.sources, diagnostics: [...diagnostics, ...layout.diagnostics] };
}

/** ficbind's own output (the build's `out`, or any folder holding the record of books it wrote): EPUBs now count as stories, and its books must not. */
async function isOutputFolder(real: string, out: string | undefined): Promise<boolean> {
  if (out !== undefined && real === (await realpath(out).catch(() => undefined))) return true;
  return (await stat(path.join(real, RECORD_FILE)).catch(() => undefined)) !== undefined;
}

/** An entry's stats once links are followed, if it is a file or folder; a broken link or something else is reported. */
async function entryStats(full: string, shown: string): Promise<{ info?: Stats; diagnostics: Diagnostic[] }> {
  let info: Stats;
  try {
    info = await stat(full);
  } catch (error) {
    return { diagnostics: [diagnostic('input/unreadable', shown, `cannot read it: ${(error as Error).message}`)] };
  }
  if (info.isDirectory() || info.isFile()) return { info, diagnostics: [] };
  return { diagnostics: [diagnostic('input/skipped', shown, 'not a regular file or folder; skipped')] };
}

async function readChapterFolder(
  finding: Finding,
  folder: string,
): Promise<{ files: FoundFile[]; diagnostics: Diagnostic[] }> {
  const names = (await readdir(folder)).filter((name) => !name.startsWith('.')).sort(compareNatural);
  const files: FoundFile[] = [];
  const diagnostics: Diagnostic[] = [];
  for (const name of names) {
    const full = path.join(folder, name);
    const shown = relative(finding.inputDir, full);
    const { info, diagnostics: statDiagnostics } = await entryStats(full, shown);
    diagnostics.push(...statDiagnostics);
    if (info?.isDirectory()) {
      diagnostics.push(
        diagnostic('input/nested-folder', shown, 'chapter folders are read one level deep; this subfolder is skipped'),
      );
    }
    if (!info?.isFile() || !isStoryFile(name)) continue;
    const read = await readSource(finding, full, info);
    diagnostics.push(...read.diagnostics);
    if (read.found) files.push(read.found);
  }
  return { files, diagnostics };
}

/**
 * Reads one file for what it says about itself (its facts), unless the index knows it unchanged
 * since it had these stats (taken before the read); the text is not kept.
 */
async function readSource(
  finding: Finding,
  full: string,
  info: Stats,
): Promise<{ found?: FoundFile; diagnostics: Diagnostic[] }> {
  const { inputDir, facts, index } = finding;
  const key = path.resolve(full);
  const known = index?.get(key);
  if (known && known.size === info.size && known.mtimeMs === info.mtimeMs && known.ino === info.ino) {
    facts.set(known.found, known.facts);
    index?.set(key, known);
    return { found: known.found, diagnostics: known.diagnostics };
  }
  const { file, diagnostics } = await readFileText(inputDir, full, { digest: finding.digests, stats: info });
  if (!file) return { diagnostics };
  const found: FoundFile = {
    path: file.path,
    modified: file.modified,
    ...(file.encoding ? { encoding: file.encoding } : {}),
    ...(file.digest ? { digest: file.digest } : {}),
  };
  const fileFacts = detached(readSourceFacts(file));
  facts.set(found, fileFacts);
  index?.set(key, {
    size: info.size,
    mtimeMs: info.mtimeMs,
    ino: info.ino,
    found,
    facts: fileFacts,
    diagnostics: detached(diagnostics),
  });
  return { found, diagnostics };
}

/**
 * A found story with its files' text, read again, to parse: as they are now (date, digest), should
 * one have changed since it was found. The diagnostics of decoding were given when the story was
 * found and are not repeated; a file that cannot be read now is reported.
 */
export async function readStoryText(
  inputDir: string,
  source: FoundSource,
  options: Pick<FindOptions, 'digests'> = {},
): Promise<{ source?: StorySource; diagnostics: Diagnostic[] }> {
  const diagnostics: Diagnostic[] = [];
  const files: SourceFile[] = [];
  for (const file of source.files) {
    const read = await readFileText(inputDir, path.join(inputDir, ...file.path.split('/')), {
      digest: options.digests ?? true,
    });
    if (read.file) files.push(read.file);
    else diagnostics.push(...read.diagnostics.filter(isError));
  }
  if (files.length < source.files.length) {
    diagnostics.push(
      diagnostic(
        'input/changed',
        source.path,
        'a file of this story could not be read again while building (changed or removed meanwhile?); no book made from it',
      ),
    );
    return { diagnostics };
  }
  return { source: { path: source.path, files }, diagnostics };
}

/** Reads and decodes one file; with `stats`, those already taken of it (not taken again). */
async function readFileText(
  inputDir: string,
  full: string,
  how: { digest: boolean; stats?: Stats },
): Promise<{ file?: SourceFile; diagnostics: Diagnostic[] }> {
  const shown = relative(inputDir, full);
  try {
    const [bytes, stats] = await Promise.all([readFile(full), how.stats ?? stat(full)]);
    if (formatOf(full) === 'epub') return await readEpubFile(shown, bytes, stats, how.digest);
    if (looksBinary(bytes)) {
      return {
        diagnostics: [
          diagnostic('input/binary', shown, 'this looks like a binary file, not text; no book made from it'),
        ],
      };
    }
    const decoded = decodeText(bytes, shown);
    const file: SourceFile = {
      path: shown,
      text: decoded.text,
      modified: Math.floor(stats.mtimeMs / 1000),
      encoding: decoded.encoding,
    };
    if (how.digest) file.digest = createHash('sha256').update(bytes).digest('hex');
    return { file, diagnostics: decoded.diagnostics };
  } catch (error) {
    return {
      diagnostics: [diagnostic('input/unreadable', shown, `cannot read the file: ${(error as Error).message}`)],
    };
  }
}

/** An EPUB unzipped: its entries for parse/epub/ to read, no text of its own. */
async function readEpubFile(
  shown: string,
  bytes: Buffer,
  stats: Stats,
  digest: boolean,
): Promise<{ file?: SourceFile; diagnostics: Diagnostic[] }> {
  const archive = await unzipEntries(bytes);
  if (!archive) {
    return {
      diagnostics: [
        diagnostic(
          'epub/not-a-zip',
          shown,
          'this .epub is not a zip file (damaged, or not an EPUB); no book made from it',
        ),
      ],
    };
  }
  const file: SourceFile = { path: shown, text: '', modified: Math.floor(stats.mtimeMs / 1000), archive };
  if (digest) file.digest = createHash('sha256').update(bytes).digest('hex');
  return { file, diagnostics: [] };
}

function relative(inputDir: string, full: string): string {
  return path.relative(inputDir, full).split(path.sep).join('/');
}
