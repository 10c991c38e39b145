import { diagnostic, type Diagnostic } from '../diagnostics/diagnostic.js';
import type { SourceFile, StorySource } from '../model/source.js';
import { splitChapters } from './chapters.js';
import type { HeaderField } from './header.js';
import type { SourceLine } from './lines.js';
import { readHeaderAndBody } from './header-and-body.js';
import { metadataFromHeader } from './metadata.js';
import { parseEpubStory } from './epub/epub-story.js';
import type { Chapter, Story } from '../model/story.js';
import { findTitleLine, titleFromFileName } from './title-line.js';
import { cutPageHeading, pagePlace } from './page-marker.js';

export interface ParseOptions {
  /** Keep web-page leftovers instead of removing them. */
  keepJunk?: boolean;
}

export interface ParsedStory {
  story?: Story;
  diagnostics: Diagnostic[];
}

/** One story source (a file, or a folder of chapter files) → a Story, or diagnostics saying why not. */
export function parseStory(source: StorySource, options: ParseOptions = {}): ParsedStory {
  // An EPUB is a whole story in one file, with its own metadata and reading order.
  const book = source.files.length === 1 ? source.files[0]?.archive : undefined;
  if (book) return parseEpubStory(source.files[0] as SourceFile, options);
  const diagnostics: Diagnostic[] = [];
  const fields: HeaderField[] = [];
  const chapters: Chapter[] = [];
  let titleFromLine: string | undefined;
  let filesWithoutStory = 0;
  source.files.forEach((file, fileIndex) => {
    const body = readHeaderAndBody(file, options);
    diagnostics.push(...body.diagnostics);
    if (body.noStory) filesWithoutStory++;
    // Pages of one story may each name their part in the title (`The Lantern Road, Part 2`).
    const page = source.files.length > 1 ? pagePlace(body.fields) : undefined;
    const fileFields = body.fields.map((f) => ({
      ...f,
      ...(f === page?.field && page.marker ? { value: page.title } : {}),
      // Its line is this file's: a report on it must name this file, not the story's first.
      ...(source.files.length > 1 ? { file: file.path } : {}),
    }));
    // Chapter pages saved from one site repeat the story's title and author on every page.
    fields.push(
      ...fileFields.filter(
        (f) => !fields.some((g) => g.key.toLowerCase() === f.key.toLowerCase() && g.value === f.value),
      ),
    );
    let lines = body.lines;
    if (fileIndex === 0 && body.fields.length === 0) {
      const titleIndex = findTitleLine(lines);
      if (titleIndex !== undefined) {
        titleFromLine = (lines[titleIndex] as SourceLine).text.trim();
        lines = lines.slice(titleIndex + 1);
      }
    }
    const heading = page ? cutPageHeading(lines, page.title, file.path) : undefined;
    if (heading) {
      lines = heading.lines;
      diagnostics.push(heading.diagnostic);
    }
    const { chapters: fileChapters, diagnostics: chapterDiagnostics } = splitChapters(lines, file.path);
    diagnostics.push(...chapterDiagnostics);
    // One chapter per file in a chapter folder: an untitled file is named by the part its heading
    // or title names, else by its place.
    if (source.files.length > 1) {
      for (const c of fileChapters) c.title ??= heading?.marker ?? page?.marker ?? `Chapter ${chapters.length + 1}`;
    }
    chapters.push(...fileChapters);
  });

  // Every file was reported as holding no story (a challenge page): nothing more to say.
  if (filesWithoutStory === source.files.length) return { diagnostics };
  const firstFile = source.files[0] as SourceFile;
  const fallbackTitle = titleFromLine ?? titleFromFileName(source.path.split('/').pop() ?? source.path);
  const { meta, diagnostics: metaDiagnostics } = metadataFromHeader(fields, fallbackTitle, firstFile.path);
  diagnostics.push(...metaDiagnostics);
  if (fields.length === 0) {
    diagnostics.push(
      diagnostic(
        'header/missing',
        firstFile.path,
        `no header block; title "${meta.title}" taken from ${titleFromLine ? 'its first line' : 'the file name'}, author set to "Unknown"`,
        { line: 1 },
      ),
    );
  }
  const paragraphs = chapters.reduce((n, c) => n + c.blocks.filter((b) => b.kind === 'paragraph').length, 0);
  if (paragraphs === 0) {
    diagnostics.push(diagnostic('story/empty', firstFile.path, 'no story text found; no book made from it'));
    return { diagnostics };
  }
  const modified = Math.max(...source.files.map((f) => f.modified));
  return { story: { source: source.path, meta, chapters, modified }, diagnostics };
}
