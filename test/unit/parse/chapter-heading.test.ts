import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  isTitleLine,
  parseChapterHeading,
  parseNumberLine,
  type ChapterHeading,
} from '../../../src/parse/chapter-heading.js';

type Shown = Pick<ChapterHeading, 'kind' | 'title'>;
const shown = (h: ChapterHeading | undefined): Shown | undefined => (h ? { kind: h.kind, title: h.title } : undefined);

describe('parseChapterHeading', () => {
  describe('headings', () => {
    const cases: Array<[string, Shown]> = [
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
      ['Interlude: Wynn', { kind: 'chapter', title: 'Interlude: Wynn' }],
      // White space around and inside is tidied in the title.
      ['   Chapter    3   ', { kind: 'chapter', title: 'Chapter 3' }],
      ['Chapter\u00a03:\u00a0The Fall', { kind: 'chapter', title: 'Chapter 3: The Fall' }],
      ['CHAPTER XII.', { kind: 'chapter', title: 'CHAPTER XII.' }],
      ['Part One', { kind: 'chapter', title: 'Part One' }],
      ['PART II', { kind: 'chapter', title: 'PART II' }],
      ['Part 3: The Crossing', { kind: 'chapter', title: 'Part 3: The Crossing' }],
      ['Book Three: The Return', { kind: 'chapter', title: 'Book Three: The Return' }],
      ['BOOK I.', { kind: 'chapter', title: 'BOOK I.' }],
      ['Volume Two', { kind: 'chapter', title: 'Volume Two' }],
    ];
    for (const [input, expected] of cases) {
      it(`${JSON.stringify(input)} → ${expected.kind} "${expected.title}"`, () => {
        assert.deepEqual(shown(parseChapterHeading(input)), expected);
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
      'Part 8/9',
      'Part of me',
      'Parts One and Two',
      'Book of Hours',
      'The Book Two',
      '1.',
      'IV.',
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
    assert.deepEqual(shown(parseChapterHeading(title)), { kind: 'chapter', title });
    assert.equal(parseChapterHeading(`${title}x`), undefined);
  });

  it('gives the place a heading counts, the same however the number is written or titled', () => {
    const keys = ['CHAPTER XII.', 'Chapter 12: The Storm', 'chapter twelve', 'Ch. XII - Home'].map(
      (t) => parseChapterHeading(t)?.key,
    );
    assert.deepEqual(keys, ['chapter:12', 'chapter:12', 'chapter:12', 'chapter:12']);
    assert.equal(parseChapterHeading('Part One')?.key, 'part:1');
    assert.equal(parseChapterHeading('Book 1')?.key, 'book:1');
    assert.equal(parseChapterHeading('Prologue: Before')?.key, 'prologue');
  });

  it('says whether a heading names only its place (its title may stand on the next line)', () => {
    assert.deepEqual(
      ['CHAPTER I.', 'Chapter 3', 'Prologue', 'Part Two:', 'Chapter 3: The Fall', 'Prologue - The Beginning'].map(
        (t) => parseChapterHeading(t)?.bare,
      ),
      [true, true, true, true, false, false],
    );
  });
});

describe('parseNumberLine', () => {
  const cases: Array<[string, ReturnType<typeof parseNumberLine>]> = [
    ['1.', { value: 1, style: 'arabic' }],
    ['12', { value: 12, style: 'arabic' }],
    ['  7.  ', { value: 7, style: 'arabic' }],
    ['I.', { value: 1, style: 'roman' }],
    ['XIV', { value: 14, style: 'roman' }],
    ['i.', undefined],
    ['I am.', undefined],
    ['1. Go', undefined],
    ['1234.', undefined],
    ['IIII.', undefined],
    ['.', undefined],
    ['', undefined],
  ];
  for (const [input, expected] of cases) {
    it(`${JSON.stringify(input)} → ${JSON.stringify(expected)}`, () =>
      assert.deepEqual(parseNumberLine(input), expected));
  }
});

describe('isTitleLine', () => {
  const titles: Array<[string, boolean]> = [
    ['THE HOUSE ON THE HILL.', false],
    ['Down the Rabbit-Hole', false],
    ['Advice from a Caterpillar', false],
    ['In Which the Keeper Speaks.', true],
  ];
  for (const [text, looseOnly] of titles) {
    it(`${JSON.stringify(text)} is a title${looseOnly ? ' only right under its heading' : ''}`, () => {
      assert.equal(isTitleLine(text, true), true);
      assert.equal(isTitleLine(text, false), !looseOnly);
    });
  }
  const notTitles = [
    'It was dark and the rain fell.',
    'She waited at the door, listening.',
    '“Come in,” she said.',
    'Chapter 2',
    'IV.',
    '* * *',
    'THE END,',
    `A ${'Very '.repeat(14)}Long Title`,
    '',
  ];
  for (const text of notTitles) {
    it(`${JSON.stringify(text.slice(0, 40))} is no title`, () => {
      assert.equal(isTitleLine(text, true), false);
      assert.equal(isTitleLine(text, false), false);
    });
  }
});
