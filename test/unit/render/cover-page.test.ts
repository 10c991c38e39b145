import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Book } from '../../../src/model/book.js';
import type { Story } from '../../../src/model/story.js';
import { coverDescription, coverText } from '../../../src/render/generated-cover.js';
import { renderBook } from '../../../src/render/render-book.js';
import { parseXml } from '../../helpers/epub.js';

const story = (title: string, part?: number): Story => ({
  source: `${title}.txt`,
  meta: { title, author: 'Pell Moraine', extra: [], ...(part ? { series: { name: 'Salt Roads', part } } : {}) },
  chapters: [{ kind: 'chapter', file: `${title}.txt`, line: 1, blocks: [] }],
  modified: 0,
});

const book = (extra: Partial<Book> = {}): Book => ({
  fileName: 'b',
  identifier: 'urn:uuid:00000000-0000-8000-8000-000000000001',
  title: 'The Ferry at Night',
  authors: ['Pell Moraine', 'Ada Quist'],
  language: 'en',
  stories: [story('The Ferry at Night')],
  modified: 0,
  ...extra,
});

const PNG = new Uint8Array([137, 80, 78, 71, 13, 10, 26, 10]);

function coverAlt(b: Book): string | null {
  const page = renderBook(b).find((f) => f.path === 'EPUB/text/cover.xhtml');
  assert.ok(page, 'the book has a cover page');
  return parseXml(page.data as string)
    .getElementsByTagName('img')[0]!
    .getAttribute('alt');
}

describe('the cover’s text alternative', () => {
  it('of a drawn cover: the words it shows, series and part included', () => {
    assert.equal(coverDescription(coverText(book())), 'Cover: The Ferry at Night by Pell Moraine & Ada Quist');
    assert.equal(
      coverDescription(
        coverText(
          book({ series: { name: 'Salt Roads', part: 2, total: 3 }, stories: [story('The Ferry at Night', 2)] }),
        ),
      ),
      'Cover: The Ferry at Night by Pell Moraine & Ada Quist (Salt Roads, Part 2 of 3)',
    );
    const wholeSeries = book({
      title: 'Salt Roads',
      series: { name: 'Salt Roads', part: 1 },
      stories: [story('One', 1), story('Two', 2)],
    });
    assert.equal(coverDescription(coverText(wholeSeries)), 'Cover: Salt Roads by Pell Moraine & Ada Quist (Parts 1–2)');
  });

  it('is what the cover page shows as alt, for a drawn cover', () => {
    const description = 'Cover: The Ferry at Night by Pell Moraine & Ada Quist';
    assert.equal(coverAlt(book({ cover: { data: PNG, mediaType: 'image/png', description } })), description);
  });

  it('of an image from covers/: whose cover it is', () => {
    assert.equal(
      coverAlt(book({ cover: { data: PNG, mediaType: 'image/png' } })),
      'Cover of The Ferry at Night by Pell Moraine & Ada Quist',
    );
  });
});
