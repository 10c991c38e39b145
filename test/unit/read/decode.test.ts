import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import iconv from 'iconv-lite';
import { decodeText, looksBinary } from '../../../src/read/decode.js';

const utf8 = (text: string): number[] => [...new TextEncoder().encode(text)];
const bytes = (...parts: Array<number | number[]>): Uint8Array => new Uint8Array(parts.flat());
const decode = (...parts: Array<number | number[]>) => decodeText(bytes(...parts), 'story.txt');
/** Text saved in a legacy encoding, as an old editor would have written it. */
const encoded = (text: string, encoding: string): number[] => [...iconv.encode(text, encoding)];
const rules = (result: ReturnType<typeof decodeText>) =>
  result.diagnostics.map((d) => [d.severity, d.rule, d.line ?? null]);

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
    it('tells Mac Roman from Windows-1252 by where the quote, dash and accent bytes stand, and says so', () => {
      const text = '“Don’t,” she said… and the café – empty – closed.\n';
      const mac = decodeText(iconv.encode(text.replace(/\n/g, '\r'), 'macintosh'), 'mac.txt');
      assert.equal(mac.text, text);
      assert.equal(mac.encoding, 'macintosh');
      assert.match(mac.diagnostics.find((d) => d.rule === 'encoding/fallback')?.message ?? '', /Mac Roman \(7 /);
      const windows = decodeText(iconv.encode(text, 'windows-1252'), 'dos.txt');
      assert.equal(windows.text, text);
      assert.equal(windows.encoding, 'windows-1252');
    });

    it('reads a CR-only file as text, one line a CR', () => {
      const bytes = new TextEncoder().encode('Title: Carriage\rAuthor: Ret Urn\r\rThe story.\r');
      assert.equal(looksBinary(bytes), false);
      assert.equal(decodeText(bytes, 'cr.txt').text, 'Title: Carriage\nAuthor: Ret Urn\n\nThe story.\n');
    });

    it('reads UTF-8 and drops its byte-order mark', () => {
      assert.deepEqual(decode(0xef, 0xbb, 0xbf, utf8('“Héllo” — 🦊')), {
        text: '“Héllo” — 🦊',
        encoding: 'utf-8',
        diagnostics: [],
      });
    });

    it('reads UTF-8 without a byte-order mark', () => {
      assert.deepEqual(decode(utf8('Corvin’s coat')), { text: 'Corvin’s coat', encoding: 'utf-8', diagnostics: [] });
    });

    it('reads UTF-16LE with a byte-order mark', () => {
      assert.deepEqual(decode(0xff, 0xfe, utf16('Ottilie “é” 🦊', true)), {
        text: 'Ottilie “é” 🦊',
        encoding: 'utf-16le',
        diagnostics: [],
      });
    });

    it('reads UTF-16BE with a byte-order mark', () => {
      assert.deepEqual(decode(0xfe, 0xff, utf16('Ottilie “é” 🦊', false)), {
        text: 'Ottilie “é” 🦊',
        encoding: 'utf-16be',
        diagnostics: [],
      });
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

    it('reads UTF-16LE without a byte-order mark', () => {
      const result = decode(encoded('Ottilie “é” 🦊\r\nsecond line\n', 'utf16le'));
      assert.deepEqual(result, { text: 'Ottilie “é” 🦊\nsecond line\n', encoding: 'utf-16le', diagnostics: [] });
    });

    it('reads UTF-16BE without a byte-order mark', () => {
      const result = decode(encoded('Ottilie “é” 🦊\r\nsecond line\n', 'utf16be'));
      assert.deepEqual(result, { text: 'Ottilie “é” 🦊\nsecond line\n', encoding: 'utf-16be', diagnostics: [] });
    });

    it('reads Cyrillic UTF-16LE without a byte-order mark (NUL bytes only in spaces and punctuation)', () => {
      const text = 'Мы шли к морю, и ветер пел над водой.\n';
      assert.deepEqual(decode(encoded(text, 'utf16le')), { text, encoding: 'utf-16le', diagnostics: [] });
    });

    it('reads a Windows-1252 story with curly quotes, dashes and an ellipsis', () => {
      const text =
        'He didn’t know what she’d meant by it. “Come on,” she said — and they walked down to the harbour…\n';
      const result = decode(encoded(text, 'windows-1252'));
      assert.equal(result.text, text);
      assert.equal(result.encoding, 'windows-1252');
      assert.deepEqual(rules(result), [['info', 'encoding/fallback', null]]);
    });

    it('reads ISO-8859-1 (accents, nothing in 0x80–0x9F) as ISO-8859-1', () => {
      const text =
        'Der Bär läuft über die Straße, während die Kinder im Garten spielen. Größer als gedacht war das Häuschen.\n';
      const result = decode(encoded(text, 'latin1'));
      assert.equal(result.text, text);
      assert.equal(result.encoding, 'iso-8859-1');
      assert.match(result.diagnostics[0]?.message ?? '', /read as ISO-8859-1/);
    });

    // Detected by chardet; each reads differently from Windows-1252, so the default gives way.
    const detected: Array<[string, string]> = [
      [
        'windows-1251',
        'Жили-были дед да баба. Была у них курочка Ряба. Снесла курочка яичко, да не простое — золотое.\n',
      ],
      ['koi8-r', 'Жили-были дед да баба. Была у них курочка Ряба. Снесла курочка яичко, да не простое, а золотое.\n'],
      ['windows-1250', 'Zażółć gęślą jaźń. W Szczebrzeszynie chrząszcz brzmi w trzcinie.\nZażółć gęślą jaźń.\n'],
      ['windows-1254', '“Bir varmış bir yokmuş,” dedi. Şehrin ışıkları söndüğünde ağlarmış güzel kız.\n'],
      ['shift_jis', '昔々、ある所にお爺さんとお婆さんが住んでいました。\n'],
    ];
    for (const [encoding, text] of detected) {
      it(`detects ${encoding}`, () => {
        const result = decode(encoded(text, encoding));
        assert.equal(result.text, text);
        assert.equal(result.encoding, encoding);
        assert.deepEqual(rules(result), [['info', 'encoding/fallback', null]]);
      });
    }

    it('gives an empty text for no bytes or a byte-order mark alone', () => {
      assert.deepEqual(decode(), { text: '', encoding: 'utf-8', diagnostics: [] });
      assert.deepEqual(decode(0xef, 0xbb, 0xbf), { text: '', encoding: 'utf-8', diagnostics: [] });
    });
  });

  describe('declared charsets', () => {
    const russian = 'Жили-были дед да баба.\n';

    it('reads the charset of an HTML <meta http-equiv> when the bytes read cleanly in it', () => {
      const page =
        '<html><head>\r\n<meta http-equiv="Content-Type" content="text/html; charset=windows-1251">\r\n</head>\r\n';
      const result = decode(encoded(page + russian, 'windows-1251'));
      assert.equal(result.text, page.replace(/\r\n/g, '\n') + russian);
      assert.equal(result.encoding, 'windows-1251');
      assert.deepEqual(result.diagnostics, []);
      // The same bytes without the declaration are guessed otherwise: the declaration decided.
      const undeclared = decode(encoded(page.replace('charset=windows-1251', 'x=y') + russian, 'windows-1251'));
      assert.notEqual(undeclared.encoding, 'windows-1251');
    });

    it('reads <meta charset> in the first 2 KB only', () => {
      const polish = 'Zażółć gęślą jaźń.\n';
      assert.equal(decode(encoded(`<meta charset="iso-8859-2">\n${polish}`, 'iso-8859-2')).encoding, 'iso-8859-2');
      const late = decode(encoded(`${'x'.repeat(2100)}\n<meta charset="iso-8859-2">\n${polish}`, 'iso-8859-2'));
      assert.notEqual(late.text.slice(-polish.length), polish);
    });

    it('reads a Project Gutenberg "Character set encoding" line, as browsers read Latin-1 (Windows-1252)', () => {
      const text = 'Release Date: May 1901\nCharacter set encoding: ISO Latin-1\n\nHe said “hi” — and left…\n';
      const result = decode(encoded(text, 'windows-1252'));
      assert.deepEqual(result, { text, encoding: 'windows-1252', diagnostics: [] });
    });

    it('reads valid UTF-8 as UTF-8 whatever is declared, and names the line of the declaration', () => {
      const result = decode(utf8('Title: A\nCharacter set encoding: ISO-8859-1\n\nCafé “x”.\n'));
      assert.equal(result.text, 'Title: A\nCharacter set encoding: ISO-8859-1\n\nCafé “x”.\n');
      assert.equal(result.encoding, 'utf-8');
      assert.deepEqual(rules(result), [['info', 'encoding/declaration-ignored', 2]]);
      assert.match(result.diagnostics[0]?.message ?? '', /"ISO-8859-1", but the text is UTF-8/);
    });

    it('says nothing about a declaration when the text is plain ASCII (it agrees with any of them)', () => {
      assert.deepEqual(decode(utf8('<meta charset="windows-1251">\nplain\n')).diagnostics, []);
    });

    it('says nothing when a UTF-8 file declares UTF-8 in another spelling', () => {
      assert.deepEqual(decode(utf8('Character set encoding: Unicode UTF-8\n\nCafé\n')).diagnostics, []);
    });

    const wrong: Array<[string, string]> = [
      ['UTF-8', '<meta charset="utf-8">'],
      ['a charset whose reading has undefined bytes', '<meta charset="shift_jis">'],
      ['a charset ficbind does not know', '<meta charset="x-klingon">'],
    ];
    for (const [what, declaration] of wrong) {
      it(`detects the encoding when the file declares ${what} wrongly`, () => {
        const text = `${declaration}\n\nHe said “hi” — and café… él.\n`;
        const result = decode(encoded(text, 'windows-1252'));
        assert.equal(result.text, text);
        assert.equal(result.encoding, 'windows-1252');
        assert.deepEqual(rules(result), [
          ['info', 'encoding/declaration-ignored', 1],
          ['info', 'encoding/fallback', null],
        ]);
      });
    }
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
    [
      'UTF-16LE text without a BOM (half its bytes are NUL)',
      new Uint8Array(Buffer.from('Hello there, reader', 'utf16le')),
      false,
    ],
    ['UTF-16BE text without a BOM', new Uint8Array(iconv.encode('Hello there, reader', 'utf16be')), false],
    [
      'Cyrillic UTF-16LE without a BOM (NULs only in spaces and punctuation)',
      new Uint8Array(iconv.encode('Мы шли к морю, и ветер пел.\n', 'utf16le')),
      false,
    ],
    ['NULs in both bytes of the pairs (not UTF-16)', bytes(0x68, 0, 0, 0x69, 0, 0, 0x6a, 0, 0, 0x6b, 0, 0), true],
    ['Windows-1252 text', bytes(0x93, 0x48, 0x69, 0x94), false],
    ['a NUL after the first 8 KiB only', bytes(new Array<number>(9000).fill(0x61), 0), false],
    [
      'NULs over 1 % of the first 8 KiB',
      bytes(new Array<number>(8000).fill(0x61), new Array<number>(100).fill(0)),
      true,
    ],
    [
      'NULs under 1 % of the first 8 KiB',
      bytes(new Array<number>(8000).fill(0x61), new Array<number>(50).fill(0)),
      false,
    ],
  ];
  for (const [what, input, expected] of cases) {
    it(`${what} → ${expected}`, () => {
      assert.equal(looksBinary(input), expected);
    });
  }
});
