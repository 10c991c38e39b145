import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { discoverStories } from '../../src/io/discover.js';
import { story, writeStories } from '../helpers/library.js';

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
    assert.deepEqual(diagnostics.map((d) => d.rule), ['input/series-folder']);
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
    assert.deepEqual(diagnostics.map((d) => [d.rule, d.severity]), [['input/chapter-files', 'info']]);
  });
});
