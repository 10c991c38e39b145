import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseStory } from '../../../src/parse/parse-story.js';

/** A FanFicFare TXT in its shape: title, `by` line, title page, the chapter after its tab-indented title, end mark. */
function fanficfareText(byline: string): string {
  return [
    'The Weir Lantern',
    '',
    byline,
    '',
    'Status: Completed',
    'Words: 61',
    'Chapters: 1',
    '',
    '',
    '\tThe Weir Lantern',
    '',
    'The lantern on the weir had burned for nine winters, and the keepers took turns to trim it.',
    '',
    'On the tenth winter nobody came to take the turn, so Ilse walked out on the ice herself.',
    '',
    'End file.',
    '',
  ].join('\n');
}

const authorOf = (byline: string): string | undefined => {
  const path = 'weir.txt';
  return parseStory({ path, files: [{ path, text: fanficfareText(byline), modified: 1 }] }).story?.meta.author;
};

describe("FanFicFare's TXT byline", () => {
  it("joins co-authors with ' & ', as an EPUB's creators are", () => {
    assert.equal(authorOf('by Halden Rue, Mossy Clerk'), 'Halden Rue & Mossy Clerk');
  });

  it('keeps one author as written', () => {
    assert.equal(authorOf('by Halden Rue'), 'Halden Rue');
  });
});
