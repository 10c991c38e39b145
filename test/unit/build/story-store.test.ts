import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ChapterSpill } from '../../../src/build/cache/chapter-spill.js';
import { findStories, readStoryText } from '../../../src/build/discover.js';
import { ChaptersLostError, parseInto, withChapters, type StoryStore } from '../../../src/build/story-store.js';
import { resolveOptions } from '../../../src/config/options.js';
import { groupIntoBooks } from '../../../src/group/group.js';
import { story, writeStories } from '../../helpers/library.js';

/** One story of two chapters, eleven words, parsed through the store as a build parses it. */
async function parsedHead(store: StoryStore) {
  const body = 'Chapter 1\n\nThe boats came home.\n\nChapter 2\n\nShe counted them all, one by one.';
  const input = await writeStories({ 'harbour.txt': story('Harbour', body) });
  const found = (await findStories(input)).sources[0];
  assert.ok(found);
  const { head } = await parseInto(store, found, resolveOptions({ input }), () => readStoryText(input, found));
  assert.ok(head);
  return head;
}

describe('story heads: what a build carries from parsing to the book', () => {
  it('a head holds its counts and no chapters; withChapters reads them back as plain data', async () => {
    const spill = await ChapterSpill.open();
    try {
      const head = await parsedHead({ code: '', spill });
      assert.equal('chapters' in head, false);
      const { prints, ...counts } = head.stats;
      assert.deepEqual(counts, { words: 11, chapters: 2 });
      assert.deepEqual(
        prints.map((p) => [p.title, p.words]),
        [
          ['Chapter 1', 4],
          ['Chapter 2', 7],
        ],
      );
      const [book] = groupIntoBooks([head], { shape: 'story', language: 'en' });
      assert.ok(book);
      const made = await withChapters(book);
      assert.deepEqual(
        made.stories.map((s) => s.chapters.map((c) => c.title)),
        [['Chapter 1', 'Chapter 2']],
      );
      // A worker thread gets the book by structured clone: no function may ride along.
      assert.deepEqual(structuredClone(made), made);
    } finally {
      await spill.remove();
    }
  });

  it('chapters gone from the spill folder when the book is made: ChaptersLostError naming the story', async () => {
    const spill = await ChapterSpill.open();
    const head = await parsedHead({ code: '', spill });
    await spill.remove();
    const [book] = groupIntoBooks([head], { shape: 'story', language: 'en' });
    assert.ok(book);
    await assert.rejects(
      withChapters(book),
      (error) => error instanceof ChaptersLostError && error.source === 'harbour.txt',
    );
  });

  it('with nowhere to set them aside (ficbind list), the chapters wait in memory', async () => {
    const head = await parsedHead({ code: '' });
    assert.deepEqual({ words: head.stats.words, chapters: head.stats.chapters }, { words: 11, chapters: 2 });
    assert.equal(head.stats.prints.length, 2);
    assert.equal((await head.loadChapters()).length, 2);
  });
});
