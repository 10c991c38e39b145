import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { discoverStories, findStories, readStoryText } from '../../../src/build/discover.js';
import { story, writeStories } from '../../helpers/library.js';

describe('discoverStories: what is one story', () => {
  it('reads a folder of distinct stories as one story per file, and a chapter folder as one story', async () => {
    const input = await writeStories({
      'Seasons/summer.txt': story('Summer Rain'),
      'Seasons/autumn.txt': story('Autumn Wind'),
      'garden/ch1.txt': story('The Paper Garden'),
      'garden/ch2.txt': 'Chapter 2\n\nMore text.\n',
    });
    const { sources, diagnostics } = await discoverStories(input);
    assert.deepEqual(
      sources.map((s) => [s.path, s.files.map((f) => f.path)]),
      [
        ['garden', ['garden/ch1.txt', 'garden/ch2.txt']],
        ['Seasons/autumn.txt', ['Seasons/autumn.txt']],
        ['Seasons/summer.txt', ['Seasons/summer.txt']],
      ],
    );
    assert.deepEqual(
      diagnostics.map((d) => d.rule),
      ['input/series-folder'],
    );
  });

  it('joins top-level chapter files into one story in chapter order, and says so', async () => {
    const input = await writeStories({
      'Orchard Chapter 10.txt': story('Orchard', 'Chapter 10\n\nLast.'),
      'Orchard Chapter 2.txt': story('Orchard', 'Chapter 2\n\nSecond.'),
      'Orchard Chapter 1.txt': story('Orchard', 'Chapter 1\n\nFirst.'),
    });
    const { sources, diagnostics } = await discoverStories(input);
    assert.deepEqual(
      sources.map((s) => [s.path, s.files.map((f) => f.path)]),
      [['Orchard', ['Orchard Chapter 1.txt', 'Orchard Chapter 2.txt', 'Orchard Chapter 10.txt']]],
    );
    assert.deepEqual(
      diagnostics.map((d) => [d.rule, d.severity]),
      [['input/chapter-files', 'info']],
    );
  });
});

describe('findStories and readStoryText: text read when it is parsed, not kept from the finding', () => {
  it('finds stories without their text, then reads the text again as it is now', async () => {
    const input = await writeStories({ 'tower.txt': story('The Tower', 'The bell rang.') });
    const { sources } = await findStories(input);
    assert.deepEqual(
      sources.map((s) => s.files.map((f) => Object.keys(f).sort())),
      [[['digest', 'encoding', 'modified', 'path']]],
    );
    await writeFile(path.join(input, 'tower.txt'), story('The Tower', 'The bell rang twice.'));
    const read = await readStoryText(input, sources[0]!);
    assert.deepEqual(read.diagnostics, []);
    assert.match(read.source!.files[0]!.text, /The bell rang twice\./);
    // Its digest is the text's as read now, so a cache keys what was parsed, not what was found.
    assert.match(read.source!.files[0]!.digest ?? '', /^[0-9a-f]{64}$/);
    assert.notEqual(read.source!.files[0]!.digest, sources[0]!.files[0]!.digest);
  });

  it('takes no digests when asked not to (a build without a cache)', async () => {
    const input = await writeStories({ 'tower.txt': story('The Tower', 'The bell rang.') });
    const { sources } = await findStories(input, { digests: false });
    assert.equal(sources[0]!.files[0]!.digest, undefined);
    const read = await readStoryText(input, sources[0]!, { digests: false });
    assert.equal(read.source!.files[0]!.digest, undefined);
    assert.match(read.source!.files[0]!.text, /The bell rang\./);
  });

  it('reports a story whose file is gone by the time it is read, and makes nothing of it', async () => {
    const input = await writeStories({
      'garden/ch1.txt': story('The Paper Garden'),
      'garden/ch2.txt': 'Chapter 2\n\nMore text.\n',
    });
    const { sources } = await findStories(input);
    await rm(path.join(input, 'garden/ch2.txt'));
    const read = await readStoryText(input, sources[0]!);
    assert.equal(read.source, undefined);
    assert.deepEqual(
      read.diagnostics.map((d) => [d.rule, d.file]),
      [
        ['input/unreadable', 'garden/ch2.txt'],
        ['input/changed', 'garden'],
      ],
    );
  });
});
