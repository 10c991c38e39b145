import { isSceneBreak } from '../clean/scene-breaks.js';
import { parseEmphasis } from '../clean/emphasis.js';
import { isBlank, type SourceLine } from './lines.js';
import type { Block } from './model.js';

/**
 * Lines → blocks: runs of non-blank lines become one paragraph (wrapped lines are joined), a
 * scene-break line becomes a break.
 */
export function linesToBlocks(lines: readonly SourceLine[]): Block[] {
  const blocks: Block[] = [];
  let paragraph: SourceLine[] = [];
  const flush = (): void => {
    if (paragraph.length === 0) return;
    const text = paragraph
      .map((l) => l.text.trim())
      .join(' ')
      .replace(/[ \t\u00A0]{2,}/g, ' ');
    blocks.push({ kind: 'paragraph', inlines: parseEmphasis(text), line: (paragraph[0] as SourceLine).number });
    paragraph = [];
  };
  for (const line of lines) {
    if (isBlank(line)) {
      flush();
    } else if (isSceneBreak(line.text)) {
      flush();
      blocks.push({ kind: 'scene-break', line: line.number });
    } else {
      paragraph.push(line);
    }
  }
  flush();
  return blocks;
}
