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
  return text.replace(/(^|[\s\p{P}])[*_](\S(?:.*?\S)?)[*_](?=$|[\s\p{P}])/gu, '$1$2').replace(/\s+/g, ' ').trim();
}
