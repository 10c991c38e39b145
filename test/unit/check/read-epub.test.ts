import assert from 'node:assert/strict';
import { mkdtemp, rm, truncate, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, it } from 'node:test';
import { readEpub } from '../../../src/check/read-epub.js';

describe('readEpub: a path that is not a readable book gives one error naming it', () => {
  it('a missing file, a folder, a file too large to read, and a file that is not a zip', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'ficbind-read-epub-'));
    const missing = path.join(dir, 'missing.epub');
    // Sparse: 3 GiB on paper, no disk used; more than Node will read into memory at once.
    const huge = path.join(dir, 'huge.epub');
    await writeFile(huge, '');
    await truncate(huge, 3 * 2 ** 30);
    const text = path.join(dir, 'story.epub');
    await writeFile(text, 'Title: Not a Book\n\nJust text.\n');

    const results = [];
    try {
      for (const file of [missing, dir, huge, text]) {
        const read = await readEpub(file);
        assert.equal(read.contents, undefined, file);
        results.push(read.diagnostics.map((d) => [d.rule, d.severity, d.file]));
      }
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
    assert.deepEqual(results, [
      [['check/no-such-file', 'error', missing]],
      [['check/not-a-file', 'error', dir]],
      [['check/unreadable', 'error', huge]],
      [['check/not-a-zip', 'error', text]],
    ]);
  });
});
