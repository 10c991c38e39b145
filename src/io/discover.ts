import { lstat, readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { diagnostic, type Diagnostic } from '../diagnostics.js';
import { decodeText, looksBinary } from './decode.js';
import { compareNatural } from './natural-order.js';

/** One decoded input file. */
export interface SourceFile {
  /** Path relative to the input folder, with `/` separators. */
  path: string;
  text: string;
  /** Modification time, seconds since the epoch. */
  modified: number;
}

/** What becomes one story: a single file, or a folder holding one file per chapter. */
export interface StorySource {
  path: string;
  files: SourceFile[];
}

export interface Discovery {
  sources: StorySource[];
  diagnostics: Diagnostic[];
}

const STORY_EXTENSIONS = new Set(['.txt', '.text']);
const LATER_FORMATS = new Set(['.html', '.htm', '.md', '.markdown', '.xhtml']);

/**
 * Finds the stories in the input folder: each `.txt` file at the top is a story, each
 * subfolder is a story whose `.txt` files are its chapters in natural order.
 */
export async function discoverStories(inputDir: string): Promise<Discovery> {
  const diagnostics: Diagnostic[] = [];
  const sources: StorySource[] = [];
  const entries = (await readdir(inputDir, { withFileTypes: true })).sort((a, b) => compareNatural(a.name, b.name));
  for (const entry of entries) {
    if (entry.name.startsWith('.')) continue;
    const full = path.join(inputDir, entry.name);
    if (entry.isDirectory()) {
      const files = await readChapterFolder(inputDir, full, diagnostics);
      if (files.length > 0) sources.push({ path: entry.name, files });
      else diagnostics.push(diagnostic('warning', 'input/empty-folder', entry.name, 'folder holds no .txt chapter files; skipped'));
      continue;
    }
    if (!entry.isFile()) {
      diagnostics.push(diagnostic('info', 'input/skipped', entry.name, 'not a regular file or folder (a link?); skipped'));
      continue;
    }
    if (!isStoryFile(entry.name, entry.name, diagnostics)) continue;
    const file = await readSource(inputDir, full, diagnostics);
    if (file) sources.push({ path: file.path, files: [file] });
  }
  return { sources, diagnostics };
}

async function readChapterFolder(inputDir: string, folder: string, diagnostics: Diagnostic[]): Promise<SourceFile[]> {
  const names = (await readdir(folder, { withFileTypes: true }))
    .filter((e) => e.isFile() && !e.name.startsWith('.'))
    .map((e) => e.name)
    .sort(compareNatural);
  const files: SourceFile[] = [];
  for (const name of names) {
    const full = path.join(folder, name);
    if (!isStoryFile(name, relative(inputDir, full), diagnostics)) continue;
    const file = await readSource(inputDir, full, diagnostics);
    if (file) files.push(file);
  }
  return files;
}

function isStoryFile(name: string, shownPath: string, diagnostics: Diagnostic[]): boolean {
  const ext = path.extname(name).toLowerCase();
  if (STORY_EXTENSIONS.has(ext)) return true;
  if (LATER_FORMATS.has(ext)) {
    diagnostics.push(
      diagnostic('warning', 'input/unsupported-format', shownPath, `${ext} files are not read yet; skipped`, {
        hint: 'Save the story as plain text (.txt) to include it.',
      }),
    );
  }
  return false;
}

async function readSource(inputDir: string, full: string, diagnostics: Diagnostic[]): Promise<SourceFile | undefined> {
  const shown = relative(inputDir, full);
  try {
    const [bytes, stats] = await Promise.all([readFile(full), lstat(full)]);
    if (looksBinary(bytes)) {
      diagnostics.push(
        diagnostic('error', 'input/binary', shown, 'this looks like a binary file, not text; no book made from it', {
          hint: 'Check that the file is the saved story and not an image or archive renamed to .txt.',
        }),
      );
      return undefined;
    }
    const decoded = decodeText(bytes, shown);
    diagnostics.push(...decoded.diagnostics);
    return { path: shown, text: decoded.text, modified: Math.floor(stats.mtimeMs / 1000) };
  } catch (error) {
    diagnostics.push(
      diagnostic('error', 'input/unreadable', shown, `cannot read the file: ${(error as Error).message}`, {
        hint: 'Check that the file exists and that you may read it.',
      }),
    );
    return undefined;
  }
}

function relative(inputDir: string, full: string): string {
  return path.relative(inputDir, full).split(path.sep).join('/');
}
