import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { readHeaderAndBody } from '../../../src/parse/header-and-body.js';
import { splitChapters } from '../../../src/parse/chapters.js';
import { epubImages } from '../../../src/parse/epub/images.js';

// Original text and bytes written for these tests.
const PNG = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0]);
const JPEG = new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 0, 0x10]);
const ARCHIVE = new Map<string, Uint8Array>([
  ['OPS/img/tide chart.png', PNG],
  ['OPS/img/gull.jpg', JPEG],
  ['OPS/img/notes.png', new TextEncoder().encode('not a picture at all')],
]);
const PAGE = 'OPS/text/ch1.xhtml';

/** A page read as parse/epub/ reads it, to its chapters' blocks, shown briefly. */
function blocksOf(html: string): { blocks: string[]; rules: string[] } {
  const images = epubImages(ARCHIVE, PAGE);
  const body = readHeaderAndBody({ path: 'book.epub/ch1.xhtml', text: html, modified: 0 }, { images: images.lookup });
  const split = splitChapters(body.lines, 'book.epub/ch1.xhtml');
  const blocks = split.chapters.flatMap((c) => [
    ...(c.title === undefined ? [] : [`# ${c.title}`]),
    ...c.blocks.map((b) =>
      b.kind === 'image'
        ? `[${b.image}|${b.alt}]`
        : b.kind === 'paragraph'
          ? b.inlines.map((i) => i.text).join('')
          : b.kind,
    ),
  ]);
  return { blocks, rules: body.diagnostics.map((d) => `${d.rule}:${d.line ?? ''}`) };
}

const page = (body: string): string =>
  `<?xml version="1.0" encoding="UTF-8"?>\n<html xmlns="http://www.w3.org/1999/xhtml"><head><title>One</title></head>\n<body>\n${body}\n</body></html>`;

describe('pictures of an EPUB page', () => {
  it('finds a file by its address relative to the page, escaped or not, and tells its type by its bytes', () => {
    const { lookup, found } = epubImages(ARCHIVE, PAGE);
    assert.deepEqual(lookup('../img/tide%20chart.png'), { key: 'OPS/img/tide chart.png' });
    assert.deepEqual(lookup('./../img/gull.jpg#x'), { key: 'OPS/img/gull.jpg' });
    assert.equal(found.get('OPS/img/gull.jpg')?.mediaType, 'image/jpeg');
    assert.equal(found.get('OPS/img/tide chart.png')?.mediaType, 'image/png');
    for (const [src, why] of [
      ['https://cdn.example.net/a.png', /never fetches/],
      ['//cdn.example.net/a.png', /never fetches/],
      ['data:image/png;base64,AAAA', /not a file of the EPUB/],
      ['../img/absent.png', /OPS\/img\/absent\.png is not in the EPUB/],
      ['../img/notes.png', /not a JPEG, PNG, GIF or WebP/],
      ['  ', /names no file/],
    ] as const) {
      const said = lookup(src);
      assert.ok('leftOut' in said && why.test(said.leftOut), `${src}: ${JSON.stringify(said)}`);
    }
  });

  it('makes a picture a block of its own where it stood, even inside a paragraph or a heading', () => {
    const { blocks, rules } = blocksOf(
      page(
        '<h2>Chapter 1: Low <img src="../img/gull.jpg" alt="a gull"/> Water</h2>\n' +
          '<p>The chart was <img src="../img/tide%20chart.png" alt="the tide chart"/> wrong.</p>\n' +
          '<p>A stamp <img src="../img/notes.png" alt="stamp"/> on it.</p>',
      ),
    );
    assert.deepEqual(blocks, [
      '# Chapter 1: Low Water',
      '[OPS/img/gull.jpg|a gull]',
      'The chart was',
      '[OPS/img/tide chart.png|the tide chart]',
      'wrong.',
      'A stamp on it.',
    ]);
    assert.deepEqual(
      rules.filter((r) => r.startsWith('html/image')),
      ['html/image-left-out:6'],
      rules.join(' '),
    );
  });

  it('never takes the private-use image marks written in a page for a picture', () => {
    const { blocks, rules } = blocksOf(page('<p>Forged \uE0040\uE005 mark.</p>'));
    assert.deepEqual(blocks, ['Forged 0 mark.']);
    assert.ok(
      rules.some((r) => r.startsWith('text/private-use')),
      rules.join(' '),
    );
  });
});
