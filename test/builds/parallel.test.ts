import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { describe, it } from 'node:test';
import { buildInto } from '../helpers/build.js';
import { openEpub, spinePaths } from '../helpers/epub.js';
import { story, writeStories } from '../helpers/library.js';

describe('stories parsed and books made on worker threads (--jobs 2)', () => {
  it('are byte for byte the books made in one thread, reported in the same order', async () => {
    const files = Object.fromEntries(
      Array.from({ length: 9 }, (_, i) => [
        `story-${i + 1}.txt`,
        story(
          `Lamp ${i + 1}`,
          `The lamp was lit at dusk, ${i + 1} times.\n\n"Trim it," she said -- *twice*...\n\nIt burned until dawn.`,
        ),
      ]),
    );
    const input = await writeStories(files);
    const [single, parallel] = await Promise.all([
      buildInto(input, { jobs: 1, kobo: true }),
      buildInto(input, { jobs: 2, kobo: true }),
    ]);
    assert.equal(parallel.result.books.length, 9);
    assert.deepEqual(
      parallel.result.books.map((b) => b.title),
      single.result.books.map((b) => b.title),
    );
    assert.deepEqual(parallel.result.diagnostics, single.result.diagnostics);
    const kepub = (epub: string) => epub.replace(/\.epub$/, '.kepub.epub');
    for (const [i, book] of single.result.books.entries()) {
      assert.deepEqual(await readFile(parallel.result.books[i]!.path), await readFile(book.path), book.title);
      assert.deepEqual(await readFile(kepub(parallel.result.books[i]!.path)), await readFile(kepub(book.path)));
      // The Kobo variant made on a worker is one indeed: its last spine page has sentence spans.
      const opened = await openEpub(kepub(parallel.result.books[i]!.path));
      const chapter = await opened.text((await spinePaths(opened)).at(-1)!);
      assert.match(chapter, /<span class="koboSpan" id="kobo\.\d+\.\d+">It burned until dawn\.<\/span>/, book.title);
    }
  });
});
