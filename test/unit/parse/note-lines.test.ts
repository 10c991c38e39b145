import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { linesToBlocks } from '../../../src/parse/blocks.js';
import type { SourceLine } from '../../../src/parse/lines.js';

const line = (text: string, number: number, note?: boolean): SourceLine =>
  note ? { text, number, note } : { text, number };

describe("lines a page marks as the author's note", () => {
  it('make one note block of their paragraphs, and the story stays paragraphs', () => {
    const blocks = linesToBlocks([
      line('A note from the author', 1, true),
      line('', 2, true),
      line('Thanks for reading.', 3, true),
      line('', 4),
      line('The story starts here.', 5),
    ]);
    assert.deepEqual(
      blocks.map((b) => (b.kind === 'note' ? `note(${b.blocks.length}) at ${b.line}` : `${b.kind} at ${b.line}`)),
      ['note(2) at 1', 'paragraph at 5'],
    );
  });
});
