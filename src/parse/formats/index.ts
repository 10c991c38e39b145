import path from 'node:path';
import { diagnostic, type Diagnostic } from '../../diagnostics/diagnostic.js';
import type { SourceFile, StoryFormat } from '../../model/source.js';
import type { FormatReading, ImageLookup } from './format.js';
import { readHtml } from './html.js';
import { readMarkdown } from './markdown.js';
import { plainWhereStructural } from './plain-lines.js';

export type { FormatReading, ImageLookup } from './format.js';
export { leadingHeadings } from './plain-lines.js';

/** The files ficbind takes as stories, by extension, and how each is read; it takes no other. */
const FORMATS: Readonly<Record<string, StoryFormat>> = {
  '.txt': 'text',
  '.text': 'text',
  '.html': 'html',
  '.htm': 'html',
  '.xhtml': 'html',
  '.md': 'markdown',
  '.markdown': 'markdown',
  // A book a reader already has: unzipped by build/, read by parse/epub/.
  '.epub': 'epub',
};

const READERS: Readonly<
  Record<Exclude<StoryFormat, 'text' | 'epub'>, (text: string, file: string, images?: ImageLookup) => FormatReading>
> = {
  html: readHtml,
  markdown: readMarkdown,
};

/** A file ficbind reads as a story (by its extension). */
export function isStoryFile(file: string): boolean {
  return Object.hasOwn(FORMATS, path.extname(file).toLowerCase());
}

/** How ficbind reads a file, by its extension: `html`, `markdown`, or `text` for everything else. */
export function formatOf(file: string): StoryFormat {
  const ext = path.extname(file).toLowerCase();
  return Object.hasOwn(FORMATS, ext) ? (FORMATS[ext] as StoryFormat) : 'text';
}

/**
 * The reading of an HTML or Markdown file, or undefined for a plain-text one (an EPUB is read by
 * parse/epub/, whose pages come here with `images`: where their pictures are in the EPUB).
 */
export function readFormat(file: SourceFile, images?: ImageLookup): FormatReading | undefined {
  const format = formatOf(file.path);
  if (format === 'text' || format === 'epub') return undefined;
  const reading = READERS[format](file.text, file.path, images);
  return { ...reading, lines: plainWhereStructural(reading.lines, reading.fields.length > 0) };
}

/**
 * Input text may not carry the private-use characters ficbind uses as marks (U+E000–U+E005);
 * any there are removed and reported, so they never turn into emphasis or line numbers.
 */
export function withoutMarkCharacters(file: SourceFile): { file: SourceFile; diagnostics: Diagnostic[] } {
  const first = file.text.search(/[\uE000-\uE005]/);
  if (first < 0) return { file, diagnostics: [] };
  const line = (file.text.slice(0, first).match(/\n/g) ?? []).length + 1;
  const count = (file.text.match(/[\uE000-\uE005]/g) ?? []).length;
  return {
    file: { ...file, text: file.text.replace(/[\uE000-\uE005]/g, '') },
    diagnostics: [
      diagnostic(
        'text/private-use',
        file.path,
        `removed ${count} private-use character${count === 1 ? '' : 's'} (U+E000–U+E005) that no reader can show`,
        { line },
      ),
    ],
  };
}
