import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { parseHeader } from '../../../src/parse/header.js';
import { toLines } from '../../../src/parse/lines.js';

/** Fields as `[key, value, line]` triples and the index of the first line after the header. */
function header(text: string): { fields: Array<[string, string, number]>; bodyStart: number } {
  const parsed = parseHeader(toLines(text));
  return { fields: parsed.fields.map((f) => [f.key, f.value, f.line]), bodyStart: parsed.bodyStart };
}

/** The first non-blank line at or after bodyStart: where the story text really begins. */
function firstBodyLine(text: string): string | undefined {
  const lines = toLines(text);
  return lines.slice(parseHeader(lines).bodyStart).find((l) => l.text.trim() !== '')?.text;
}

describe('parseHeader', () => {
  describe('known keys', () => {
    it('reads a plain Title/Author block and stops at the blank line', () => {
      const text = 'Title: Second Debt\nAuthor: Vesper Lark\n\nCorvin couldn’t bring himself to look.';
      assert.deepEqual(header(text), {
        fields: [
          ['Title', 'Second Debt', 1],
          ['Author', 'Vesper Lark', 2],
        ],
        bodyStart: 2,
      });
      assert.equal(firstBodyLine(text), 'Corvin couldn’t bring himself to look.');
    });

    it('reads every key ficbind knows, in the order written', () => {
      const text = [
        'Title: T',
        'Author: A',
        'Disclaimer: Not mine.',
        'Pairing: Ottilie & Corvin',
        'Rating: PG',
        'Timeline: Alternate Y3.',
        'Summary: S',
        'Category: Romance',
        'Warnings: none',
        'Series: The Lantern Road, Part 2',
        'Language: de',
        '',
        'Body.',
      ].join('\n');
      assert.deepEqual(
        header(text).fields.map(([key]) => key),
        [
          'Title',
          'Author',
          'Disclaimer',
          'Pairing',
          'Rating',
          'Timeline',
          'Summary',
          'Category',
          'Warnings',
          'Series',
          'Language',
        ],
      );
      assert.equal(header(text).bodyStart, 11);
    });

    it('keeps the key as written (case, spaces before the colon) and trims the value', () => {
      assert.deepEqual(header('title : lower case\nAUTHOR:   Shouting   \n\nBody').fields, [
        ['title', 'lower case', 1],
        ['AUTHOR', 'Shouting', 2],
      ]);
    });

    it('keeps colons inside a value', () => {
      assert.deepEqual(header('Summary: At 10:30: trouble.\n\nBody').fields, [['Summary', 'At 10:30: trouble.', 1]]);
      assert.deepEqual(header('Series: Moon: Part 2\n\nBody').fields, [['Series', 'Moon: Part 2', 1]]);
    });
  });

  describe('unknown keys', () => {
    it('keeps an unknown key inside a header that starts with a known one', () => {
      assert.deepEqual(
        header('Title: A\nFeedback: yes please\nAuthor’s Note: thanks, beta!\nAuthor: B\n\nBody').fields,
        [
          ['Title', 'A', 1],
          ['Feedback', 'yes please', 2],
          ['Author’s Note', 'thanks, beta!', 3],
          ['Author', 'B', 4],
        ],
      );
    });

    it('does not start a header with an unknown key ("Dialogue: …" is prose)', () => {
      assert.deepEqual(header('Dialogue: hello there\n\nMore prose.'), { fields: [], bodyStart: 0 });
      assert.deepEqual(header('Author’s Note: thanks!\n\nBody'), { fields: [], bodyStart: 0 });
    });

    it('does not start a header with an unknown key even when a known key follows', () => {
      assert.deepEqual(header('Dialogue: hello there\nTitle: X\n\nBody'), { fields: [], bodyStart: 0 });
    });
  });

  describe('values over several lines', () => {
    it('joins indented continuation lines to the value', () => {
      assert.deepEqual(
        header('Title: A\nSummary: Corvin goes to\n    Ottilie after a run-in\n\twith Wynn.\nAuthor: B\n\nBody').fields,
        [
          ['Title', 'A', 1],
          ['Summary', 'Corvin goes to Ottilie after a run-in with Wynn.', 2],
          ['Author', 'B', 5],
        ],
      );
    });

    it('joins unindented lines that are not keys to the value', () => {
      assert.deepEqual(header('Summary: line one\nline two, still the summary.\nRating: T\n\nBody').fields, [
        ['Summary', 'line one line two, still the summary.', 1],
        ['Rating', 'T', 3],
      ]);
    });

    it('treats an indented "key: value" line as a continuation, not a key', () => {
      assert.deepEqual(header('Title: A\n  indented: not a key\n\nBody').fields, [
        ['Title', 'A indented: not a key', 1],
      ]);
    });

    it('treats a line with digits before the colon as a continuation ("Season 2: …")', () => {
      assert.deepEqual(header('Timeline: set after\nSeason 2: Becoming\n\nBody').fields, [
        ['Timeline', 'set after Season 2: Becoming', 1],
      ]);
    });

    it('treats a bare web address as a continuation, not a key called "http"', () => {
      assert.deepEqual(header('Title: A\nFeedback: welcome at\nhttps://example.org/me\n\nBody').fields, [
        ['Title', 'A', 1],
        ['Feedback', 'welcome at https://example.org/me', 2],
      ]);
      assert.deepEqual(header('Title: A\nWebsite: http://example.org\n\nBody').fields, [
        ['Title', 'A', 1],
        ['Website', 'http://example.org', 2],
      ]);
    });
  });

  describe('blocks', () => {
    it('reads a second block after a blank line when it starts with a known key', () => {
      const text = 'Title: A\nAuthor: B\n\nRating: T\nSeries: S\n\nThe story.';
      assert.deepEqual(header(text), {
        fields: [
          ['Title', 'A', 1],
          ['Author', 'B', 2],
          ['Rating', 'T', 4],
          ['Series', 'S', 5],
        ],
        bodyStart: 5,
      });
      assert.equal(firstBodyLine(text), 'The story.');
    });

    it('reads a second block after several blank lines', () => {
      assert.deepEqual(header('Title: A\n\n\n\nAuthor: B\n\nBody'), {
        fields: [
          ['Title', 'A', 1],
          ['Author', 'B', 5],
        ],
        bodyStart: 5,
      });
    });

    it('does not read a following block that starts with an unknown key', () => {
      const text = 'Title: A\n\nDialogue: hi\n\nBody';
      assert.deepEqual(header(text), { fields: [['Title', 'A', 1]], bodyStart: 1 });
      assert.equal(firstBodyLine(text), 'Dialogue: hi');
    });

    it('stops before a chapter heading', () => {
      const text = 'Warnings: none\n\nChapter 1\n\nText';
      assert.deepEqual(header(text), { fields: [['Warnings', 'none', 1]], bodyStart: 1 });
      assert.equal(firstBodyLine(text), 'Chapter 1');
    });

    it('counts a line of no-break spaces as blank', () => {
      assert.deepEqual(header('Title: A\n\u00a0 \nAuthor: B\n\nBody').fields, [
        ['Title', 'A', 1],
        ['Author', 'B', 3],
      ]);
    });
  });

  describe('no header', () => {
    for (const text of [
      'Once upon a time.\n\nMore.',
      'Corvin: the ferryman.\n\nBody',
      '“Title: fake,” she said.',
      '',
      '\n\n\n',
    ]) {
      it(`finds none in ${JSON.stringify(text)}`, () => {
        assert.deepEqual(header(text), { fields: [], bodyStart: 0 });
      });
    }
  });

  describe('edges', () => {
    it('skips leading blank lines and keeps real line numbers', () => {
      assert.deepEqual(header('\n\n  \nTitle: A\nAuthor: B\n\nBody'), {
        fields: [
          ['Title', 'A', 4],
          ['Author', 'B', 5],
        ],
        bodyStart: 5,
      });
    });

    it('reads text normalised from CRLF the same as LF text', () => {
      const crlf = 'Title: A\r\nAuthor: B\r\n\r\nBody'.replace(/\r\n?/g, '\n');
      assert.deepEqual(header(crlf), header('Title: A\nAuthor: B\n\nBody'));
    });

    it('does not leave a stray carriage return in values when CRLF was not normalised', () => {
      assert.deepEqual(header('Title: A\r\nAuthor: B\r\n\r\nBody').fields, [
        ['Title', 'A', 1],
        ['Author', 'B', 2],
      ]);
    });

    it('keeps empty values as empty strings', () => {
      assert.deepEqual(header('Title:\nAuthor: B\nRating:   \n\nBody').fields, [
        ['Title', '', 1],
        ['Author', 'B', 2],
        ['Rating', '', 3],
      ]);
    });

    it('reads a header that is the whole file', () => {
      assert.deepEqual(header('Title: A\nAuthor: B'), {
        fields: [
          ['Title', 'A', 1],
          ['Author', 'B', 2],
        ],
        bodyStart: 2,
      });
    });
  });
});
