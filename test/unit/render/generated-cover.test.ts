import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { crc32, inflateSync } from 'node:zlib';
import { Resvg } from '@resvg/resvg-js';
import type { Book } from '../../../src/model/book.js';
import { coverFontOptions } from '../../../src/render/cover-fonts.js';
import { wrapText, type Measure } from '../../../src/render/cover-text-wrap.js';
import { coverText } from '../../../src/render/generated-cover.js';
import { generateCover } from '../../../src/build/make-book.js';
import { bundledFonts } from '../../../src/build/cover-fonts.js';
import { renderBook } from '../../../src/render/render-book.js';
import { all, openEpub, packageDocument, spinePaths } from '../../helpers/epub.js';
import { packToFile, sampleBook } from '../../helpers/sample-books.js';

type CoverInput = Pick<Book, 'title' | 'authors' | 'series' | 'stories'>;

const book = (title: string, extra: Partial<CoverInput> = {}): CoverInput => ({
  title,
  authors: ['Wren Alder'],
  stories: [],
  ...extra,
});

interface PngHeader {
  width: number;
  height: number;
}

/** Reads a PNG strictly: signature, every chunk's CRC, IHDR first, IEND last, IDAT inflates to the right size. */
function decodePng(data: Uint8Array): PngHeader {
  const bytes = Buffer.from(data);
  assert.deepEqual([...bytes.subarray(0, 8)], [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], 'PNG signature');
  const chunks: Array<{ type: string; body: Buffer }> = [];
  for (let at = 8; at < bytes.length;) {
    const length = bytes.readUInt32BE(at);
    const type = bytes.toString('latin1', at + 4, at + 8);
    const body = bytes.subarray(at + 8, at + 8 + length);
    assert.equal(bytes.readUInt32BE(at + 8 + length), crc32(bytes.subarray(at + 4, at + 8 + length)), `CRC of ${type}`);
    chunks.push({ type, body });
    at += 12 + length;
  }
  assert.equal(chunks[0]?.type, 'IHDR');
  assert.equal(chunks.at(-1)?.type, 'IEND');
  const header = chunks[0]!.body;
  const width = header.readUInt32BE(0);
  const height = header.readUInt32BE(4);
  const colorType = header[9]!;
  const pixels = inflateSync(Buffer.concat(chunks.filter((c) => c.type === 'IDAT').map((c) => c.body)));
  const channels = { 2: 3, 6: 4 }[colorType as 2 | 6];
  assert.ok(channels, `colour type ${colorType} is RGB or RGBA`);
  assert.equal(header[8], 8, 'bit depth');
  assert.equal(pixels.length, height * (1 + width * channels), 'scanlines fill the image');
  return { width, height };
}

