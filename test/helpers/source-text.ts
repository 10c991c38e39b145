import { readFile } from 'node:fs/promises';

/**
 * An independent reading of a plain-text story, for comparing with the book: the paragraphs of
 * the body (after a header block of `Key: value` lines), with the lines the caller names as
 * scene breaks or junk left out. Deliberately simple so it does not share ficbind's parser.
 */
export async function sourceParagraphs(
  file: string,
  options: { hasHeader: boolean; skip: (line: string) => boolean },
): Promise<string[]> {
  const lines = (await readFile(file, 'utf8')).replace(/\r\n?/g, '\n').split('\n');
  let start = 0;
  if (options.hasHeader) while (start < lines.length && lines[start]?.trim() !== '') start++;
  const paragraphs: string[] = [];
  let current: string[] = [];
  for (const line of lines.slice(start)) {
    const trimmed = line.trim();
    if (trimmed === '' || options.skip(trimmed)) {
      if (current.length > 0) paragraphs.push(current.join(' '));
      current = [];
    } else {
      current.push(trimmed);
    }
  }
  if (current.length > 0) paragraphs.push(current.join(' '));
  return paragraphs;
}

/** Paragraph text as the book should hold it: emphasis markers gone, spaces collapsed. */
export function withoutMarkup(text: string): string {
  return text
    .replace(/(^|[\s\p{P}])[*_](\S(?:.*?\S)?)[*_](?=$|[\s\p{P}])/gu, '$1$2')
    .replace(/\s+/g, ' ')
    .trim();
}

/**
 * Text with typography undone (curly quotes straight, dashes and ellipses as typed), so a source
 * paragraph and its typeset form in the book compare equal. Applied to both sides.
 */
export function asTyped(text: string): string {
  return text
    .replace(/[‘’′]/g, "'")
    .replace(/[“”″]/g, '"')
    .replace(/ – /g, ' - ')
    .replace(/—/g, '--')
    .replace(/…|\.(?: ?\.){2,}/g, '...');
}

const ENTITIES: Readonly<Record<string, string>> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  nbsp: ' ',
  mdash: '—',
  ndash: '–',
  hellip: '…',
};

/**
 * An independent reading of an HTML or Markdown fixture for the nothing-lost check, line by line
 * so line numbers still match the file: tags stripped, entities decoded. In HTML only the lines
 * between `<!-- story -->` and `<!-- /story -->` are story; in Markdown everything after the
 * front matter. Header lines (the front matter, or `Key: value` lines opening a story region)
 * need only be somewhere in the book. Regular expressions do here what a parser does in ficbind,
 * on purpose: the fixtures keep each tag on one line.
 */
export async function markupSource(file: string): Promise<{ lines: string[]; header: Set<number> }> {
  const raw = (await readFile(file, 'utf8')).replace(/\r\n?/g, '\n').split('\n');
  const header = new Set<number>();
  const isMarkdown = /\.(?:md|markdown)$/i.test(file);
  let inStory = isMarkdown;
  let atRegionStart = false;
  let frontMatter = isMarkdown && raw[0]?.trim() === '---';
  const lines = raw.map((line, index) => {
    if (frontMatter) {
      if (index > 0 && line.trim() === '---') frontMatter = false;
      else if (index > 0) header.add(index);
      return index > 0 && frontMatter ? line : '';
    }
    if (line.includes('<!-- story -->')) {
      inStory = true;
      atRegionStart = true;
      return '';
    }
    if (line.includes('<!-- /story -->')) inStory = false;
    if (!inStory) return '';
    const text = line
      .replace(/<(script|style|svg|iframe|object|textarea|select|button)\b.*?<\/\1>/gi, ' ')
      .replace(/<[^>]*>/g, ' ')
      .replace(/&#(\d+);/g, (_, n: string) => String.fromCodePoint(Number(n)))
      .replace(/&#x([0-9a-f]+);/gi, (_, n: string) => String.fromCodePoint(Number.parseInt(n, 16)))
      .replace(/&(\w+);/g, (_, name: string) => ENTITIES[name] ?? ' ');
    atRegionStart &&= /^\s*[A-Za-z][A-Za-z' ]{0,23}:\s*\S/.test(text);
    if (atRegionStart) header.add(index);
    return text;
  });
  return { lines, header };
}
