import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isAuthorsNote, placeAuthorsNotes } from '../../../src/clean/authors-notes.js';
import type { Block, Story } from '../../../src/model/story.js';

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

/** Blocks from a compact list: `A/N …` and other texts are paragraphs (line = index + 1), `~` a scene break. */
function blocks(...items: string[]): Block[] {
  return items.map((text, i) =>
    text === '~'
      ? { kind: 'scene-break', line: i + 1 }
      : { kind: 'paragraph', inlines: [{ kind: 'text', text }], line: i + 1 },
  );
}
function story(...items: string[]): Story {
  return {
    source: 's.txt',
    meta: { title: 'T', author: 'A', extra: [] },
    modified: 0,
    chapters: [{ kind: 'chapter', blocks: blocks(...items), file: 's.txt', line: 1 }],
  };
}
/** The chapter as `[note: a | b]`, `~` and paragraph texts. */
function shape(result: Story): string[] {
  const text = (b: Block): string =>
    b.kind === 'scene-break'
      ? '~'
      : b.kind === 'note'
        ? `[note: ${b.blocks.map(text).join(' | ')}]`
        : b.kind === 'image'
          ? `[image: ${b.alt}]`
          : b.inlines.map((i) => i.text).join('');
  return result.chapters[0]!.blocks.map(text);
}

describe('placeAuthorsNotes', () => {
  it('marks a lone note in the middle of a chapter as one paragraph', () => {
    const { story: placed } = placeAuthorsNotes(story('One.', 'A/N: aside.', 'Two.'), 'keep');
    assert.deepEqual(shape(placed), ['One.', '[note: A/N: aside.]', 'Two.']);
  });

  it('takes the paragraphs of an opening note up to the first scene break', () => {
    const { story: placed } = placeAuthorsNotes(
      story('A/N: thanks!', 'More thanks.', '~', 'Story.', 'More story.'),
      'keep',
    );
    assert.deepEqual(shape(placed), ['[note: A/N: thanks! | More thanks.]', '~', 'Story.', 'More story.']);
  });

  it('takes the paragraphs of a closing note after the last scene break', () => {
    const { story: placed } = placeAuthorsNotes(story('Story.', '~', "Author's note: bye.", 'Review!'), 'keep');
    assert.deepEqual(shape(placed), ['Story.', '~', "[note: Author's note: bye. | Review!]"]);
  });

  it('never takes the story of a short chapter that opens with a note and has no scene break', () => {
    const { story: placed } = placeAuthorsNotes(story('A/N: thanks!', 'The door opened.', 'She ran.'), 'keep');
    assert.deepEqual(shape(placed), ['[note: A/N: thanks!]', 'The door opened.', 'She ran.']);
    const { story: dropped, diagnostics } = placeAuthorsNotes(story('A/N: thanks!', 'The door opened.'), 'drop');
    assert.deepEqual(shape(dropped), ['The door opened.']);
    assert.deepEqual(
      diagnostics.map((d) => d.removed),
      ['A/N: thanks!'],
    );
  });

  it('never swallows a long run of story after a note', () => {
    const { story: placed } = placeAuthorsNotes(story('A/N: flashback.', 'a', 'b', 'c', 'd', 'e', '~', 'f'), 'keep');
    assert.deepEqual(shape(placed), ['[note: A/N: flashback.]', 'a', 'b', 'c', 'd', 'e', '~', 'f']);
  });

  it('--notes end moves notes after the story of their chapter and drops the breaks left at the edges', () => {
    const { story: placed } = placeAuthorsNotes(story('A/N: hi.', '~', 'Story.', '~', 'A/N: bye.'), 'end');
    assert.deepEqual(shape(placed), ['Story.', '[note: A/N: hi.]', '[note: A/N: bye.]']);
  });

  it('--notes drop removes them and reports each paragraph with its line and text', () => {
    const { story: placed, diagnostics } = placeAuthorsNotes(story('A/N: hi.', 'Also hi.', '~', 'Story.'), 'drop');
    assert.deepEqual(shape(placed), ['Story.']);
    assert.deepEqual(
      diagnostics.map((d) => [d.rule, d.file, d.line, d.removed]),
      [
        ['notes/dropped', 's.txt', 1, 'A/N: hi.'],
        ['notes/dropped', 's.txt', 2, 'Also hi.'],
      ],
    );
  });

  it('leaves a story without notes as it was', () => {
    const input = story('One.', '~', 'Two.');
    for (const mode of ['keep', 'end', 'drop'] as const) assert.deepEqual(placeAuthorsNotes(input, mode).story, input);
  });
});
