/**
 * The plain story reader the peer contenders share: what a user of a general EPUB library would
 * write in an afternoon. Header `Key: value` lines, chapters on `Chapter N` / `Prologue` /
 * `Epilogue` lines, paragraphs on blank lines, scene breaks as <hr/>, *word* as <em>. No
 * encodings, no junk removal, no series grouping: the peers get the easy version of the job.
 */
import { readFile, readdir, stat } from 'node:fs/promises';
import path from 'node:path';

export interface SimpleChapter {
  title: string;
  /** XHTML body content (well-formed: every tag closed). */
  html: string;
}

export interface SimpleStory {
  /** File or folder name without extension, usable as an output file name. */
  name: string;
  title: string;
  author: string;
  summary?: string;
  chapters: SimpleChapter[];
}

const HEADER_LINE = /^([A-Za-z][A-Za-z ]{0,23}):\s*(.*)$/;
const CHAPTER_LINE = /^(?:chapter\s+\d+.*|prologue|epilogue)$/i;
const SCENE_BREAK = /^(?:[~*#-](?:\s*[~*#-])*|o0o|xXx)$/;

/** The stories of a folder, one at a time (so a peer holds one story in memory, not the corpus). */
export async function* readStories(folder: string): AsyncGenerator<SimpleStory> {
  const names = (await readdir(folder)).filter((n) => !n.startsWith('.')).sort();
  for (const name of names) {
    const full = path.join(folder, name);
    if ((await stat(full)).isDirectory()) {
      const chapterFiles = (await readdir(full))
        .filter((n) => n.endsWith('.txt'))
        .sort((a, b) => a.localeCompare(b, 'en', { numeric: true }));
      const texts = await Promise.all(chapterFiles.map((n) => readFile(path.join(full, n), 'utf8')));
      yield parseSimpleStory(name, texts);
    } else if (name.endsWith('.txt')) {
      yield parseSimpleStory(name.slice(0, -4), [await readFile(full, 'utf8')]);
    }
  }
}

export function parseSimpleStory(name: string, texts: readonly string[]): SimpleStory {
  const fields = new Map<string, string>();
  const chapters: Array<{ title?: string; lines: string[] }> = [];
  let untitledTitle: string | undefined;
  texts.forEach((text, fileIndex) => {
    const lines = text.split(/\r?\n/);
    let start = 0;
    if (fileIndex === 0) {
      while (start < lines.length && HEADER_LINE.test(lines[start] as string)) {
        const [, key, value] = HEADER_LINE.exec(lines[start] as string) as RegExpExecArray;
        fields.set((key as string).toLowerCase(), value as string);
        start++;
      }
      if (fields.size === 0) {
        // No header: the first line is the title.
        while (start < lines.length && (lines[start] as string).trim() === '') start++;
        untitledTitle = lines[start]?.trim();
        start++;
      }
    }
    let current: { title?: string; lines: string[] } = { lines: [] };
    chapters.push(current);
    for (let i = start; i < lines.length; i++) {
      const line = lines[i] as string;
      if (CHAPTER_LINE.test(line.trim())) {
        if (current.lines.some((l) => l.trim() !== '')) {
          current = { lines: [] };
          chapters.push(current);
        }
        current.title = line.trim();
      } else current.lines.push(line);
    }
  });
  const title = fields.get('title') ?? untitledTitle ?? name;
  const kept = chapters.filter((c) => c.title !== undefined || c.lines.some((l) => l.trim() !== ''));
  return {
    name,
    title,
    author: fields.get('author') ?? 'Unknown',
    ...(fields.has('summary') ? { summary: fields.get('summary') as string } : {}),
    chapters: kept.map((c, i) => ({
      title: c.title ?? (kept.length === 1 ? title : `Chapter ${i + 1}`),
      html: paragraphsToHtml(c.lines),
    })),
  };
}

function paragraphsToHtml(lines: readonly string[]): string {
  const out: string[] = [];
  let paragraph: string[] = [];
  const flush = (): void => {
    if (paragraph.length > 0) out.push(`<p>${inline(paragraph.join(' '))}</p>`);
    paragraph = [];
  };
  for (const raw of lines) {
    const line = raw.trim();
    if (line === '') flush();
    else if (SCENE_BREAK.test(line)) {
      flush();
      out.push('<hr/>');
    } else paragraph.push(line);
  }
  flush();
  return out.join('\n');
}

function inline(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/\*([^*\s][^*]*?)\*/g, '<em>$1</em>');
}

export function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}
