import MarkdownIt from 'markdown-it';
import type { Env, StateCore, Token } from 'markdown-it';
import { isMap, LineCounter, parseDocument, type Pair } from 'yaml';
import { decodeValueReferences } from '../../text/character-references.js';
import { lineMark, stripMarks } from '../emphasis-marks.js';
import { diagnostic, type Diagnostic } from '../../diagnostics/diagnostic.js';
import { parseChapterHeading } from '../chapter-heading.js';
import type { HeaderField } from '../header.js';
import type { SourceLine } from '../lines.js';
import { htmlToLines, withLineMarks } from './html-lines.js';
import type { FormatReading } from './format.js';

/** `lineOffset`: lines before the Markdown body (the front matter), so marks give file line numbers. */
type MarkdownEnv = Env & { lineOffset?: number };

// Fiction, not code: an indented paragraph or a `~~~` scene break is not a code block.
const markdown = new MarkdownIt({ html: true, linkify: false, typographer: false }).disable(['code', 'fence']);
// A line end inside a paragraph stays a line end, as in a .txt file; paragraphs still join lines.
markdown.renderer.rules.softbreak = () => '<br>\n';
markdown.renderer.rules.hr = (tokens, idx, _options, env) => `${markOf(tokens[idx] as Token, env as MarkdownEnv)}<hr>`;
markdown.core.ruler.push('source_lines', markSourceLines);

function markOf(token: Token, env: MarkdownEnv): string {
  return token.map ? lineMark(token.map[0] + 1 + (env.lineOffset ?? 0)) : '';
}

/** Puts a line mark at the start of each block's text and after each line end in it. */
function markSourceLines(state: StateCore): void {
  const env = state.env as MarkdownEnv;
  const mark = (line: number): Token => {
    const token = new state.Token('text', '', 0);
    token.content = lineMark(line);
    return token;
  };
  for (const token of state.tokens) {
    if (!token.map) continue;
    let line = token.map[0] + 1 + (env.lineOffset ?? 0);
    if (token.type === 'html_block') token.content = withLineMarks(token.content, line);
    if (token.type !== 'inline' || !token.children) continue;
    const children: Token[] = [mark(line)];
    for (const child of token.children) {
      children.push(child);
      if (child.type === 'softbreak' || child.type === 'hardbreak') children.push(mark(++line));
    }
    token.children = children;
  }
}

const FRONT_MATTER = /^---[ \t]*\r?\n([\s\S]*?)\r?\n(?:---|\.\.\.)[ \t]*(?:\r?\n|$)/;

/** A Markdown story → header fields (YAML front matter) and body lines (through the HTML reader). */
export function readMarkdown(text: string, file: string): FormatReading {
  const diagnostics: Diagnostic[] = [];
  const front = FRONT_MATTER.exec(text);
  let fields: HeaderField[] = [];
  const lines: SourceLine[] = [];
  if (front) {
    const read = readFrontMatter(front[1] as string, file);
    diagnostics.push(...read.diagnostics);
    fields = read.fields ?? [];
    // Front matter that is not YAML is read as a text header, so nothing in it is lost.
    if (!read.fields)
      (front[1] as string)
        .split(/\r?\n/)
        .forEach((lineText, index) => lines.push({ text: lineText, number: index + 2 }));
  }
  const lineOffset = front ? (front[0].match(/\n/g) ?? []).length : 0;
  if (lines.length > 0) lines.push({ text: '', number: lineOffset });
  const env: MarkdownEnv = { lineOffset };
  const tokens = markdown.parse(front ? text.slice(front[0].length) : text, env);
  diagnostics.push(...takeTitleHeading(tokens, fields, env, file));
  const html = markdown.renderer.render(tokens, markdown.options, env);
  lines.push(...htmlToLines(html, lineOffset + 1, { headingsAreChapters: true }));
  return { fields, lines, diagnostics };
}

/**
 * A heading opening the body that repeats the front-matter title is left out (and reported); in
 * a file without a title, an opening `# Heading` that is not a chapter heading is the title.
 */
