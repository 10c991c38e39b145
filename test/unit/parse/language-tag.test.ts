import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { languageTag } from '../../../src/parse/language-tag.js';

describe('languageTag: a Language: value → a BCP 47 tag', () => {
  it('keeps a tag as written', () => {
    assert.equal(languageTag('en'), 'en');
    assert.equal(languageTag(' pt-BR '), 'pt-BR');
  });

  it('turns a language name, in English or in itself, into its code', () => {
    assert.equal(languageTag('English'), 'en');
    assert.equal(languageTag('german'), 'de');
    assert.equal(languageTag('Deutsch'), 'de');
    assert.equal(languageTag('Español'), 'es');
    assert.equal(languageTag('Русский'), 'ru');
  });

  it('knows the names archives use that ICU words otherwise', () => {
    assert.equal(languageTag('Tagalog'), 'tl');
    assert.equal(languageTag('Filipino'), 'tl');
    assert.equal(languageTag('Bahasa Indonesia'), 'id');
    assert.equal(languageTag('Bahasa Malaysia'), 'ms');
  });

  it('gives nothing for a value that is neither', () => {
    assert.equal(languageTag('Klingon'), undefined);
    assert.equal(languageTag('English and French'), undefined);
    assert.equal(languageTag(''), undefined);
  });
});
