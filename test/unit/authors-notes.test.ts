import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isAuthorsNote } from '../../src/clean/authors-notes.js';

describe('isAuthorsNote', () => {
  const notes = [
    'A/N: Thanks for reading!',
    'A/N - this one took a while.',
    'a/n: lowercase too',
    'AN: short form',
    'AN - short form with a dash',
    "Author's Note: set after season five.",
    'Author’s Notes: with a curly apostrophe.',
    "Authors' notes. Plural.",
    'Authors Note: no apostrophe',
    '(A/N: in brackets)',
    'Note from the author: hello',
    'A.N.: dotted',
  ];
  const story = [
    'An hour later, she came back.',
    'AN AWKWARD moment followed.',
    'Author of the letter unknown, he said.',
    'Anne: the name on the door.',
    'A note from her mother lay on the table.',
    'The author’s note in the margin was smudged.',
    'A/B testing is not a note.',
  ];
  for (const text of notes) it(`${JSON.stringify(text)} is a note`, () => assert.equal(isAuthorsNote(text), true));
  for (const text of story) it(`${JSON.stringify(text)} is story text`, () => assert.equal(isAuthorsNote(text), false));
});
