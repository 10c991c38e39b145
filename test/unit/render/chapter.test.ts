import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Book } from '../../../src/model/book.js';
import { renderChapter } from '../../../src/render/chapter.js';
import type { Chapter } from '../../../src/model/story.js';

const book = { language: 'en' } as Book;
const body = (xhtml: string): string => /<h2>[^<]*<\/h2>(.*)<\/section>/s.exec(xhtml)?.[1] ?? '';

describe('renderChapter', () => {
  it('writes paragraphs, scene breaks and verse with its line breaks', () => {
    const chapter: Chapter = {
      kind: 'chapter',
      file: 'a.txt',
      line: 1,
      blocks: [
        { kind: 'paragraph', inlines: [{ kind: 'text', text: 'He read it aloud:' }], line: 1 },
        {
          kind: 'paragraph',
          inlines: [{ kind: 'text', text: 'Where the grey gull turns, And the cold tide burns.' }],
          lines: [
            [
              { kind: 'text', text: 'Where the ' },
              { kind: 'em', text: 'grey' },
              { kind: 'text', text: ' gull turns,' },
            ],
            [{ kind: 'text', text: 'And the cold tide burns.' }],
          ],
          line: 3,
        },
        { kind: 'scene-break', line: 6 },
      ],
    };
    assert.equal(
      body(renderChapter(book, chapter, 'Chapter 1')),
      '<p>He read it aloud:</p><p class="verse">Where the <em>grey</em> gull turns,<br />\nAnd the cold tide burns.</p><hr class="scene-break" />',
    );
  });
});
