import { diagnostic, type Diagnostic } from '../diagnostics/diagnostic.js';
import { linesToBlocks, type EmphasisProblem } from './blocks.js';
import { findHeadings, type HeadingSpan } from './heading-spans.js';
import type { SourceLine } from './lines.js';
import type { Block, Chapter } from '../model/story.js';
import { detectParagraphShape } from './paragraph-shape.js';
import { findContents, type ContentsList } from './table-of-contents.js';

export interface ChapterSplit {
  chapters: Chapter[];
  diagnostics: Diagnostic[];
}

/**
 * Splits a story body at its chapter headings (see heading-spans.ts: a heading stands on its
 * own, never inside a paragraph). Text before the first heading is an untitled opening chapter.
 * A table of contents (headings with no text between them, repeated later) stays text there.
 */
export function splitChapters(lines: readonly SourceLine[], file: string): ChapterSplit {
  const shape = detectParagraphShape(lines);
  const headings = findHeadings(lines, shape);
  const contents = findContents(lines, headings);
  const diagnostics: Diagnostic[] = contents.map((list) => contentsDiagnostic(list, lines, file));
  const problems: EmphasisProblem[] = [];
  const chapters: Chapter[] = [];
  let current: Chapter = { kind: 'chapter', blocks: [], file, line: lines[0]?.number ?? 1 };
  const addBlocks = (blocks: Block[]): void => void current.blocks.push(...blocks);
  const close = (): void => {
    if (current.blocks.length > 0 || current.title !== undefined) chapters.push(current);
  };

  const listed = new Set(contents.flatMap((c) => c.entries));
  const events: Array<HeadingSpan | ContentsList> = [...headings.filter((h) => !listed.has(h)), ...contents].sort(
    (a, b) => a.start - b.start,
  );
  let at = 0;
  for (const event of events) {
    addBlocks(linesToBlocks(lines.slice(at, event.start), shape, problems));
    at = event.end;
    if ('entries' in event) {
      // Each entry on a line of its own, as the list was written.
      addBlocks(linesToBlocks(lines.slice(event.start, event.end), 'line-per-paragraph', problems));
      continue;
    }
    close();
    current = {
      kind: event.heading.kind,
      title: event.heading.title,
      blocks: [],
      file,
      line: (lines[event.start] as SourceLine).number,
    };
  }
  addBlocks(linesToBlocks(lines.slice(at), shape, problems));
  close();
  diagnostics.push(...problems.map((p) => emphasisDiagnostic(p, file)));
  return { chapters, diagnostics };
}

function contentsDiagnostic(list: ContentsList, lines: readonly SourceLine[], file: string): Diagnostic {
  const first = (lines[list.start] as SourceLine).number;
  const last = (lines[list.end - 1] as SourceLine).number;
  const entries = list.entries.map((e) => e.heading.title).join(' / ');
  return diagnostic(
    'chapters/contents',
    file,
    `lines ${first}–${last} are a table of contents (${entries}); kept as text, not made into chapters`,
    { line: first },
  );
}

function emphasisDiagnostic(problem: EmphasisProblem, file: string): Diagnostic {
  const why =
    problem.reason === 'unclosed'
      ? `a "${problem.marker}" opens emphasis that never closes in its paragraph`
      : `the "${problem.marker}" emphasis opened here closes on a later line (lines ${problem.line}–${problem.endLine}), as emphasis broken by a conversion does`;
  return diagnostic('emphasis/unbalanced', file, `${why}; the text is kept as written, without emphasis`, {
    line: problem.line,
    facts: { marker: problem.marker },
  });
}
