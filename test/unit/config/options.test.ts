import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DEFAULT_OPTIONS, resolveOptions, UsageError, type BuildOptionsInput } from '../../../src/config/options.js';
import { ConfigError, parseConfig } from '../../../src/config/parse-config.js';
import { optionsInConfig } from '../../../src/config/schema.js';

/** The message of the UsageError that resolving throws. */
function usage(...layers: BuildOptionsInput[]): string {
  try {
    resolveOptions(...layers);
  } catch (error) {
    assert.ok(error instanceof UsageError, String(error));
    return error.message;
  }
  assert.fail('expected a UsageError');
}

describe('resolveOptions (the one schema of the build options)', () => {
  it('fills the documented defaults', () => {
    assert.deepEqual(resolveOptions({}), {
      input: 'stories',
      out: 'out',
      covers: 'covers',
      language: 'en',
      book: 'series',
      keepJunk: false,
      typography: true,
      notes: 'keep',
      check: false,
      accessibility: false,
      cover: true,
      kobo: false,
      jobs: 1,
      cache: false,
      markNew: false,
    });
    assert.deepEqual(DEFAULT_OPTIONS, resolveOptions({}));
  });

  it('takes numbers as digits typed on a command line, and spells a language its canonical way', () => {
    const options = resolveOptions({ jobs: '3', sourceDateEpoch: ' 1700000000 ', language: 'pt-br' });
    assert.equal(options.jobs, 3);
    assert.equal(options.sourceDateEpoch, 1_700_000_000);
    assert.equal(options.language, 'pt-BR');
  });

  it('lets later layers win, and a key left undefined is not given', () => {
    const options = resolveOptions({ sourceDateEpoch: '5' }, { book: 'story', language: 'de' }, { book: undefined });
    assert.equal(options.book, 'story');
    assert.equal(options.language, 'de');
    assert.equal(options.sourceDateEpoch, 5);
    assert.equal(resolveOptions({ book: 'story' }, { book: 'series' }).book, 'series');
  });

  it('names the flag in what it rejects', () => {
    assert.equal(usage({ language: 'xx!' }), '--lang: "xx!" is not a language code; use one like en, de or pt-BR');
    assert.equal(usage({ book: 'chapter' as never }), '--book: expected "series" or "story", got "chapter"');
    assert.equal(usage({ notes: 'margin' as never }), '--notes: expected "keep", "end" or "drop", got "margin"');
    assert.equal(usage({ jobs: '0' }), '--jobs: expected a whole number of 1 or more, got "0"');
    assert.equal(usage({ jobs: 1.5 }), '--jobs: expected a whole number of 1 or more, got "1.5"');
    assert.equal(usage({ sourceDateEpoch: '-1' }), 'SOURCE_DATE_EPOCH: expected a whole number of seconds, got "-1"');
    assert.equal(usage({ kobo: 'yes' as never }), '--kobo: expected a boolean, got string');
  });

  it('reports every wrong option at once, and an option it does not know', () => {
    const message = usage({ language: '', jobs: 'many' });
    assert.match(message, /^2 options are not valid:$/m);
    assert.match(message, /^ {2}--lang: "" is not a language code/m);
    assert.match(message, /^ {2}--jobs: expected a whole number of 1 or more, got "many"$/m);
    assert.equal(usage({ colour: 'red' } as never), 'options: unknown key "colour"');
  });
});

describe('the config file takes its build options from the same schema', () => {
  it('checks "language" as --lang is checked, naming the file and the key', () => {
    assert.throws(
      () => parseConfig(JSON.stringify({ language: 'xx!' }), 'stories/ficbind.config.json'),
      (error: unknown) =>
        error instanceof ConfigError &&
        /^stories\/ficbind\.config\.json: a setting is not valid; nothing was built$/m.test(error.message) &&
        /^ {2}language: "xx!" is not a language code; use one like en, de or pt-BR$/m.test(error.message),
    );
  });

  it('hands its book and language to the build, and nothing it does not set', () => {
    const config = parseConfig('book: story\nlanguage: EN-gb\nexclude: [drafts/**]\n', 'ficbind.config.yaml');
    assert.deepEqual(resolveOptions(optionsInConfig(config)), { ...DEFAULT_OPTIONS, book: 'story', language: 'en-GB' });
    assert.deepEqual(resolveOptions(optionsInConfig(parseConfig('{}', 'ficbind.config.json'))), DEFAULT_OPTIONS);
  });
});
