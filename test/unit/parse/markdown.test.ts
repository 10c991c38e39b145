import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { readMarkdown } from '../../../src/parse/formats/markdown.js';
import { parseStory } from '../../../src/parse/parse-story.js';
import { showBlock } from '../../helpers/show-blocks.js';

function parseMarkdown(text: string, path = 'story.md') {
  const parsed = parseStory({ path, files: [{ path, text, modified: 1 }] });
  return {
    ...parsed,
    meta: parsed.story?.meta,
    chapters: parsed.story?.chapters.map((c) => [c.title ?? null, c.blocks.map(showBlock)]),
    rules: parsed.diagnostics.map((d) => `${d.severity} ${d.rule}`),
  };
}

describe('Markdown stories', () => {
  it('reads YAML front matter into the header, unknown keys kept as extra fields', () => {
    const parsed = parseMarkdown(
      [
        '---',
        'title: "Salt: A Tale"',
        'author: [Ann Reed, Bo Lind]',
        'series: Salt Roads',
        'part: 2',
        'rating: T',
        'summary: >',
        '  Two keepers',
        '  in winter.',
        'tags: [sea, winter]',
        'published: 2021-04-02',
        'notes: For my beta.',
        '---',
        '',
        'Body.',
      ].join('\n'),
    );
    assert.deepEqual(
      [parsed.meta?.title, parsed.meta?.author, parsed.meta?.series, parsed.meta?.rating, parsed.meta?.summary],
      ['Salt: A Tale', 'Ann Reed, Bo Lind', { name: 'Salt Roads', part: 2 }, 'T', 'Two keepers in winter.'],
    );
    assert.deepEqual(parsed.meta?.extra, [
      { key: 'Tags', value: 'sea, winter' },
      { key: 'Published', value: '2021-04-02' },
      { key: 'Notes', value: 'For my beta.' },
    ]);
    assert.deepEqual(parsed.chapters, [[null, ['Body.']]]);
  });

  it('makes every # heading a chapter, and leaves out an opening heading that repeats the title', () => {
    const parsed = parseMarkdown(
      '---\ntitle: The Shore\n---\n# The Shore\n\n# Arrival\n\nOne.\n\n## The Cottage\n\nTwo.\n',
    );
    assert.deepEqual(parsed.chapters, [
      ['Arrival', ['One.']],
      ['The Cottage', ['Two.']],
    ]);
    const left = parsed.diagnostics.find((d) => d.rule === 'format/title-heading');
    assert.deepEqual([left?.line, left?.removed], [4, 'The Shore']);
  });

  it('shows character references in front matter and body as characters, and a slug series as a name', () => {
    const parsed = parseMarkdown(
      [
        '---',
        'title: The Keeper&#8217;s Lamp &amp; Oil',
        'series: tides_of_vessary',
        'summary: A night &mdash; with &#x201C;oil&#x201D;.',
        '---',
        '# The Keeper’s Lamp & Oil',
        '',
        'She said &ldquo;enough&rdquo;&hellip; and wrote &amp;rsquo; on the slate.',
      ].join('\n'),
    );
    assert.deepEqual(
      [parsed.meta?.title, parsed.meta?.series, parsed.meta?.summary],
      ['The Keeper’s Lamp & Oil', { name: 'Tides of Vessary' }, 'A night — with “oil”.'],
    );
    // The heading repeats the decoded title; `&amp;rsquo;` in a body is the code, shown as typed.
    assert.ok(parsed.rules.includes('info format/title-heading'));
    assert.deepEqual(parsed.chapters, [[null, ['She said “enough”… and wrote &rsquo; on the slate.']]]);
  });

  it('takes an opening # heading as the title when there is no front matter', () => {
    const parsed = parseMarkdown('# Quiet Things\n\nChapter 1\n\nOne.\n');
    assert.equal(parsed.meta?.title, 'Quiet Things');
    assert.deepEqual(parsed.chapters, [['Chapter 1', ['One.']]]);
    assert.ok(!parsed.rules.includes('warning header/missing'));
  });

  it('reads emphasis, inline HTML and entities, and breaks of every shape', () => {
    const parsed = parseMarkdown(
      'A *b* **c** <i>un</i>usual &mdash; x &amp; y.\n\n<p>Para <em>em</em>.</p>\n\n<hr />\n\nAfter.\n\n~ ~ ~\n\nEnd.\n\n***\n\nLast.\n',
    );
    assert.deepEqual(parsed.chapters, [
      [null, ['A <b> <c> <un>usual — x & y.', 'Para <em>.', '***', 'After.', '***', 'End.', '***', 'Last.']],
    ]);
  });

  it('reads fiction, not code: an indented paragraph and ~~~ stay story text', () => {
    const parsed = parseMarkdown('Title: Plain\n\n    Indented paragraph one.\n\n~~~\n\n    Indented two.\n');
    assert.deepEqual(parsed.chapters, [[null, ['Indented paragraph one.', '***', 'Indented two.']]]);
  });

  it('keeps line ends as a text file does, so a plain-text header in the body is read', () => {
    const parsed = parseMarkdown('Title: Plain Header\nAuthor: Lee\n\nFirst line\nsecond line.\n');
    assert.deepEqual([parsed.meta?.title, parsed.meta?.author], ['Plain Header', 'Lee']);
    assert.deepEqual(parsed.chapters, [[null, ['First line second line.']]]);
  });

  it('reads front matter that is not YAML as a text header, with a warning', () => {
    const parsed = parseMarkdown('---\ntitle: Broken: yes: no\nauthor: [unclosed\n---\n\nBody.\n');
    assert.ok(parsed.rules.includes('warning format/front-matter'));
    assert.equal(parsed.meta?.title, 'Broken: yes: no');
    assert.deepEqual(parsed.chapters, [[null, ['Body.']]]);
  });

  it('points removed junk to its line in the file', () => {
    const parsed = parseMarkdown('---\ntitle: T\n---\n\nOne.\n\n<< >>\n\nTwo.\n');
    const junk = parsed.diagnostics.find((d) => d.rule === 'junk/navigation');
    assert.equal(junk?.line, 7);
  });

  it('lets no script or handler through from inline HTML; a javascript: link stays plain text', () => {
    const reading = readMarkdown(
      'Safe <script>alert(1)</script><b onclick="x()">bold</b> [link](javascript:alert(2)).\n',
      'a.md',
    );
    assert.deepEqual(
      reading.lines.map((l) => l.text.replace(/[\uE000\uE001]/g, '')),
      ['Safe bold [link](javascript:alert(2)).'],
    );
  });
});
