import assert from 'node:assert/strict';
import { mkdtemp, readdir } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { before, describe, it } from 'node:test';
import { buildInto, type BuiltLibrary } from '../helpers/build.js';
import { runCli } from '../helpers/cli.js';
import { all, openEpub, packageDocument, textOf } from '../helpers/epub.js';
import { configuredSamples, samplesWithConfig, writeStories } from '../helpers/library.js';

describe('the config file (ficbind.config.yaml / .json at the input root)', () => {
  let input: string;
  let library: BuiltLibrary;
  before(async () => {
    input = await configuredSamples();
    library = await buildInto(input, { cover: false });
  });

  it('groups, renames, orders and leaves out as it says', () => {
    assert.deepEqual(
      library.result.books.map((b) => [b.title, b.stories]),
      [
        ['Lantern Road Saga', ['the-lantern-road-1-first-light.txt', 'lantern-road-2-the-far-shore.txt']],
        ['Tales of Vessary', ['salt-and-static.txt', 'the-clockmakers-apprentice.txt']],
      ],
    );
    const excluded = library.result.diagnostics.find((d) => d.rule === 'config/excluded');
    assert.equal(excluded?.file, 'the-paper-garden');
  });

  it('writes its series, positions, author and cover into the book', async () => {
    const epub = await openEpub(library.book('Tales of Vessary'));
    const { doc } = await packageDocument(epub);
    const metas = all(doc, 'meta');
    assert.equal(
      textOf(metas.find((m) => m.getAttribute('property') === 'belongs-to-collection')!),
      'Tales of Vessary',
    );
    assert.equal(
      metas.find((m) => m.getAttribute('name') === 'calibre:series')?.getAttribute('content'),
      'Tales of Vessary',
    );
    assert.deepEqual(all(doc, 'dc:creator').map(textOf), ['Morwen Tideglass', 'Tamsin Quillfeather']);
    assert.equal(
      all(doc, 'item')
        .find((i) => i.getAttribute('properties') === 'cover-image')
        ?.getAttribute('href'),
      'images/cover.png',
    );
  });

  it('`ficbind list` shows the same plan without writing anything', async () => {
    const out = await mkdtemp(path.join(os.tmpdir(), 'ficbind-list-'));
    const run = await runCli(['list', input, '-o', out, '--json']);
    assert.equal(run.code, 0, run.stderr);
    const listed = JSON.parse(run.stdout) as {
      config: string;
      books: Array<{
        title: string;
        stories: Array<{ source: string; files: Array<{ format: string; encoding: string }>; chapters: unknown[] }>;
      }>;
    };
    assert.ok(listed.config.endsWith('ficbind.config.yaml'));
    assert.deepEqual(
      listed.books.map((b) => [b.title, b.stories.map((s) => s.source)]),
      library.result.books.map((b) => [b.title, b.stories]),
    );
    assert.deepEqual(listed.books[1]?.stories[1]?.files, [
      { path: 'the-clockmakers-apprentice.txt', format: 'text', encoding: 'utf-8' },
    ]);
    assert.equal(listed.books[1]?.stories[1]?.chapters.length, 5);
    assert.deepEqual(await readdir(out), [], 'list writes nothing');
    const text = await runCli(['list', input]);
    assert.match(
      text.stdout,
      /^Tales of Vessary — Morwen Tideglass, Tamsin Quillfeather {2}\[series: Tales of Vessary\]$/m,
    );
    assert.match(
      text.stdout,
      /^ {2}2\. part 2: The Clockmaker's Apprentice — Tamsin Quillfeather {2}\(the-clockmakers-apprentice\.txt; text, utf-8; [\d,]+ words\)$/m,
    );
  });

  it('an option typed on the command line beats the config; the config beats the default', async () => {
    const storyShape = await samplesWithConfig('ficbind.config.json', JSON.stringify({ book: 'story' }));
    const byConfig = await runCli(['list', storyShape, '--json']);
    assert.equal((JSON.parse(byConfig.stdout) as { shape: string }).shape, 'story');
    const out = await mkdtemp(path.join(os.tmpdir(), 'ficbind-out-'));
    const byFlag = await runCli([
      'build',
      storyShape,
      '-o',
      out,
      '--book',
      'series',
      '--no-cover',
      '--no-cache',
      '--json',
    ]);
    assert.equal(byFlag.code, 0, byFlag.stderr);
    assert.ok(
      (JSON.parse(byFlag.stdout) as { books: Array<{ title: string }> }).books.some(
        (b) => b.title === 'The Lantern Road',
      ),
    );
  });

  it('a bad config names the file and the key, exits 2 and builds nothing', async () => {
    for (const [name, text, expected] of [
      [
        'ficbind.config.json',
        JSON.stringify({ series: [{ title: 'A', stories: 'salt-and-static.txt' }] }),
        /series\[0\]\.stories: expected a list, got string/,
      ],
      ['ficbind.config.json', '{ "book": "series", }', /ficbind\.config\.json:1: not valid JSON/],
      ['ficbind.config.yaml', 'series:\n  - title: [unclosed\n', /ficbind\.config\.yaml:\d+: not valid YAML/],
      [
        'ficbind.config.yaml',
        'stories:\n  no-such-story.txt: { title: X }\n',
        /stories\["no-such-story\.txt"\]: no story "no-such-story\.txt" in the input folder/,
      ],
    ] as const) {
      const bad = await samplesWithConfig(name, text);
      const out = await mkdtemp(path.join(os.tmpdir(), 'ficbind-out-'));
      const run = await runCli(['build', bad, '-o', out, '--no-cache']);
      assert.equal(run.code, 2, `${name}: ${run.stdout}${run.stderr}`);
      assert.match(run.stderr, expected);
      assert.match(run.stderr, /nothing was built/);
      assert.doesNotMatch(run.stderr, /\n\s+at /, 'no stack trace');
      assert.deepEqual(await readdir(out), [], `${name}: no book written`);
    }
  });

  it('a header-less file whose title and author the config gives is not warned about guessing them', async () => {
    const body = 'the lamp was lit at dusk and the keeper climbed the stair.\n\nIt burned until dawn.\n';
    const input = await writeStories({
      'named.txt': body,
      'half-named.txt': body,
      'unnamed.txt': body,
      'ficbind.config.yaml': [
        'book: story',
        'stories:',
        '  named.txt: { title: The Stair Lamp, author: Oriel Marsh }',
        '  half-named.txt: { title: The Half Lamp }',
      ].join('\n'),
    });
    const built = await buildInto(input, { cover: false });
    const warned = (file: string): string[] =>
      built.result.diagnostics.filter((d) => d.rule === 'header/missing' && d.file === file).map((d) => d.message);
    assert.deepEqual(warned('named.txt'), []);
    assert.equal(warned('half-named.txt').length, 1);
    assert.match(warned('half-named.txt')[0]!, /The Half Lamp/);
    assert.match(warned('half-named.txt')[0]!, /Unknown/);
    assert.equal(warned('unnamed.txt').length, 1);
    const named = built.result.books.find((b) => b.title === 'The Stair Lamp');
    assert.ok(named, JSON.stringify(built.result.books.map((b) => b.title)));
  });
});