/** The share of pixels inside the frame, rows `from`–`to`, that differ from the background; decoded by resvg. */
function inkShare(png: Uint8Array, from: number, to: number): number {
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="1200" height="1800"><image width="1200" height="1800" href="data:image/png;base64,${Buffer.from(png).toString('base64')}"/></svg>`;
  const pixels = new Resvg(svg).render().pixels;
  const background = pixels.readUInt32BE(0);
  let ink = 0;
  for (let y = from; y < to; y++)
    for (let x = 150; x < 1050; x++) if (pixels.readUInt32BE((y * 1200 + x) * 4) !== background) ink++;
  return ink / ((to - from) * 900);
}

describe('generated cover', () => {
  it('gives the same bytes for the same book, and different bytes for another title', async () => {
    const first = await generateCover(
      book('The Far Shore', { series: { name: 'The Lantern Road', part: 2, total: 3 } }),
    );
    const again = await generateCover(
      book('The Far Shore', { series: { name: 'The Lantern Road', part: 2, total: 3 } }),
    );
    assert.deepEqual(first.cover.data, again.cover.data);
    assert.notDeepEqual((await generateCover(book('The Near Shore'))).cover.data, first.cover.data);
    assert.equal(first.cover.mediaType, 'image/png');
    assert.deepEqual(
      first.charactersFromSystemFonts,
      [],
      'drawn with the bundled fonts only, so the same on every machine',
    );
  });

  it('is a valid 1200×1800 PNG of reasonable size with text drawn in the title area', async () => {
    const { cover } = await generateCover(book('Salt and Static'));
    const png = decodePng(cover.data);
    assert.equal(png.width, 1200);
    assert.equal(png.height, 1800);
    assert.ok(cover.data.length < 400_000, `${cover.data.length} bytes`);
    assert.ok(inkShare(cover.data, 820, 980) > 0.05, 'the title is drawn mid-cover');
    assert.equal(inkShare(cover.data, 300, 400), 0, 'nothing above it: no series');
  });

  it('wraps and shrinks a long title, and still draws every script', async () => {
    const long =
      'A Very Long Title About the Clockmaker and the Seventeen Keys of the Drowned City Beneath the Harbour Wall';
    for (const title of [
      long,
      'מסע אל הים הרחוק',
      'الطريق المضيء إلى البحر',
      'Dragons 🐉 & Tea ☕ 👩‍👩‍👧',
      'Ёжик в тумане',
      'Supercalifragilisticexpialidocious'.repeat(3),
    ]) {
      const { cover, charactersFromSystemFonts } = await generateCover(
        book(title, { authors: ['דנה כהן', 'Wren <Alder> & Co'] }),
      );
      const png = decodePng(cover.data);
      assert.equal(png.width, 1200, title);
      assert.deepEqual(charactersFromSystemFonts, [], `${title}: the bundled fonts cover it`);
    }
  });

  it('names the characters it must leave to the system fonts (CJK) and still makes a valid PNG', async () => {
    const { cover, charactersFromSystemFonts } = await generateCover(book('星の王子', { authors: ['山田'] }));
    decodePng(cover.data);
    assert.deepEqual(charactersFromSystemFonts, ['星', 'の', '王', '子', '山', '田']);
  });
});

describe('coverFontOptions', () => {
  const fontNames = (text: string): string[] =>
    (coverFontOptions(text, bundledFonts(), false).fontFiles ?? []).map((file) => file.split('/').at(-1) as string);

  it('gives resvg Noto Sans, and a fallback font only for a character Noto Sans lacks', () => {
    const base = ['NotoSans_700Bold.ttf', 'NotoSans_400Regular.ttf'];
    assert.deepEqual(fontNames('The Clockmaker — Part 2 of 3 Ёжик Ξένος'), base);
    assert.deepEqual(fontNames('מסע אל הים'), [...base, 'NotoSansHebrew_700Bold.ttf', 'NotoSansHebrew_400Regular.ttf']);
    assert.deepEqual(fontNames('Tea ☕ and الطريق'), [
      ...base,
      'NotoSansArabic_700Bold.ttf',
      'NotoSansArabic_400Regular.ttf',
      'NotoEmoji_400Regular.ttf',
    ]);
  });

  it('adds the system fonts only when asked', () => {
    assert.equal(coverFontOptions('星の王子', bundledFonts(), true).loadSystemFonts, true);
    assert.equal(coverFontOptions('Plain', bundledFonts(), false).loadSystemFonts, false);
  });
});

describe('coverText', () => {
  it('shows a part of a series with its series and part', () => {
    assert.deepEqual(coverText(book('The Far Shore', { series: { name: 'The Lantern Road', part: 2, total: 3 } })), {
      title: 'The Far Shore',
      author: 'Wren Alder',
      series: 'The Lantern Road',
      part: 'Part 2 of 3',
    });
  });

  it('shows which parts a whole-series book holds instead of repeating its name', () => {
    const part = (n: number | undefined) =>
      ({
        meta: { series: n === undefined ? undefined : { name: 'The Lantern Road', part: n } },
      }) as Book['stories'][number];
    const series = { name: 'The Lantern Road', part: 1 };
    assert.equal(
      coverText(book('The Lantern Road', { series, stories: [part(1), part(2), part(3)] })).part,
      'Parts 1–3',
    );
    assert.equal(coverText(book('The Lantern Road', { series, stories: [part(1), part(3)] })).part, 'Parts 1, 3');
    assert.equal(
      coverText(book('The Lantern Road', { series, stories: [part(1), part(undefined)] })).part,
      '2 stories',
    );
    assert.equal(coverText(book('The Lantern Road', { series, stories: [part(1), part(2)] })).series, undefined);
  });

  it('joins authors, drops control characters and joiners, and never leaves the title empty', () => {
    const text = coverText({ title: ' \u0007 ', authors: ['Ann\u0000 Lee', 'Bo\u200DCarr'], stories: [] });
    assert.equal(text.title, 'Untitled');
    assert.equal(text.author, 'Ann Lee & BoCarr');
  });
});

describe('wrapText', () => {
  // Every character is half an em wide (50 px at 100 px), a space 26 px: six characters to a 300 px line.
  const measure: Measure = (text, size) => Array.from(text).length * size * 0.5;
  const wrap = (text: string, maxLines = 10) =>
    wrapText(text, { maxWidth: 300, size: 100, weight: 700, maxLines, measure });

  it('breaks at spaces, keeping every word, each line within the width', () => {
    const { lines, truncated, cutWords } = wrap('one two three four five six seven');
    assert.deepEqual(lines, ['one', 'two', 'three', 'four', 'five', 'six', 'seven']);
    assert.equal(truncated, false);
    assert.equal(cutWords, false);
    const wider = wrapText('one two three four five', {
      maxWidth: 1000,
      size: 100,
      weight: 700,
      maxLines: 10,
      measure,
    });
    assert.deepEqual(wider.lines, ['one two three four', 'five']);
  });

  it('cuts a word wider than a line between characters, losing none', () => {
    const { lines, cutWords } = wrap('abcdefghijklmnopqrstuvwxyz');
    assert.equal(cutWords, true);
    assert.equal(lines.join(''), 'abcdefghijklmnopqrstuvwxyz');
    assert.ok(lines.every((l) => measure(l, 100, 700) <= 300));
  });

  it('breaks CJK between words and keeps punctuation with the word before it', () => {
    const { lines } = wrap('時計職人の弟子は、港の下の町へ行った。');
    assert.equal(lines.join(''), '時計職人の弟子は、港の下の町へ行った。');
    assert.ok(lines.length > 1);
    assert.ok(
      lines.every((l) => !/^[、。]/.test(l) && measure(l, 100, 700) <= 300),
      lines.join(' | '),
    );
  });

  it('ends the last line with an ellipsis when there are more lines than allowed', () => {
    const { lines, truncated } = wrap('one two three four five six seven', 3);
    assert.equal(truncated, true);
    assert.deepEqual(lines, ['one', 'two', 'three…']);
  });

  it('never splits a grapheme cluster (emoji with skin tone, combining accents)', () => {
    const { lines } = wrap('👍🏽👍🏽👍🏽👍🏽👍🏽👍🏽👍🏽e\u0301e\u0301e\u0301e\u0301e\u0301e\u0301');
    assert.ok(lines.length > 1, 'the text is wrapped, so there are line starts to check');
    for (const line of lines) assert.ok(!line.startsWith('\u0301') && !line.startsWith('\u{1F3FD}'), line);
  });
});

describe('a book with a generated cover', () => {
  it('has it as cover-image with a cover page (EPUBCheck: test/conformance)', async () => {
    const sample = await sampleBook('The Lantern Road');
    const withCover: Book = { ...sample, cover: (await generateCover(sample)).cover };
    const file = await packToFile(renderBook(withCover), 'generated-cover.epub');
    const epub = await openEpub(file);
    const { doc } = await packageDocument(epub);
    const item = all(doc, 'item').find((i) => i.getAttribute('properties') === 'cover-image');
    assert.equal(item?.getAttribute('href'), 'images/cover.png');
    assert.equal((await spinePaths(epub))[0], 'EPUB/text/cover.xhtml');
  });
});
