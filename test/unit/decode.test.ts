import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { decodeText, looksBinary } from '../../src/io/decode.js';

const utf8 = (text: string): number[] => [...new TextEncoder().encode(text)];
const bytes = (...parts: Array<number | number[]>): Uint8Array => new Uint8Array(parts.flat());
const decode = (...parts: Array<number | number[]>) => decodeText(bytes(...parts), 'story.txt');

function utf16(text: string, littleEndian: boolean): number[] {
  const out: number[] = [];
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i);
    out.push(...(littleEndian ? [unit & 0xff, unit >> 8] : [unit >> 8, unit & 0xff]));
  }
  return out;
}

describe('decodeText', () => {
  describe('encodings', () => {
    it('reads UTF-8 and drops its byte-order mark', () => {
      assert.deepEqual(decode(0xef, 0xbb, 0xbf, utf8('“Héllo” — 🦊')), { text: '“Héllo” — 🦊', encoding: 'utf-8', diagnostics: [] });
    });

    it('reads UTF-8 without a byte-order mark', () => {
      assert.deepEqual(decode(utf8('Spike’s coat')), { text: 'Spike’s coat', encoding: 'utf-8', diagnostics: [] });
    });

    it('reads UTF-16LE with a byte-order mark', () => {
      assert.deepEqual(decode(0xff, 0xfe, utf16('Willow “é” 🦊', true)), { text: 'Willow “é” 🦊', encoding: 'utf-16le', diagnostics: [] });
    });

    it('reads UTF-16BE with a byte-order mark', () => {
      assert.deepEqual(decode(0xfe, 0xff, utf16('Willow “é” 🦊', false)), { text: 'Willow “é” 🦊', encoding: 'utf-16be', diagnostics: [] });
    });

    it('reads invalid UTF-8 as Windows-1252 and says so', () => {
      // “Hi” – café…  as saved by an old Windows editor
      const result = decode(0x93, utf8('Hi'), 0x94, 0x20, 0x96, utf8(' caf'), 0xe9, 0x85);
      assert.equal(result.text, '“Hi” – café…');
      assert.equal(result.encoding, 'windows-1252');
      assert.deepEqual(
        result.diagnostics.map((d) => [d.severity, d.rule, d.file]),
        [['info', 'encoding/fallback', 'story.txt']],
      );
    });

    it('maps every Windows-1252 byte from 0x80 to 0x9F to its character, not to a control', () => {
      const high = Array.from({ length: 32 }, (_, i) => 0x80 + i);
      const expected = '€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ';
      const result = decode(high);
      assert.equal(result.text, expected);
      // 0x81, 0x8D, 0x8F, 0x90 and 0x9D mean nothing in Windows-1252: removed, and said so.
      const undefinedBytes = result.diagnostics.find((d) => d.rule === 'encoding/undefined-byte');
      assert.equal(undefinedBytes?.line, 1);
      assert.match(undefinedBytes?.message ?? '', /removed 5 byte/);
      assert.ok(!result.text.includes('\uFFFD'));
    });

    it('reads Latin-1 letters above 0x9F unchanged in the fallback', () => {
      assert.equal(decode(0xc9, 0x74, 0xe9, 0x20, 0xff).text, 'Été ÿ');
    });

    it('gives an empty text for no bytes or a byte-order mark alone', () => {
      assert.deepEqual(decode(), { text: '', encoding: 'utf-8', diagnostics: [] });
      assert.deepEqual(decode(0xef, 0xbb, 0xbf), { text: '', encoding: 'utf-8', diagnostics: [] });
    });
  });

  describe('normalising', () => {
    it('turns CRLF and lone CR into LF', () => {
      assert.equal(decode(utf8('a\r\nb\rc\n\rd\r\n\r\ne')).text, 'a\nb\nc\n\nd\n\ne');
    });

    it('turns CRLF into LF in UTF-16 text too', () => {
      assert.equal(decode(0xff, 0xfe, utf16('a\r\nb', true)).text, 'a\nb');
    });

    it('composes decomposed text (NFD → NFC)', () => {
      const { text } = decode(utf8('Cafe\u0301 Zoe\u0308'));
      assert.equal(text, 'Caf\u00e9 Zo\u00eb');
      assert.equal(text.length, 8);
    });

    it('keeps tabs and ordinary text untouched', () => {
      assert.deepEqual(decode(utf8('a\tb\n\n  c')), { text: 'a\tb\n\n  c', encoding: 'utf-8', diagnostics: [] });
    });
  });

  describe('characters XML cannot hold', () => {
    it('removes NUL and control characters with one warning per line, naming the line', () => {
      const result = decode(utf8('fine\nbad\u0000x\u0007y\u0007\nfine\nz\u001b\f'));
      assert.equal(result.text, 'fine\nbadxy\nfine\nz');
      assert.deepEqual(
        result.diagnostics.map((d) => [d.severity, d.rule, d.line, d.message]),
        [
          ['warning', 'encoding/illegal-character', 2, 'removed 3 character(s) XML cannot hold (U+0000, U+0007)'],
          ['warning', 'encoding/illegal-character', 4, 'removed 2 character(s) XML cannot hold (U+001B, U+000C)'],
        ],
      );
    });

    it('counts lines after line endings are unified', () => {
      const result = decode(utf8('one\r\ntwo\r\nthr\u0001ee'));
      assert.equal(result.text, 'one\ntwo\nthree');
      assert.deepEqual(
        result.diagnostics.map((d) => d.line),
        [3],
      );
    });

    it('removes U+FFFE and U+FFFF', () => {
      assert.equal(decode(utf8('a\uFFFEb\uFFFFc')).text, 'abc');
    });

    it('warns each time it is called (no state left over between files)', () => {
      const first = decode(utf8('x\u0000'));
      const second = decode(utf8('y\u0000'));
      assert.equal(first.diagnostics.length, 1);
      assert.equal(second.diagnostics.length, 1);
      assert.equal(second.text, 'y');
    });

    it('keeps surrogate pairs (emoji) whole', () => {
      assert.deepEqual(decode(utf8('🦊🌙')).diagnostics, []);
      assert.equal(decode(utf8('🦊🌙')).text, '🦊🌙');
    });
  });
});

