import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { smartenRuns } from '../../../src/clean/typography.js';
import { typesetStory } from '../../../src/clean/typeset-story.js';
import type { Story } from '../../../src/model/story.js';

describe('smartenRuns', () => {
  it('judges a quote by its neighbour in the next run', () => {
    // "*Hello*," she said: the opening quote sits before an emphasised run, the closing one after it.
    assert.deepEqual(smartenRuns(['"', 'Hello', '," she said.']), ['“', 'Hello', ',” she said.']);
  });

  it('keeps run boundaries where dashes and ellipses shorten a run', () => {
    assert.deepEqual(smartenRuns(['Wait -- ', 'what', '...', ' it\'s "that"?']), [
      'Wait — ',
      'what',
      '…',
      ' it’s “that”?',
    ]);
  });

  it('gives the same text as typesetting the whole string', () => {
    const runs = ['She said, "It\'s ', 'late', '... isn\'t it?" -- and left.'];
    assert.equal(smartenRuns(runs).join(''), '“It’s late… isn’t it?” — and left.'.replace(/^/, 'She said, '));
  });
});

describe('typesetStory', () => {
  const story: Story = {
    source: 's.txt',
    meta: {
      title: "Harry's Story",
      author: 'A',
      summary: '"Short," he said.',
      series: { name: "Harry's Saga" },
      extra: [{ key: 'Note', value: "it's fine" }],
    },
    modified: 0,
    chapters: [
      {
        kind: 'chapter',
        title: "Chapter 1 - 'Begin'",
        file: 's.txt',
        line: 1,
        blocks: [
          {
            kind: 'paragraph',
            inlines: [
              { kind: 'text', text: '"' },
              { kind: 'em', text: 'Go' },
              { kind: 'text', text: '!"' },
            ],
            line: 3,
          },
          {
            kind: 'paragraph',
            inlines: [],
            lines: [[{ kind: 'text', text: '"Roses' }], [{ kind: 'text', text: 'are red"' }]],
            line: 5,
          },
          {
            kind: 'note',
            line: 7,
            blocks: [{ kind: 'paragraph', inlines: [{ kind: 'text', text: "A/N: don't..." }], line: 7 }],
          },
          { kind: 'scene-break', line: 9 },
        ],
      },
    ],
  };
  const result = typesetStory(story);
  const chapter = result.chapters[0]!;

  it('typesets paragraphs across emphasis, verse lines and notes', () => {
    assert.deepEqual(chapter.blocks[0], {
      kind: 'paragraph',
      inlines: [
        { kind: 'text', text: '“' },
        { kind: 'em', text: 'Go' },
        { kind: 'text', text: '!”' },
      ],
      line: 3,
    });
    const verse = chapter.blocks[1];
    assert.ok(verse?.kind === 'paragraph');
    assert.deepEqual(verse.lines, [[{ kind: 'text', text: '“Roses' }], [{ kind: 'text', text: 'are red”' }]]);
    const note = chapter.blocks[2];
    assert.ok(note?.kind === 'note');
    assert.equal(note.blocks[0]?.inlines[0]?.text, 'A/N: don’t…');
    assert.deepEqual(chapter.blocks[3], { kind: 'scene-break', line: 9 });
  });

  it('typesets chapter headings and front matter, but not titles and series names', () => {
    assert.equal(chapter.title, 'Chapter 1 – ‘Begin’');
    assert.equal(result.meta.summary, '“Short,” he said.');
    assert.deepEqual(result.meta.extra, [{ key: 'Note', value: 'it’s fine' }]);
    assert.equal(result.meta.title, "Harry's Story");
    assert.equal(result.meta.series?.name, "Harry's Saga");
  });

  it('does not change its input', () => {
    assert.equal(story.chapters[0]!.title, "Chapter 1 - 'Begin'");
  });
});
