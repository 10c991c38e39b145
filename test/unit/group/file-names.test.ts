import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { safeFileName } from '../../../src/group/file-names.js';
import { slug } from '../../../src/text/slug.js';

const utf8Bytes = (text: string): number => new TextEncoder().encode(text).length;
const isWellFormed = (text: string): boolean =>
  !/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/.test(text);

describe('safeFileName', () => {
  describe('cases', () => {
    const cases: Array<[string, string]> = [
      ['The Lantern Road', 'The Lantern Road'],
      ["Don't Say I Never Warned You About the Tide", "Don't Say I Never Warned You About the Tide"],
      ['../etc/passwd', 'etc passwd'],
      ['..\\..\\Windows\\system32', 'Windows system32'],
      ['a/b:c*?"<>|', 'a b c'],
      ['What? No!', 'What No!'],
      ['Tab\there\nand line', 'Tab here and line'],
      ['NUL\u0000inside', 'NUL inside'],
      ['CON', 'CON (book)'],
      ['con', 'con (book)'],
      ['con.txt', 'con (book).txt'],
      ['Nul.Something', 'Nul (book).Something'],
      ['LPT1', 'LPT1 (book)'],
      ['COM10', 'COM10'],
      ['Console', 'Console'],
      ['Auxiliary', 'Auxiliary'],
      ['.hidden', 'hidden'],
      ['...Leading dots', 'Leading dots'],
      [' . . x', 'x'],
      ['Trailing dot.', 'Trailing dot'],
      ['Ellipsis...', 'Ellipsis'],
      ['  lots   of    space  ', 'lots of space'],
      ['', 'Untitled'],
      ['   ', 'Untitled'],
      ['...', 'Untitled'],
      ['/:*?', 'Untitled'],
      ['🦊 Fox Tale 🌙', '🦊 Fox Tale 🌙'],
      ['שלום עולם', 'שלום עולם'],
      ['ليلة القمر', 'ليلة القمر'],
      ['Café Crème', 'Café Crème'],
      ['Cafe\u0301', 'Caf\u00e9'],
      ['月の光', '月の光'],
    ];
    for (const [input, expected] of cases) {
      it(`${JSON.stringify(input)} → ${JSON.stringify(expected)}`, () => {
        assert.equal(safeFileName(input), expected);
      });
    }
  });

  describe('length', () => {
    it('cuts a 300-character title to 100 characters', () => {
      const name = safeFileName('x'.repeat(300));
      assert.equal(name, 'x'.repeat(100));
    });

    it('leaves no trailing space or dot where it cuts', () => {
      assert.equal(safeFileName(`${'a'.repeat(99)} b c d`), 'a'.repeat(99));
      assert.equal(safeFileName(`${'a'.repeat(99)}. more`), 'a'.repeat(99));
    });

    it('keeps a title of exactly 100 characters whole', () => {
      const title = `${'a'.repeat(95)} tale`;
      assert.equal(safeFileName(title), title);
    });

    it('never cuts an emoji in half', () => {
      const name = safeFileName(`${'a'.repeat(99)}🦊🦊`);
      assert.ok(isWellFormed(name), JSON.stringify(name.slice(-3)));
      assert.equal(name, 'a'.repeat(99));
    });

    it('stays within what file systems allow for long non-Latin titles', () => {
      for (const title of ['月'.repeat(150), '🦊'.repeat(150), 'ש'.repeat(300)]) {
        const name = safeFileName(title);
        assert.ok(isWellFormed(name));
        assert.ok(name.length <= 100, `${name.length} UTF-16 units`);
        // ".epub" and a " (2)" still fit in the 255 bytes ext4 and APFS allow.
        assert.ok(utf8Bytes(`${name} (2).epub`) <= 255, `${utf8Bytes(name)} bytes`);
        assert.ok(name.length > 0 && title.startsWith(name));
      }
    });
  });

  describe('suffix', () => {
    it('adds the suffix after a space', () => {
      assert.equal(safeFileName('Twin', '(2)'), 'Twin (2)');
      assert.equal(safeFileName('', '(2)'), 'Untitled (2)');
    });

    it('keeps the suffix when the title is cut', () => {
      const name = safeFileName('Long '.repeat(60), '(2)');
      assert.ok(name.endsWith(' (2)'), name);
      assert.ok(name.length <= 100);
      assert.notEqual(name, safeFileName('Long '.repeat(60), '(3)'));
    });

    it('makes the suffix safe too', () => {
      assert.equal(safeFileName('Twin', '(A/B: C)'), 'Twin (A B C)');
    });
  });

  it('gives names that are safe whatever the title', () => {
    const titles = [
      '../../x',
      'a\\b',
      '<script>',
      'CON.epub',
      '. ',
      ' .. ',
      'x'.repeat(500),
      '\u0000\u001f\u007f',
      'ok',
    ];
    for (const title of titles) {
      const name = safeFileName(title);
      // Control characters are exactly what must not be there.
      // eslint-disable-next-line no-control-regex
      assert.doesNotMatch(name, /[/\\:*?"<>|\u0000-\u001f\u007f]/, name);
      assert.doesNotMatch(name, /^[.\s]|[.\s]$/, name);
      assert.ok(name.length > 0 && name.length <= 100);
    }
  });
});

describe('slug', () => {
  const cases: Array<[string, string]> = [
    ["Don't Say I Never Warned", 'dont-say-i-never-warned'],
    ['Don’t Say I Never Warned You About the Tide', 'dont-say-i-never-warned-you-about-the-tide'],
    ['The Lantern Road', 'the-lantern-road'],
    ['the lantern road', 'the-lantern-road'],
    ['  The   Lantern---Road!  ', 'the-lantern-road'],
    ['Café Crème', 'cafe-creme'],
    ['Ünïcödé', 'unicode'],
    ['The “Quoted” Title', 'the-quoted-title'],
    ['Part 2: The Far Shore', 'part-2-the-far-shore'],
    ['ﬁne', 'fine'],
    ['月の光', '月の光'],
    ['🦊 fox', 'fox'],
    ['', ''],
    ['!!!', ''],
  ];
  for (const [input, expected] of cases) {
    it(`${JSON.stringify(input)} → ${JSON.stringify(expected)}`, () => {
      assert.equal(slug(input), expected);
    });
  }

  it('gives one slug for spellings that differ in case, apostrophes and punctuation', () => {
    assert.equal(slug('Rust and the Ribbon'), slug('  RUST and the ribbon!'));
    assert.equal(slug("Corvin's Story"), slug('Corvin’s story'));
  });
});
