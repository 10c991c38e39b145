import type { AnyNode, Element } from 'domhandler';
import { parseDocument, Parser } from 'htmlparser2';
import sanitizeHtml from 'sanitize-html';
import { emphasised, IMAGE_CLOSE, IMAGE_OPEN, LINE_CLOSE, LINE_OPEN, lineMark } from '../emphasis-marks.js';
import type { SourceLine } from '../lines.js';
import { isElement } from './html-dom.js';

/**
 * Story HTML → lines, as the text path would have them: paragraphs apart by a blank line, `<br>`
 * a line end, `<hr>` a scene-break line, emphasis as explicit marks. Only what sanitize-html's
 * allow-list keeps is read: no attribute at all survives, and script, style, form controls,
 * frames, SVG and MathML lose their content too.
 */

const ALLOWED_TAGS = [
  'p',
  'div',
  'br',
  'hr',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'i',
  'em',
  'b',
  'strong',
  'cite',
  'blockquote',
  'ul',
  'ol',
  'li',
  'dl',
  'dt',
  'dd',
  'pre',
  'span',
  'center',
  'section',
  'article',
  'main',
  'aside',
  'header',
  'footer',
  'figure',
  'figcaption',
  'table',
  'thead',
  'tbody',
  'tfoot',
  'tr',
  'td',
  'th',
  'caption',
  'a',
  'font',
  'u',
  's',
  'strike',
  'del',
  'ins',
  'small',
  'big',
  'sub',
  'sup',
  'tt',
  'code',
  'abbr',
  'address',
  'q',
];
const DROPPED_WITH_CONTENT = [
  'script',
  'style',
  'noscript',
  'template',
  'title',
  'textarea',
  'option',
  'select',
  'button',
  'svg',
  'math',
  'iframe',
  'object',
  'embed',
  'frameset',
];

export const SANITIZE_OPTIONS: sanitizeHtml.IOptions = {
  allowedTags: ALLOWED_TAGS,
  allowedAttributes: {},
  allowedSchemes: [],
  allowedSchemesAppliedToAttributes: [],
  allowProtocolRelative: false,
  nonTextTags: DROPPED_WITH_CONTENT,
  disallowedTagsMode: 'discard',
  parseStyleAttributes: false,
};

const BLOCK = new Set([
  'p',
  'div',
  'blockquote',
  'ul',
  'ol',
  'li',
  'dl',
  'dt',
  'dd',
  'pre',
  'center',
  'section',
  'article',
  'main',
  'aside',
  'header',
  'footer',
  'figure',
  'figcaption',
  'table',
  'thead',
  'tbody',
  'tfoot',
  'tr',
  'caption',
  'address',
]);
// A table's cells: a row is one line, its cells apart by a space, as a contents table reads
// (`CHAPTER I. THE FROST 4`), not a paragraph a cell.
const CELL = new Set(['td', 'th']);
const HEADING = new Set(['h1', 'h2', 'h3', 'h4', 'h5', 'h6']);
const EMPHASIS = new Set(['i', 'em', 'b', 'strong', 'cite']);
const SCENE_BREAK_LINE = '* * *';

export interface HtmlLinesOptions {
  /** Every heading starts a chapter (Markdown `#`), rather than only one that reads like one. */
  headingsAreChapters?: boolean;
  /** The images kept in the page, by the number their mark (emphasis-marks.ts imageMark) holds. */
  images?: ReadonlyArray<{ key: string; alt: string }>;
}

/**
 * Puts a line mark before the first visible character of each text run that starts on a new
 * source line, so the lines made from `html` can point back to the file.
 */
export function withLineMarks(html: string, firstLine: number): string {
  const lineStarts = [0];
  for (let i = html.indexOf('\n'); i >= 0; i = html.indexOf('\n', i + 1)) lineStarts.push(i + 1);
  const marks: number[] = [];
  const parser = new Parser({
    ontext() {
      const start = parser.startIndex;
      const offset = html.slice(start, parser.endIndex + 1).search(/\S/);
      if (offset >= 0) marks.push(start + offset);
    },
  });
  parser.end(html);
  const pieces: string[] = [];
  let copied = 0;
  let lastLine = -1;
  let lineIndex = 0;
  for (const at of marks) {
    while (lineIndex + 1 < lineStarts.length && (lineStarts[lineIndex + 1] as number) <= at) lineIndex++;
    if (lineIndex === lastLine) continue;
    pieces.push(html.slice(copied, at), lineMark(firstLine + lineIndex));
    copied = at;
    lastLine = lineIndex;
  }
  pieces.push(html.slice(copied));
  return pieces.join('');
}

/** Sanitizes story HTML (already holding line marks) and reads it into lines. */
export function htmlToLines(markedHtml: string, firstLine: number, options: HtmlLinesOptions = {}): SourceLine[] {
  const clean = sanitizeHtml(markedHtml, SANITIZE_OPTIONS);
  return new LineWriter(firstLine, options).walk(parseDocument(clean).children);
}

