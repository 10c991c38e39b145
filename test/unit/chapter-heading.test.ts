import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { parseChapterHeading, type ChapterHeading } from '../../src/story/chapter-heading.js';

describe('parseChapterHeading', () => {
  describe('headings', () => {
    const cases: Array<[string, ChapterHeading]> = [
      ['Chapter 3', { kind: 'chapter', title: 'Chapter 3' }],
      ['Chapter 1234', { kind: 'chapter', title: 'Chapter 1234' }],
      ['chapter 3', { kind: 'chapter', title: 'chapter 3' }],
      ['Chapter Three: The Fall', { kind: 'chapter', title: 'Chapter Three: The Fall' }],
      ['chapter one', { kind: 'chapter', title: 'chapter one' }],
      ['Chapter Twelve', { kind: 'chapter', title: 'Chapter Twelve' }],
      ['Chapter Twenty', { kind: 'chapter', title: 'Chapter Twenty' }],
      ['Chapter Twenty-One', { kind: 'chapter', title: 'Chapter Twenty-One' }],
      ['Chapter Ninety Nine', { kind: 'chapter', title: 'Chapter Ninety Nine' }],
      ['CHAPTER IV', { kind: 'chapter', title: 'CHAPTER IV' }],
      ['Chapter xlii', { kind: 'chapter', title: 'Chapter xlii' }],
      ['Chapter I', { kind: 'chapter', title: 'Chapter I' }],
      ['Ch. 12 - Home', { kind: 'chapter', title: 'Ch. 12 - Home' }],
      ['Ch. IV — Home Again', { kind: 'chapter', title: 'Ch. IV — Home Again' }],
      ['Chapter 5. In Which Nothing Happens', { kind: 'chapter', title: 'Chapter 5. In Which Nothing Happens' }],
      ['Chapter 5 – The End', { kind: 'chapter', title: 'Chapter 5 – The End' }],
      // A lone closing mark: the heading is still a heading, kept as written.
      ['Chapter 12.', { kind: 'chapter', title: 'Chapter 12.' }],
      ['Chapter IV:', { kind: 'chapter', title: 'Chapter IV:' }],
      ['Prologue', { kind: 'prologue', title: 'Prologue' }],
      ['PROLOGUE', { kind: 'prologue', title: 'PROLOGUE' }],
      ['Prologue.', { kind: 'prologue', title: 'Prologue.' }],
      ['Prologue - The Beginning', { kind: 'prologue', title: 'Prologue - The Beginning' }],
      ['Epilogue', { kind: 'epilogue', title: 'Epilogue' }],
      ['Epilogue: After', { kind: 'epilogue', title: 'Epilogue: After' }],
      ['Interlude', { kind: 'chapter', title: 'Interlude' }],
      ['Interlude: Dru', { kind: 'chapter', title: 'Interlude: Dru' }],
      // White space around and inside is tidied in the title.
      ['   Chapter    3   ', { kind: 'chapter', title: 'Chapter 3' }],
      ['Chapter\u00a03:\u00a0The Fall', { kind: 'chapter', title: 'Chapter 3: The Fall' }],
    ];
    for (const [input, expected] of cases) {
      it(`${JSON.stringify(input)} → ${expected.kind} "${expected.title}"`, () => {
        assert.deepEqual(parseChapterHeading(input), expected);
      });
    }
  });

  describe('not headings', () => {
    const cases = [
      'Chapter and verse were quoted at him.',
      'The chapter ended.',
      'Chapter',
      'Chapters 1 to 3',
      'Chapter 3 The Fall',
      'Chapter 12345',
      'Chapter I am not',
      'Chapter iiii',
      'Ch 12',
      'Prologues are boring',
      'Prologue to a disaster, she thought',
      'The Prologue',
      'Epilogues',
      'Interludes: none',
      '',
      '   ',
      // A real heading followed by a long title is more likely a sentence: longer than 100 characters.
      `Chapter 1: ${'x'.repeat(189)}`,
      'x'.repeat(200),
    ];
    for (const input of cases) {
      it(`${JSON.stringify(input.length > 50 ? `${input.slice(0, 47)}…` : input)} is not a heading`, () => {
        assert.equal(parseChapterHeading(input), undefined);
      });
    }
  });

  it('accepts a heading right up to 100 characters', () => {
    const title = `Chapter 1: ${'x'.repeat(89)}`;
    assert.equal(title.length, 100);
    assert.deepEqual(parseChapterHeading(title), { kind: 'chapter', title });
    assert.equal(parseChapterHeading(`${title}x`), undefined);
  });
});
