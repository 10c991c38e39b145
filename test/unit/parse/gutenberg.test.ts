import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseStory } from '../../../src/parse/parse-story.js';

// Invented Project Gutenberg frames around two invented lines of story, in the shapes of the
// header's first line (1990s to 2010s) and of the 2019–2021 header's `Produced by:` line.
const STORY = ['', 'CHAPTER I', '', 'The kettle sang on the hob all afternoon.', ''];
const START = '*** START OF THE PROJECT GUTENBERG EBOOK A KETTLE ***';
const END = '*** END OF THE PROJECT GUTENBERG EBOOK A KETTLE ***';

function read(header: readonly string[], path = 'pg-kettle.txt') {
  const text = `${[...header, '', START, ...STORY, END].join('\n')}\n`;
  const parsed = parseStory({ path, files: [{ path, text, modified: 1 }] });
  const story = parsed.story!;
  const said = story.chapters
    .flatMap((c) => c.blocks)
    .flatMap((b) => (b.kind === 'paragraph' ? b.inlines.map((i) => ('text' in i ? i.text : '')) : []))
    .join('\n');
  return { meta: story.meta, said, diagnostics: parsed.diagnostics };
}

describe('Project Gutenberg frames', () => {
  it("reads title and author from the header's first line when it has no Title: or Author: line", () => {
    const shapes: Array<[string, string, string]> = [
      ['The Project Gutenberg Etext of The Copper Kettle, by Wenna Hosken', 'The Copper Kettle', 'Wenna Hosken'],
      ["Project Gutenberg's Etext of The Copper Kettle, by Wenna Hosken", 'The Copper Kettle', 'Wenna Hosken'],
      ['**The Project Gutenberg Etext of The Copper Kettle, by Wenna Hosken**', 'The Copper Kettle', 'Wenna Hosken'],
      // The last `, by` names the author: the title may hold a comma of its own.
      [
        'The Project Gutenberg EBook of The Kettle, by Lamp and Firelight, by Wenna Hosken',
        'The Kettle, by Lamp and Firelight',
        'Wenna Hosken',
      ],
      ['The Project Gutenberg Etext of Kettle Songs', 'Kettle Songs', 'Unknown'],
    ];
    for (const [line, title, author] of shapes) {
      const { meta } = read([line, '', 'Please take a look at the important information in this header.']);
      assert.deepEqual([meta.title, meta.author], [title, author], line);
    }
  });

  it("takes no title from the small print's sentences about Project Gutenberg's etexts", () => {
    const { meta } = read([
      'A copy of an old etext, its first lines lost.',
      '',
      'Please take a look at the important information in this header.',
      '',
      '**Welcome To The World of Free Plain Vanilla Electronic Texts**',
      '',
      "Project Gutenberg's Etexts are usually created from several printed editions, by volunteers.",
    ]);
    assert.doesNotMatch(meta.title, /Etexts|editions/);
    assert.equal(meta.author, 'Unknown');
  });

  it('keeps Title: and Author: lines over the first line, and reads an etext release line as the date', () => {
    const { meta } = read([
      'The Project Gutenberg Etext of Kettle, by W. H.',
      '',
      'Title: The Copper Kettle',
      'Author: Wenna Hosken',
      '',
      'March, 1994  [Etext #90100]',
    ]);
    assert.deepEqual([meta.title, meta.author, meta.published], ['The Copper Kettle', 'Wenna Hosken', '1994-03']);
  });

  it("reads the header's `Produced by:` line as the credits, never as story text", () => {
    const { meta, said, diagnostics } = read([
      'The Project Gutenberg eBook of The Copper Kettle, by Wenna Hosken',
      '',
      'Title: The Copper Kettle',
      '',
      'Produced by: an Invented Volunteer',
    ]);
    assert.deepEqual(
      meta.extra.filter((e) => e.key === 'Credits'),
      [{ key: 'Credits', value: 'an Invented Volunteer' }],
    );
    assert.doesNotMatch(said, /Produced|Volunteer/);
    const header = diagnostics.find((d) => d.rule === 'gutenberg/header');
    assert.equal(header?.line, 1);
    assert.match(header!.message, /read from it: .*credits/);
  });
});