const LINE_OR_IMAGE_MARK = new RegExp(`${LINE_OPEN}(\\d+)${LINE_CLOSE}|${IMAGE_OPEN}(\\d+)${IMAGE_CLOSE}`, 'g');

class LineWriter {
  private readonly lines: SourceLine[] = [];
  private buffer = '';
  private bufferLine = 0;
  private sourceLine: number;
  private emphasis = 0;
  private preformatted = 0;
  private headingStart: number | undefined;

  constructor(
    firstLine: number,
    private readonly options: HtmlLinesOptions,
  ) {
    this.sourceLine = firstLine;
  }

  walk(roots: readonly AnyNode[]): SourceLine[] {
    const stack: Array<{ node: AnyNode; leaving: boolean }> = roots.map((node) => ({ node, leaving: false })).reverse();
    while (stack.length > 0) {
      const { node, leaving } = stack.pop() as { node: AnyNode; leaving: boolean };
      if (node.type === 'text') this.text(node.data);
      if (!isElement(node)) continue;
      if (leaving) {
        this.leave(node);
        continue;
      }
      this.enter(node);
      stack.push({ node, leaving: true });
      for (let i = node.children.length - 1; i >= 0; i--)
        stack.push({ node: node.children[i] as AnyNode, leaving: false });
    }
    this.endBlock();
    while (this.lines.length > 0 && this.lines[this.lines.length - 1]?.text === '') this.lines.pop();
    return this.lines;
  }

  private enter(el: Element): void {
    const name = el.name;
    if (name === 'br') this.endLine();
    else if (name === 'hr') {
      this.endBlock();
      this.push(SCENE_BREAK_LINE, this.sourceLine);
      this.endBlock();
    } else if (HEADING.has(name)) {
      this.endBlock();
      this.headingStart = this.lines.length;
    } else if (BLOCK.has(name)) this.endBlock();
    else if (CELL.has(name) && this.buffer !== '') this.buffer += ' ';
    if (EMPHASIS.has(name)) this.emphasis++;
    if (name === 'pre') this.preformatted++;
  }

  private leave(el: Element): void {
    const name = el.name;
    if (EMPHASIS.has(name)) this.emphasis--;
    if (name === 'pre') this.preformatted--;
    if (HEADING.has(name)) this.endHeading();
    else if (BLOCK.has(name)) this.endBlock();
  }

  /** A heading is one line of its own; for Markdown it always opens a chapter. */
  private endHeading(): void {
    this.endLine();
    const start = this.headingStart ?? this.lines.length;
    this.headingStart = undefined;
    const inside = this.lines.splice(start);
    const parts = inside.filter((l) => l.text.trim() !== '' && l.image === undefined);
    const text = parts.map((l) => l.text.trim()).join(' ');
    const line = parts[0]?.number ?? this.sourceLine;
    if (text !== '') this.push(text, line, this.options.headingsAreChapters);
    else if (this.options.headingsAreChapters) this.push(SCENE_BREAK_LINE, line); // a lone `#` line: a scene break
    // An image inside the heading comes after it, on its own.
    for (const image of inside.filter((l) => l.image !== undefined)) {
      this.endBlock();
      this.lines.push(image);
    }
    this.endBlock();
  }

  private text(raw: string): void {
    let at = 0;
    for (const match of raw.matchAll(LINE_OR_IMAGE_MARK)) {
      this.textRun(raw.slice(at, match.index));
      if (match[1] !== undefined) this.sourceLine = Number(match[1]);
      else this.image(match[0], Number(match[2]));
      at = (match.index as number) + match[0].length;
    }
    this.textRun(raw.slice(at));
  }

  /** A kept image stands alone, a block of its own, even when the page put it inside a paragraph. */
  private image(mark: string, index: number): void {
    const image = this.options.images?.[index];
    if (image === undefined) return;
    this.endBlock();
    this.lines.push({ text: mark, number: this.sourceLine, image });
    this.endBlock();
  }

  private textRun(raw: string): void {
    if (raw === '') return;
    if (this.preformatted > 0) {
      raw.split('\n').forEach((piece, index) => {
        if (index > 0) this.endLine();
        this.append(piece);
      });
      return;
    }
    this.append(raw.replace(/[ \t\n\r\f]+/g, ' '));
  }

  private append(text: string): void {
    if (this.buffer === '') {
      text = text.replace(/^ +/, '');
      if (text === '') return;
      this.bufferLine = this.sourceLine;
    }
    this.buffer += this.emphasis > 0 && /\S/.test(text) ? emphasised(text) : text;
  }

  private endLine(): void {
    this.push(this.buffer, this.buffer === '' ? this.sourceLine : this.bufferLine);
    this.buffer = '';
  }

  /** Ends the current paragraph: what is buffered becomes a line, then one blank line. */
  private endBlock(): void {
    if (this.buffer !== '') this.endLine();
    if (this.lines.length > 0 && this.lines[this.lines.length - 1]?.text !== '') this.push('', this.sourceLine);
  }

  private push(text: string, number: number, heading?: boolean): void {
    const line: SourceLine = { text: text.trimEnd(), number };
    if (heading) line.heading = true;
    this.lines.push(line);
  }
}
