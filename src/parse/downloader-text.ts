import { diagnostic, type Diagnostic } from '../diagnostics/diagnostic.js';
import { parseKeyBlock, type HeaderField } from './header.js';
import { isBlank, type SourceLine } from './lines.js';

export interface DownloaderText {
  fields: HeaderField[];
  /** The body: the title page gone, the chapter headings marked, the downloader's own lines blanked. */
  lines: SourceLine[];
  diagnostics: Diagnostic[];
}

const BY_LINE = /^by\s+(\S.*)$/i;
const CONTENTS = 'TABLE OF CONTENTS';
const END_MARK = 'End file.';

/**
 * FanFicFare's TXT: the title, `by Author`, a title page of `Label: value` lines, a `TABLE OF
 * CONTENTS` (for more than one chapter), each chapter after its tab-indented title, and
 * `End file.` last. The title page becomes fields; the tab-indented titles, chapter headings; the
 * table of contents and the end mark are left out and reported, unless `keepJunk`. Undefined for
 * any other text.
 */
export function readDownloaderText(
  lines: readonly SourceLine[],
  file: string,
  keepJunk = false,
): DownloaderText | undefined {
  const title = nextText(lines, 0);
  const by = nextText(lines, title + 1);
  const byMatch = BY_LINE.exec(lines[by]?.text.trim() ?? '');
  if (by !== title + 2 || !byMatch) return undefined;
  const blockStart = nextText(lines, by + 1);
  const block = parseKeyBlock(lines.slice(blockStart));
  if (block.length === 0) return undefined;
  let at = blockStart;
  while (at < lines.length && !isBlank(lines[at])) at++;
  const diagnostics: Diagnostic[] = [];
  const body = lines.slice(at).map((line) => ({ ...line }));
  const leaveOut = (line: SourceLine, what: string): void => {
    if (keepJunk) return;
    const text = line.text.trim();
    diagnostics.push(
      diagnostic('junk/downloader', file, `removed ${what}: "${text}"`, { line: line.number, removed: text }),
    );
    line.text = '';
  };
  // The contents: its heading and entries up to the first tab-indented chapter title.
  const entries = new Set<string>();
  let index = nextText(body, 0);
  if (body[index]?.text.trim() === CONTENTS) {
    leaveOut(body[index] as SourceLine, "FanFicFare's table of contents");
    for (index++; index < body.length && !body[index]?.text.startsWith('\t'); index++) {
      const line = body[index] as SourceLine;
      if (isBlank(line)) continue;
      entries.add(line.text.trim());
      leaveOut(line, "FanFicFare's table of contents");
    }
  }
  // A title stands tab-indented between blank lines; without a contents there is one chapter.
  body.forEach((line, i) => {
    const text = line.text.trim();
    const standsAlone = line.text.startsWith('\t') && isBlank(body[i - 1]) && isBlank(body[i + 1]);
    if (standsAlone && (entries.has(text) || (entries.size === 0 && i === nextText(body, 0)))) {
      line.text = text;
      line.heading = true;
    }
  });
  const last = lastText(body);
  if (body[last]?.text.trim() === END_MARK) leaveOut(body[last] as SourceLine, "FanFicFare's end mark");
  const named = (key: string, line: SourceLine, value: string): HeaderField => ({ key, value, line: line.number });
  return {
    fields: [
      named('Title', lines[title] as SourceLine, (lines[title] as SourceLine).text.trim()),
      // FanFicFare writes co-authors as `by A, B`; they are joined as an EPUB's creators are (' & ').
      named(
        'Author',
        lines[by] as SourceLine,
        (byMatch[1] as string)
          .trim()
          .split(/\s*,\s+/)
          .join(' & '),
      ),
      ...block,
    ],
    lines: body,
    diagnostics,
  };
}

function nextText(lines: readonly SourceLine[], from: number): number {
  let i = from;
  while (i < lines.length && isBlank(lines[i])) i++;
  return i;
}

function lastText(lines: readonly SourceLine[]): number {
  let i = lines.length - 1;
  while (i >= 0 && isBlank(lines[i])) i--;
  return i;
}