describe('looksBinary', () => {
  const cases: Array<[string, Uint8Array, boolean]> = [
    ['plain text', new TextEncoder().encode('Once upon a time.\n'), false],
    ['an empty file', new Uint8Array(), false],
    ['a PNG header', bytes(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d), true],
    ['a stray NUL byte in text (dropped later, with a warning)', bytes(0, 0x68, 0x69), false],
    ['many NUL bytes', bytes(0x68, 0, 0, 0, 0x69, 0, 0, 0, 0x6a, 0, 0, 0), true],
    ['a JPEG header', bytes(0xff, 0xd8, 0xff, 0xe0, 0, 0x10), true],
    ['a PDF', new TextEncoder().encode('%PDF-1.7\n'), true],
    ['a zip (an EPUB or DOCX renamed .txt)', bytes(0x50, 0x4b, 0x03, 0x04, 0x14, 0), true],
    ['UTF-16LE text with a BOM (NULs are expected there)', bytes(0xff, 0xfe, 0x68, 0, 0x69, 0), false],
    ['UTF-16BE text with a BOM', bytes(0xfe, 0xff, 0, 0x68, 0, 0x69), false],
    ['UTF-16 text without a BOM (half its bytes are NUL)', new Uint8Array(Buffer.from('Hello there, reader', 'utf16le')), true],
    ['Windows-1252 text', bytes(0x93, 0x48, 0x69, 0x94), false],
    ['a NUL after the first 8 KiB only', bytes(new Array<number>(9000).fill(0x61), 0), false],
    ['NULs over 1 % of the first 8 KiB', bytes(new Array<number>(8000).fill(0x61), new Array<number>(100).fill(0)), true],
    ['NULs under 1 % of the first 8 KiB', bytes(new Array<number>(8000).fill(0x61), new Array<number>(50).fill(0)), false],
  ];
  for (const [what, input, expected] of cases) {
    it(`${what} → ${expected}`, () => {
      assert.equal(looksBinary(input), expected);
    });
  }
});
