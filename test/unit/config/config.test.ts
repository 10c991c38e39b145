import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ConfigError, parseConfig } from '../../../src/config/parse-config.js';
import { applyConfig } from '../../../src/config/apply.js';
import { parseStory } from '../../../src/parse/parse-story.js';

/** The message of the ConfigError that parsing throws. */
function failure(text: string, file = 'stories/ficbind.config.json'): string {
  try {
    parseConfig(text, file);
  } catch (error) {
    assert.ok(error instanceof ConfigError, String(error));
    return error.message;
  }
  assert.fail('expected a ConfigError');
}

describe('parseConfig', () => {
  it('reads a full JSON config', () => {
    const config = parseConfig(
      JSON.stringify({
        book: 'story',
        language: 'de',
        exclude: ['drafts/**'],
        series: [
          { title: 'The Lantern Road', stories: ['a.txt', 'b.txt'], cover: 'art/road.png' },
          { title: 'New Name', match: 'old name' },
        ],
        stories: { 'a.txt': { title: 'First Light', author: 'W. Alder' } },
      }),
      'ficbind.config.json',
    );
    assert.equal(config.book, 'story');
    assert.deepEqual(config.series?.[0]?.stories, ['a.txt', 'b.txt']);
    assert.equal(config.stories?.['a.txt']?.author, 'W. Alder');
  });

  it('reads YAML the same way', () => {
    const config = parseConfig(
      'book: series\nseries:\n  - title: Road\n    stories: [a.txt, b.txt]\n',
      'ficbind.config.yaml',
    );
    assert.deepEqual(config, { book: 'series', series: [{ title: 'Road', stories: ['a.txt', 'b.txt'] }] });
  });

  it('an empty YAML file is an empty config', () => {
    assert.deepEqual(parseConfig('', 'ficbind.config.yml'), {});
  });

  it('names the key path of a wrong type', () => {
    const message = failure(
      JSON.stringify({
        series: [
          { title: 'A', stories: ['a.txt'] },
          { title: 'B', stories: 'b.txt' },
        ],
      }),
    );
    assert.match(message, /^stories\/ficbind\.config\.json: a setting is not valid; nothing was built/);
    assert.match(message, /series\[1\]\.stories: expected a list, got string/);
  });

  it('names unknown keys, wrong choices and missing titles, all at once', () => {
    const message = failure(
      JSON.stringify({
        book: 'trilogy',
        colour: 'red',
        series: [{ stories: ['a.txt'] }],
        stories: { 'a.txt': { titel: 'x' } },
      }),
    );
    assert.match(message, /4 settings are not valid/);
    assert.match(message, /book: expected "series" or "story", got "trilogy"/);
    assert.match(message, /\(top level\): unknown key "colour"/);
    assert.match(message, /series\[0\]\.title: expected a string, got undefined/);
    assert.match(message, /stories\["a\.txt"\]: unknown key "titel"/);
  });

  it('refuses a title or author holding a character no reader can show, naming its key', () => {
    const message = failure(
      JSON.stringify({
        series: [{ title: 'Har\u0001bour', stories: ['a.txt'] }],
        stories: { 'a.txt': { author: 'Wren\u0007 Alder' } },
      }),
    );
    assert.match(message, /2 settings are not valid/);
    assert.match(message, /series\[0\]\.title: holds a control character/);
    assert.match(message, /stories\["a\.txt"\]\.author: holds a control character/);
    assert.doesNotThrow(() =>
      parseConfig(JSON.stringify({ series: [{ title: 'Tab\tand newline\n', match: 'x' }] }), 'c.json'),
    );
  });

  it('asks for members or a name to match in a series entry', () => {
    assert.match(
      failure(JSON.stringify({ series: [{ title: 'Lonely' }] })),
      /series\[0\]: give "stories" \(the members in order\) or "match"/,
    );
  });

  it('reports a JSON syntax error with its line', () => {
    const message = failure('{\n  "book": "series",\n  "language": "en"\n  "exclude": []\n}');
    assert.match(message, /^stories\/ficbind\.config\.json:4: not valid JSON/);
    assert.match(message, /nothing was built/);
  });

  it('reports a YAML syntax error with its line', () => {
    const message = failure(
      'book: series\nseries:\n  - title: "Road\n    stories: [a.txt\n',
      'stories/ficbind.config.yaml',
    );
    assert.match(message, /^stories\/ficbind\.config\.yaml:\d+: not valid YAML/);
  });
});

describe('applyConfig: a series given as a slug', () => {
  const story = (series: string) => {
    const text = `---\ntitle: The Salt Ledger\nauthor: Mira Fenwick\nseries: ${series}\n---\n\nThe ledger.\n`;
    const parsed = parseStory({ path: 'salt-ledger.md', files: [{ path: 'salt-ledger.md', text, modified: 0 }] });
    return { source: 'salt-ledger.md', meta: parsed.story!.meta, modified: 0 };
  };

  it('is shown as a name, and the config still names it by the slug', () => {
    assert.equal(story('tides_of_vessary').meta.series?.name, 'Tides of Vessary');
    const config = parseConfig(
      JSON.stringify({ series: [{ title: 'The Vessary Tides', match: 'tides_of_vessary' }] }),
      'ficbind.config.json',
    );
    const [named] = applyConfig([story('tides-of-vessary')], config);
    assert.equal(named?.meta.series?.name, 'The Vessary Tides');
  });
});
