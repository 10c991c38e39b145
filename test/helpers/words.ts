import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import type { Diagnostic } from '../../src/index.js';
import { isSceneBreak } from '../../src/parse/scene-breaks.js';
import { all, spinePaths, type OpenedEpub } from './epub.js';

const HEADER_LINE = /^[A-Za-z][A-Za-z'’ ]{0,23}:\s*\S/;

export function words(text: string): string[] {
  return (
    text
      .normalize('NFC')
      .toLowerCase()
      .match(/[\p{L}\p{N}]+/gu) ?? []
  );
}

type DomNode = { nodeType: number; nodeValue: string | null; childNodes: ArrayLike<DomNode> };

/** Text nodes one by one, so words in neighbouring elements never run together. */
function textNodes(node: DomNode): string[] {
  if (node.nodeType === 3) return [node.nodeValue ?? ''];
  return Array.from(node.childNodes).flatMap(textNodes);
}

/** Every word of the book's spine documents, in reading order. */
export async function bookWords(epub: OpenedEpub): Promise<string[]> {
  const result: string[] = [];
  for (const document of await spinePaths(epub)) {
    const doc = await epub.xml(document);
    result.push(...words(textNodes(all(doc, 'body')[0]!).join(' ')));
  }
  return result;
}

/**
 * The nothing-lost check: the words of a source file — minus the lines a diagnostic reports as
 * removed, each with its text — all appear in the book, in order. Header values (a leading block
 * of `Key: value` lines) must appear somewhere in the book. Returns the share of body words found.
 */
export async function assertNothingLost(
  sourceFile: string,
  shownAs: string,
  epub: OpenedEpub,
  diagnostics: readonly Diagnostic[],
  /** For HTML or Markdown: the source's text line by line (see source-text.ts) and its header lines. */
  reading?: { lines: string[]; header: ReadonlySet<number> },
): Promise<void> {
  const lines = reading?.lines ?? (await readFile(sourceFile, 'utf8')).replace(/\r\n?/g, '\n').split('\n');
  const removed = new Map(
    diagnostics
      .filter((d) => d.file === shownAs && d.removed !== undefined && d.line !== undefined)
      .map((d) => [d.line!, d.removed!]),
  );
  for (const [line, text] of removed) {
    assert.deepEqual(
      words(lines[line - 1] ?? ''),
      words(text),
      `${shownAs}:${line}: the diagnostic names the removed text`,
    );
  }
  let headerEnd = 0;
  while (headerEnd < lines.length && HEADER_LINE.test(lines[headerEnd]!)) {
    headerEnd++;
    while (headerEnd < lines.length && /^\s+\S/.test(lines[headerEnd]!)) headerEnd++;
  }
  const isHeader = reading ? (index: number) => reading.header.has(index) : (index: number) => index < headerEnd;
  const inBook = await bookWords(epub);
  const bookSet = new Set(inBook);
  for (const line of lines.filter((_, index) => isHeader(index))) {
    for (const word of words(line.replace(/^[^:]*:/, '')))
      assert.ok(bookSet.has(word), `${shownAs}: header word "${word}" is in the book`);
  }
  // Scene-break ornaments (o0o, xXx) become <hr/>: they are the break, not words of the story.
  const body = lines.flatMap((text, index) =>
    isHeader(index) || removed.has(index + 1) || isSceneBreak(text) ? [] : words(text),
  );
  let position = 0;
  let found = 0;
  for (const word of body) {
    const at = inBook.indexOf(word, position);
    if (at < 0) break;
    found++;
    position = at + 1;
  }
  assert.equal(
    found,
    body.length,
    `${shownAs}: ${found} of ${body.length} story words are in the book in order; the first missing is "${body[found]}"`,
  );
}
