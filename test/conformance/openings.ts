import { readdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { withoutMarkup } from '../helpers/source-text.js';

const HEADER_LINE = /^[A-Z][A-Za-z ]*:\s/;
const HEADING = /^(?:Chapter\s.+|Ch\.\s.+|Prologue|Epilogue)$/i;
// A paragraph this long is prose, not a title line, a scene break or site junk.
const PROSE_WORDS = 8;
const OPENING_WORDS = 6;

/** Straight and curly quotes read alike; the book typesets one into the other. */
export function sameQuotes(text: string): string {
  return text.replace(/[‘’]/g, "'").replace(/[“”]/g, '"');
}

/**
 * The first words of every chapter of a story, read from its source files independently of
 * ficbind's parser: the first prose paragraph of the body and the first after each heading line.
 */
export async function chapterOpenings(storyPath: string): Promise<string[]> {
  const files = (await stat(storyPath)).isDirectory()
    ? (await readdir(storyPath))
        .filter((name) => name.endsWith('.txt'))
        .sort((a, b) => a.localeCompare(b, 'en', { numeric: true }))
        .map((name) => path.join(storyPath, name))
    : [storyPath];
  const openings: string[] = [];
  for (const file of files) openings.push(...openingsOf(await readFile(file, 'utf8')));
  return openings;
}

function openingsOf(source: string): string[] {
  const lines = source.replace(/\r\n?/g, '\n').split('\n');
  let start = 0;
  if (HEADER_LINE.test(lines[0] ?? '')) while (start < lines.length && lines[start]?.trim() !== '') start++;
  const openings: string[] = [];
  let wanted = true;
  let paragraph: string[] = [];
  const endParagraph = (): void => {
    const text = withoutMarkup(paragraph.join(' '));
    paragraph = [];
    if (wanted && text.split(' ').length >= PROSE_WORDS) {
      openings.push(sameQuotes(text.split(' ').slice(0, OPENING_WORDS).join(' ')));
      wanted = false;
    }
  };
  for (const line of lines.slice(start)) {
    const trimmed = line.trim();
    if (HEADING.test(trimmed)) {
      endParagraph();
      wanted = true;
    } else if (trimmed === '') {
      endParagraph();
    } else {
      paragraph.push(trimmed);
    }
  }
  endParagraph();
  return openings;
}