function takeTitleHeading(tokens: Token[], fields: HeaderField[], env: MarkdownEnv, file: string): Diagnostic[] {
  const [open, inline] = tokens;
  if (open?.type !== 'heading_open' || inline?.type !== 'inline') return [];
  const text = stripMarks(
    (inline.children ?? [])
      .filter((t) => t.type === 'text' || t.type === 'code_inline')
      .map((t) => t.content)
      .join(''),
  )
    .replace(/\s+/g, ' ')
    .trim();
  const line = (open.map?.[0] ?? 0) + 1 + (env.lineOffset ?? 0);
  const title = fields.find((f) => f.key.toLowerCase() === 'title');
  if (title && text.toLowerCase() === title.value.toLowerCase()) {
    tokens.splice(0, 3);
    return [
      diagnostic('format/title-heading', file, `left out the heading "${text}": it repeats the title`, {
        line,
        removed: text,
      }),
    ];
  }
  if (!title && open.tag === 'h1' && text !== '' && parseChapterHeading(text) === undefined) {
    fields.unshift({ key: 'Title', value: text, line });
    tokens.splice(0, 3);
  }
  return [];
}

// Front-matter keys with another name in the header model.
const KEY_NAMES: Readonly<Record<string, string>> = {
  description: 'Summary',
  authors: 'Author',
  tags: 'Tags',
  published: 'Published',
  notes: 'Notes',
};
const SERIES_PART_KEYS = new Set(['part', 'series_part', 'series-part', 'series_index', 'series-index', 'seriespart']);

function readFrontMatter(yamlText: string, file: string): { fields?: HeaderField[]; diagnostics: Diagnostic[] } {
  const counter = new LineCounter();
  const doc = parseDocument(yamlText, { lineCounter: counter, prettyErrors: false, uniqueKeys: false });
  const lineAt = (offset: number | undefined) => counter.linePos(offset ?? 0).line + 1; // +1: the opening `---`
  if (doc.errors.length > 0 || !isMap(doc.contents)) {
    const error = doc.errors[0];
    return {
      diagnostics: [
        diagnostic(
          'format/front-matter',
          file,
          `the front matter is not a YAML map${error ? ` (${error.message.split('\n')[0]})` : ''}; read as a text header`,
          { line: error ? lineAt(error.pos[0]) : 2 },
        ),
      ],
    };
  }
  const fields: HeaderField[] = [];
  let part: string | undefined;
  for (const pair of doc.contents.items as Array<Pair<unknown, unknown>>) {
    const key = String((pair.key as { value?: unknown } | null)?.value ?? pair.key ?? '').trim();
    const node = pair.value as { range?: [number, number, number]; toJSON?: () => unknown } | null;
    // YAML keeps `&#8217;` as typed; Markdown shows it as a character, so front matter does too.
    const value = decodeValueReferences(valueText(node && typeof node.toJSON === 'function' ? node.toJSON() : node));
    const line = lineAt((pair.key as { range?: [number] } | null)?.range?.[0]);
    if (key === '' || value === '') continue;
    if (SERIES_PART_KEYS.has(key.toLowerCase())) part = value;
    else fields.push({ key: KEY_NAMES[key.toLowerCase()] ?? key.charAt(0).toUpperCase() + key.slice(1), value, line });
  }
  const series = fields.find((f) => f.key.toLowerCase() === 'series');
  if (series && part !== undefined && !/\d/.test(series.value)) series.value = `${series.value}, Part ${part}`;
  else if (part !== undefined) fields.push({ key: 'Part', value: part, line: 2 });
  return { fields, diagnostics: [] };
}

/** A YAML value as one line of text: lists joined with commas, a series map as `Name, Part N`. */
function valueText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (Array.isArray(value))
    return value
      .map(valueText)
      .filter((v) => v !== '')
      .join(', ');
  if (typeof value === 'object') {
    const map = value as Record<string, unknown>;
    if ('name' in map && ('part' in map || 'index' in map || 'number' in map))
      return `${valueText(map['name'])}, Part ${valueText(map['part'] ?? map['index'] ?? map['number'])}`;
    return Object.entries(map)
      .map(([k, v]) => `${k}: ${valueText(v)}`)
      .join('; ');
  }
  return String(value as string | number | boolean)
    .replace(/\s+/g, ' ')
    .trim();
}
