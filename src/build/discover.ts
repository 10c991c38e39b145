import { createHash } from 'node:crypto';
import { readdir, readFile, realpath, stat } from 'node:fs/promises';
import type { Stats } from 'node:fs';
import path from 'node:path';
import { detached } from './detached.js';
import { isError } from '../diagnostics/count.js';
import { diagnostic, type Diagnostic } from '../diagnostics/diagnostic.js';
import { FORMAT_EXTENSIONS } from '../parse/formats/index.js';
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

/** What finding the stories of one input folder gathers as it goes. */
interface Finding {
  inputDir: string;
  diagnostics: Diagnostic[];
  facts: Map<FoundFile, SourceFacts>;
  index: FileIndex | undefined;
  digests: boolean;
}

/** How stories are found: the index of the last build's files, and whether to take each file's digest (only a cache needs them). */
export interface FindOptions {
  index?: FileIndex;
  /** Default true; a build without a cache skips hashing every file's bytes. */
  digests?: boolean;
}

export interface Discovery<F extends FoundFile = SourceFile> {
  sources: Array<StorySource<F>>;
  diagnostics: Diagnostic[];
}

const TEXT_EXTENSIONS = new Set(['.txt', '.text']);

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
  const finding: Finding = { inputDir, diagnostics, facts, index: options.index, digests: options.digests ?? true };
  const inputReal = await realpath(inputDir);
  const entries = (await readdir(inputDir)).sort(compareNatural);
  for (const name of entries) {
    if (name.startsWith('.')) continue;
    const full = path.join(inputDir, name);
    const info = await entryStats(full, name, diagnostics);
    if (info?.isDirectory()) {
      // A link back to the input folder (or above it) would read every story twice.
      const real = await realpath(full);
      if (inputReal === real || inputReal.startsWith(`${real}${path.sep}`)) {
        diagnostics.push(diagnostic('input/link-loop', name, 'this folder links back to the input folder; skipped'));
        continue;
      }
      const files = await readChapterFolder(finding, full);
      if (files.length > 0) sources.push({ path: name, files });
      else
        diagnostics.push(
          diagnostic('input/empty-folder', name, 'folder holds no chapter files (.txt, .html, .md); skipped'),
        );
    } else if (info?.isFile() && isStoryFile(name)) {
      const file = await readSource(finding, full, info);
      if (file) sources.push({ path: file.path, files: [file] });
    }
  }
  const layout = arrangeSources(sources, (file) => facts.get(file) ?? {});
  return { sources: layout.sources, diagnostics: [...diagnostics, ...layout.diagnostics] };
}

/** An entry's stats once links are followed, if it is a file or folder; a broken link or something else is reported. */
async function entryStats(full: string, shown: string, diagnostics: Diagnostic[]): Promise<Stats | undefined> {
  const info = await stat(full).catch((error: Error) => {
    diagnostics.push(diagnostic('input/unreadable', shown, `cannot read it: ${error.message}`));
    return undefined;
  });
  if (info?.isDirectory() || info?.isFile()) return info;
  if (info) diagnostics.push(diagnostic('input/skipped', shown, 'not a regular file or folder; skipped'));
  return undefined;
}

async function readChapterFolder(finding: Finding, folder: string): Promise<FoundFile[]> {
  const { inputDir, diagnostics } = finding;
  const names = (await readdir(folder)).filter((name) => !name.startsWith('.')).sort(compareNatural);
  const files: FoundFile[] = [];
  for (const name of names) {
    const full = path.join(folder, name);
    const shown = relative(inputDir, full);
    const info = await entryStats(full, shown, diagnostics);
    if (info?.isDirectory()) {
      diagnostics.push(
        diagnostic('input/nested-folder', shown, 'chapter folders are read one level deep; this subfolder is skipped'),
      );
    }
    if (!info?.isFile() || !isStoryFile(name)) continue;
    const file = await readSource(finding, full, info);
    if (file) files.push(file);
  }
  return files;
}

function isStoryFile(name: string): boolean {
  const ext = path.extname(name).toLowerCase();
  return TEXT_EXTENSIONS.has(ext) || FORMAT_EXTENSIONS.has(ext);
}

/**
 * Reads one file for what it says about itself (its facts), unless the index knows it unchanged
 * since it had these stats (taken before the read); the text is not kept.
 */
async function readSource(finding: Finding, full: string, info: Stats): Promise<FoundFile | undefined> {
  const { inputDir, diagnostics, facts, index } = finding;
  const key = path.resolve(full);
  const known = index?.get(key);
  if (known && known.size === info.size && known.mtimeMs === info.mtimeMs && known.ino === info.ino) {
    diagnostics.push(...known.diagnostics);
    facts.set(known.found, known.facts);
    index?.set(key, known);
    return known.found;
  }
  const said: Diagnostic[] = [];
  const file = await readFileText(inputDir, full, said, { digest: finding.digests, stats: info });
  diagnostics.push(...said);
  if (!file) return undefined;
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
    diagnostics: detached(said),
  });
  return found;
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
    const said: Diagnostic[] = [];
    const read = await readFileText(inputDir, path.join(inputDir, ...file.path.split('/')), said, {
      digest: options.digests ?? true,
    });
    if (read) files.push(read);
    else diagnostics.push(...said.filter(isError));
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
  diagnostics: Diagnostic[],
  how: { digest: boolean; stats?: Stats },
): Promise<SourceFile | undefined> {
  const shown = relative(inputDir, full);
  try {
    const [bytes, stats] = await Promise.all([readFile(full), how.stats ?? stat(full)]);
    if (looksBinary(bytes)) {
      diagnostics.push(
        diagnostic('input/binary', shown, 'this looks like a binary file, not text; no book made from it'),
      );
      return undefined;
    }
    const decoded = decodeText(bytes, shown);
    diagnostics.push(...decoded.diagnostics);
    const file: SourceFile = {
      path: shown,
      text: decoded.text,
      modified: Math.floor(stats.mtimeMs / 1000),
      encoding: decoded.encoding,
    };
    if (how.digest) file.digest = createHash('sha256').update(bytes).digest('hex');
    return file;
  } catch (error) {
    diagnostics.push(diagnostic('input/unreadable', shown, `cannot read the file: ${(error as Error).message}`));
    return undefined;
  }
}

function relative(inputDir: string, full: string): string {
  return path.relative(inputDir, full).split(path.sep).join('/');
}
