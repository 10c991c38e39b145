import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { makeBook } from '../../../src/build/make-book.js';
import { groupIntoBooks } from '../../../src/group/group.js';
import { parseStory } from '../../../src/parse/parse-story.js';

/** One story, as a book of its own. */
function bookOf(file: string, text: string) {
  const parsed = parseStory({ path: file, files: [{ path: file, text, modified: 1 }] });
  assert.ok(parsed.story, JSON.stringify(parsed.diagnostics));
  const [book] = groupIntoBooks([parsed.story], { shape: 'story', language: 'en', modified: 1 });
  assert.ok(book);
  return book;
}

describe('makeBook: the generated cover', () => {
  it('says which characters it leaves to the machine’s own fonts', async () => {
    const book = bookOf('hoshi.txt', 'Title: 星の灯台\nAuthor: 山田\n\nThe lamp was lit at dusk.\n');
    const made = await makeBook({ book, generateCover: true, kobo: false });
    assert.deepEqual(
      made.diagnostics.map((d) => [d.rule, d.severity, d.file]),
      [['cover/system-fonts', 'info', 'hoshi.txt']],
    );
    for (const char of ['星', '灯', '台', '山', '田']) assert.ok(made.diagnostics[0]?.message.includes(char), char);
  });

  it('says nothing when the bundled fonts draw every character, or when no cover is drawn', async () => {
    const book = bookOf('harbour.txt', 'Title: The Harbour Light\nAuthor: Ana Kovač\n\nThe lamp was lit at dusk.\n');
    assert.deepEqual((await makeBook({ book, generateCover: true, kobo: false })).diagnostics, []);
    const cjk = bookOf('hoshi.txt', 'Title: 星の灯台\nAuthor: 山田\n\nThe lamp was lit at dusk.\n');
    assert.deepEqual((await makeBook({ book: cjk, generateCover: false, kobo: false })).diagnostics, []);
  });
});
