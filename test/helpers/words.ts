import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import type { Diagnostic } from '../../src/index.js';
import { all, spinePaths, type OpenedEpub } from './epub.js';

// This file is the oracle of the nothing-lost checks: it reads sources and books with rules of
// its own, and imports nothing from src/ but types. Sharing ficbind's scene-break detector let a
// broken detector hide the lines it swallowed (issue 15).

const HEADER_LINE = /^[A-Za-z][A-Za-z'’ ]{0,23}:\s*\S/;
/**
 * An ornament line: symbols only, or the letters o, 0 and x woven with symbols (o0o, xXx, -x-x-,
 * ~o~). Symbol-only lines hold no word anyway; ornaments of letters must not count as story words.
 * Deliberately narrow: a line with a quote mark, any other letter, or under three marks is prose.
 */
const ORNAMENT = /^[oO0xX~*#=_+•·°§†\-–—]{3,}$/u;

export function words(text: string): string[] {
  return (
    text
      .normalize('NFC')
      .toLowerCase()
      .match(/[\p{L}\p{N}]+/gu) ?? []
  );
}

function isOrnament(line: string): boolean {
  return ORNAMENT.test(line.replace(/\s+/g, ''));
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

/** Where `run` next appears whole and unbroken in `book`, at or after `from`; -1 when it does not. */
function findRun(book: readonly string[], run: readonly string[], from: number): number {
  for (let at = book.indexOf(run[0]!, from); at >= 0; at = book.indexOf(run[0]!, at + 1)) {
    if (run.every((word, offset) => book[at + offset] === word)) return at;
  }
  return -1;
}

/**
 * The nothing-lost check: the words of each line of a source file — minus the lines a diagnostic
 * reports as removed, each with its text — appear in the book as an unbroken run, line after line
 * in order. Header values (a leading block of `Key: value` lines) must appear somewhere in the
 * book.
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
  const reported = diagnostics.filter((d) => d.file === shownAs && d.removed !== undefined && d.line !== undefined);
  // A removed block (a licence, a news header) is one diagnostic from `line` to `endLine`.
  const removed = new Set(reported.flatMap((d) => lineRange(d.line!, d.endLine ?? d.line!)));
  for (const d of reported) {
    assert.deepEqual(
      words(
        lineRange(d.line!, d.endLine ?? d.line!)
          .map((n) => lines[n - 1] ?? '')
          .join('\n'),
      ),
      words(d.removed!),
      `${shownAs}:${d.line}: the diagnostic names the removed text`,
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
  const body = lines.flatMap((text, index) =>
    isHeader(index) || removed.has(index + 1) || isOrnament(text) || words(text).length === 0
      ? []
      : [{ line: index + 1, words: words(text) }],
  );
  assert.ok(body.length > 0, `${shownAs}: the source has story lines to look for`);
  let position = 0;
  for (const { line, words: run } of body) {
    const at = findRun(inBook, run, position);
    assert.ok(
      at >= 0,
      `${shownAs}:${line}: its words "${run.join(' ')}" are not in the book unbroken after the lines before it`,
    );
    position = at + run.length;
  }
}

function lineRange(first: number, last: number): number[] {
  return Array.from({ length: last - first + 1 }, (_, i) => first + i);
}
