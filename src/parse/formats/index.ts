import path from 'node:path';
import { diagnostic, type Diagnostic } from '../../diagnostics/diagnostic.js';
import type { SourceFile } from '../../model/source.js';
import type { FormatReading } from './format.js';
import { readHtml } from './html.js';
import { readMarkdown } from './markdown.js';
import { plainWhereStructural } from './plain-lines.js';

export type { FormatReading } from './format.js';
export { leadingHeadings } from './plain-lines.js';

const READERS: Readonly<Record<string, (text: string, file: string) => FormatReading>> = {
  '.html': readHtml,
  '.htm': readHtml,
  '.xhtml': readHtml,
  '.md': readMarkdown,
  '.markdown': readMarkdown,
};

/** File extensions a format reader takes; `.txt` and `.text` go the plain-text way. */
export const FORMAT_EXTENSIONS: ReadonlySet<string> = new Set(Object.keys(READERS));

/** How ficbind reads a file, by its extension: `html`, `markdown`, or `text` for everything else. */
export function formatOf(file: string): 'html' | 'markdown' | 'text' {
  const reader = READERS[path.extname(file).toLowerCase()];
  return reader === readHtml ? 'html' : reader === readMarkdown ? 'markdown' : 'text';
}

/** The reading of an HTML or Markdown file, or undefined for a plain-text one. */
export function readFormat(file: SourceFile): FormatReading | undefined {
  const reader = READERS[path.extname(file.path).toLowerCase()];
  if (!reader) return undefined;
  const reading = reader(file.text, file.path);
  return { ...reading, lines: plainWhereStructural(reading.lines, reading.fields.length > 0) };
}

/**
 * Input text may not carry the private-use characters ficbind uses as marks (U+E000–U+E003);
 * any there are removed and reported, so they never turn into emphasis or line numbers.
 */
export function withoutMarkCharacters(file: SourceFile): { file: SourceFile; diagnostics: Diagnostic[] } {
  const first = file.text.search(/[\uE000-\uE003]/);
  if (first < 0) return { file, diagnostics: [] };
  const line = (file.text.slice(0, first).match(/\n/g) ?? []).length + 1;
  const count = (file.text.match(/[\uE000-\uE003]/g) ?? []).length;
  return {
    file: { ...file, text: file.text.replace(/[\uE000-\uE003]/g, '') },
    diagnostics: [
      diagnostic(
        'text/private-use',
        file.path,
        `removed ${count} private-use character${count === 1 ? '' : 's'} (U+E000–U+E003) that no reader can show`,
        { line },
      ),
    ],
  };
}
