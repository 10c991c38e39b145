import { parseEmphasis } from '../clean/emphasis.js';
import type { SourceLine } from './lines.js';
import type { Block } from './model.js';
import { detectParagraphShape, splitParagraphs, type ParagraphShape } from './paragraph-shape.js';

/**
 * Lines → blocks: each paragraph's lines are joined into one text (wrapped lines become one
 * line), verse also keeps them line by line; a scene-break line becomes a break. The shape is
 * best measured over a whole file, so callers with a file at hand pass it.
 */
export function linesToBlocks(lines: readonly SourceLine[], shape: ParagraphShape = detectParagraphShape(lines)): Block[] {
  return splitParagraphs(lines, shape).map((group): Block => {
    if (group.kind === 'scene-break') return { kind: 'scene-break', line: group.line.number };
    const texts = group.lines.map((l) => collapseSpaces(l.text.trim()));
    const block: Block = { kind: 'paragraph', inlines: parseEmphasis(collapseSpaces(texts.join(' '))), line: (group.lines[0] as SourceLine).number };
    if (group.verse) block.lines = texts.map(parseEmphasis);
    return block;
  });
}

function collapseSpaces(text: string): string {
  return text.replace(/[ \t\u00A0]{2,}/g, ' ');
}
