import { parseEmphasis, parseParagraphEmphasis, type JoinedLines } from './emphasis.js';
import type { SourceLine } from './lines.js';
import type { Block } from '../model/story.js';
import { detectParagraphShape, splitParagraphs, type LineGroup, type ParagraphShape } from './paragraph-shape.js';

/** A paragraph's `*`/`_` emphasis left as text because it is broken, with the source lines it spans. */
export interface EmphasisProblem {
  marker: string;
  reason: 'unclosed' | 'runs-over-lines';
  line: number;
  endLine: number;
}

/**
 * Lines → blocks: each paragraph's lines are joined into one text (wrapped lines become one
 * line), verse also keeps them line by line; a scene-break line becomes a break. The shape is
 * best measured over a whole file, so callers with a file at hand pass it. Broken emphasis is
 * added to `problems` (one per paragraph) when the caller gives a list.
 */
export function linesToBlocks(
  lines: readonly SourceLine[],
  shape: ParagraphShape = detectParagraphShape(lines),
  problems?: EmphasisProblem[],
): Block[] {
  const blocks: Block[] = [];
  for (const group of splitParagraphs(lines, shape)) {
    const block = groupToBlock(group, problems);
    const last = blocks.at(-1);
    // Paragraphs a page marks as the author's note (its note box) make one note block.
    if (block.kind !== 'paragraph' || group.kind !== 'paragraph' || !group.lines.every((l) => l.note))
      blocks.push(block);
    else if (last?.kind === 'note') last.blocks.push(block);
    else blocks.push({ kind: 'note', blocks: [block], line: block.line });
  }
  return blocks;
}

function groupToBlock(group: LineGroup, problems: EmphasisProblem[] | undefined): Block {
  if (group.kind === 'scene-break') return { kind: 'scene-break', line: group.line.number };
  if (group.kind === 'image') {
    const image = group.line.image as { key: string; alt: string };
    return { kind: 'image', image: image.key, alt: image.alt, line: group.line.number };
  }
  const texts = group.lines.map((l) => collapseSpaces(l.text.trim()));
  const joined = joinLines(texts);
  const { inlines, unbalanced } = parseParagraphEmphasis(joined);
  const first = unbalanced[0];
  if (first && problems) {
    const lineAt = (offset: number): number =>
      (group.lines[joined.lineStarts.filter((start) => start <= offset).length] as SourceLine).number;
    problems.push({
      marker: first.marker,
      reason: first.closeAt === undefined ? 'unclosed' : 'runs-over-lines',
      line: lineAt(first.at),
      endLine: lineAt(first.closeAt ?? first.at),
    });
  }
  const block: Block = { kind: 'paragraph', inlines, line: (group.lines[0] as SourceLine).number };
  if (group.verse) block.lines = texts.map(parseEmphasis);
  return block;
}

// Hard-wrapped prose: every line but the last ends near a wrap width of 45–100 columns.
const WRAPPED_LINE = { min: 45, max: 100 };

function joinLines(texts: readonly string[]): JoinedLines {
  const lineStarts: number[] = [];
  let length = 0;
  texts.forEach((text, index) => {
    if (index > 0) lineStarts.push(++length); // the joining space
    length += text.length;
  });
  const wrapped =
    texts.length > 1 && texts.slice(0, -1).every((t) => t.length >= WRAPPED_LINE.min && t.length <= WRAPPED_LINE.max);
  return { text: texts.join(' '), lineStarts, wrapped };
}

function collapseSpaces(text: string): string {
  return text.replace(/[ \t\u00A0]{2,}/g, ' ');
}
