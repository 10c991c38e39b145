import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { parseHeader } from '../../../src/parse/header.js';
import { toLines } from '../../../src/parse/lines.js';
import { metadataFromHeader } from '../../../src/parse/metadata.js';

const metaOf = (header: string) =>
  metadataFromHeader(parseHeader(toLines(`${header}\n\nBody.`)).fields, 'Fallback', 'a.txt');

describe('metadataFromHeader: tags and published date', () => {
  it('reads Tags and Category as tags, each once, and keeps them on the title page as written', () => {
    const { meta } = metaOf(
      'Title: T\nCategory: General, Mystery\nTags: lighthouses; winter, Mystery\nTag: found family',
    );
    assert.deepEqual(meta.tags, ['General', 'Mystery', 'lighthouses', 'winter', 'found family']);
    assert.equal(meta.category, 'General, Mystery');
    assert.deepEqual(meta.extra, [
      { key: 'Tags', value: 'lighthouses; winter, Mystery' },
      { key: 'Tag', value: 'found family' },
    ]);
  });

  it('starts a header with Tags or Published (they are known keys now)', () => {
    const { meta } = metaOf('Published: 2021-04-02\nTitle: T');
    assert.equal(meta.title, 'T');
    assert.equal(meta.published, '2021-04-02');
  });

  it('does not start a header with Date (a diary entry opens so)', () => {
    const { meta } = metaOf('Date: 1 May 1999');
    assert.equal(meta.title, 'Fallback');
  });

  it('reads Published, Date published and Date as an ISO date, the first one winning', () => {
    assert.equal(metaOf('Title: T\nDate: April 2, 2021').meta.published, '2021-04-02');
    assert.equal(metaOf('Title: T\nDate published: 2 Apr 2021\nPublished: 2022').meta.published, '2021-04-02');
  });

  it('keeps a date it cannot read on the title page, says so, and does not order by it', () => {
    const { meta, diagnostics } = metaOf('Title: T\nPublished: last spring');
    assert.equal(meta.published, undefined);
    assert.deepEqual(meta.extra, [{ key: 'Published', value: 'last spring' }]);
    assert.deepEqual(
      diagnostics.map((d) => [d.rule, d.severity, d.line]),
      [['header/date', 'info', 2]],
    );
  });

  it('keeps the first of a field that holds one value, shows the second as extra and says so', () => {
    const { meta, diagnostics } = metaOf('Title: The Tide Clock\nAuthor: Wren Halloway\nAuthor: W. Halloway');
    assert.equal(meta.author, 'Wren Halloway');
    assert.deepEqual(meta.extra, [{ key: 'Author', value: 'W. Halloway' }]);
    assert.deepEqual(
      diagnostics.map((d) => [d.rule, d.severity, d.line]),
      [['header/repeated', 'info', 3]],
    );
  });

  it('has no tags or date when the header gives none', () => {
    const { meta } = metaOf('Title: T\nAuthor: A');
    assert.equal('tags' in meta, false);
    assert.equal('published' in meta, false);
  });
});
