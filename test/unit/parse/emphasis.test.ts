import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { parseEmphasis, parseParagraphEmphasis } from '../../../src/parse/emphasis.js';
import type { Inline } from '../../../src/model/story.js';

const t = (text: string): Inline => ({ kind: 'text', text });
const em = (text: string): Inline => ({ kind: 'em', text });

/**
 * Walks the input along the inlines: each text run must be the next slice of the input, each
 * emphasised run the next slice wrapped in one marker on either side. Returns the markers removed.
 */
function markersRemoved(input: string, inlines: readonly Inline[]): string {
  let pos = 0;
  let removed = '';
  for (const inline of inlines) {
    if (inline.kind === 'text') {
      assert.equal(
        input.slice(pos, pos + inline.text.length),
        inline.text,
        `text run at ${pos} of ${JSON.stringify(input)}`,
      );
      pos += inline.text.length;
    } else {
      const marker = input[pos] as string;
      assert.ok(
        marker === '*' || marker === '_',
        `emphasis at ${pos} of ${JSON.stringify(input)} opens with ${JSON.stringify(marker)}`,
      );
      assert.equal(input.slice(pos + 1, pos + 1 + inline.text.length), inline.text);
      assert.equal(
        input[pos + 1 + inline.text.length],
        marker,
        `emphasis at ${pos} of ${JSON.stringify(input)} closes with its marker`,
      );
      removed += marker + marker;
      pos += inline.text.length + 2;
    }
  }
  assert.equal(pos, input.length, `all of ${JSON.stringify(input)} accounted for`);
  return removed;
}

/** Small deterministic generator (mulberry32), so a failure can be reproduced. */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let r = Math.imul(a ^ (a >>> 15), 1 | a);
    r = (r + Math.imul(r ^ (r >>> 7), 61 | r)) ^ r;
    return ((r ^ (r >>> 14)) >>> 0) / 4294967296;
  };
}

describe('parseEmphasis', () => {
  describe('emphasis', () => {
    const cases: Array<[string, Inline[]]> = [
      ['*word*', [em('word')]],
      ['_word_', [em('word')]],
      ['She was *very* sure.', [t('She was '), em('very'), t(' sure.')]],
      ['She was _very_ sure.', [t('She was '), em('very'), t(' sure.')]],
      ['*several words at once*', [em('several words at once')]],
      ['*Start* of the line', [em('Start'), t(' of the line')]],
      ['end of the *line*', [t('end of the '), em('line')]],
      ['I *really* _do_ care', [t('I '), em('really'), t(' '), em('do'), t(' care')]],
      ['*one* *two*', [em('one'), t(' '), em('two')]],
      ['would she *accept* his help?', [t('would she '), em('accept'), t(' his help?')]],
      ['*word*,', [em('word'), t(',')]],
      ['*word*.', [em('word'), t('.')]],
      ['*word*!', [em('word'), t('!')]],
      ['*word*…', [em('word'), t('…')]],
      ['*word*”', [em('word'), t('”')]],
      ['“*word*”', [t('“'), em('word'), t('”')]],
      ['“*Not now*,” he said.', [t('“'), em('Not now'), t(',” he said.')]],
      ['‘_Why_?’', [t('‘'), em('Why'), t('?’')]],
      ['(*aside*)', [t('('), em('aside'), t(')')]],
      ['—*then*—', [t('—'), em('then'), t('—')]],
      ['*word.*', [em('word.')]],
      ['*…*', [em('…')]],
      ['*Rust and the Ribbon*’s sequel', [em('Rust and the Ribbon'), t('’s sequel')]],
      ['*Wynn.* She’d *laughed*.', [em('Wynn.'), t(' She’d '), em('laughed'), t('.')]],
      ['*a* b *c* d *e*', [em('a'), t(' b '), em('c'), t(' d '), em('e')]],
    ];
    for (const [input, expected] of cases) {
      it(JSON.stringify(input), () => {
        assert.deepEqual(parseEmphasis(input), expected);
      });
    }
  });

  describe('left as text', () => {
    const cases = [
      'plain text',
      'snake_case_names',
      'a_variable_name and another_one',
      'file_name_.txt',
      '2 * 3 * 4',
      '2*3*4',
      'an *unmatched star',
      'an unmatched star*',
      'trailing _ underscore',
      'mid*dle*word',
      'word*s* here',
      '* not emphasis *',
      '*a * b*',
      '*a*b*',
      '*',
      '**',
      '***',
      '_ _',
      '*_mixed*_',
    ];
    for (const input of cases) {
      it(JSON.stringify(input), () => {
        assert.deepEqual(parseEmphasis(input), [t(input)]);
      });
    }

    it('gives no runs for an empty string', () => {
      assert.deepEqual(parseEmphasis(''), []);
    });
  });

  describe('doubled markers (**bold**, __bold__)', () => {
    // Not bold: the inner pair becomes emphasis and the outer markers stay, so nothing is lost.
    it('keeps every character of **bold**', () => {
      assert.deepEqual(parseEmphasis('**bold**'), [t('*'), em('bold'), t('*')]);
    });
    it('keeps every character of __bold__ text', () => {
      assert.deepEqual(parseEmphasis('__bold__ text'), [t('_'), em('bold'), t('_ text')]);
    });
    it('keeps every character of a **sentence with bold** in it', () => {
      const input = 'a **sentence with bold** in it';
      const inlines = parseEmphasis(input);
      assert.equal(markersRemoved(input, inlines), '**');
      assert.equal(inlines.map((i) => i.text).join(''), 'a *sentence with bold* in it');
    });
  });

  describe('properties', () => {
    const alphabet = [
      'a',
      'b',
      'Z',
      'é',
      ' ',
      ' ',
      ' ',
      '*',
      '*',
      '_',
      '.',
      ',',
      '…',
      '“',
      '”',
      '’',
      '2',
      '-',
      '\u00a0',
    ];
    const rand = random(20240611);
    const inputs: string[] = [];
    for (let n = 0; n < 3000; n++) {
      const length = Math.floor(rand() * 24);
      inputs.push(Array.from({ length }, () => alphabet[Math.floor(rand() * alphabet.length)]).join(''));
    }

    it('accounts for every character: runs plus removed markers rebuild the input exactly', () => {
      for (const input of inputs) markersRemoved(input, parseEmphasis(input));
    });

    it('never loses a letter', () => {
      const letters = (s: string): string => s.replace(/[^\p{L}\p{N}]/gu, '');
      for (const input of inputs) {
        const inlines = parseEmphasis(input);
        assert.equal(letters(inlines.map((i) => i.text).join('')), letters(input), JSON.stringify(input));
      }
    });

    it('gives no empty runs and never two text runs in a row', () => {
      for (const input of inputs) {
        const inlines = parseEmphasis(input);
        assert.ok(
          inlines.every((i) => i.text.length > 0),
          JSON.stringify(input),
        );
        assert.ok(
          inlines.every((i, k) => k === 0 || i.kind === 'em' || inlines[k - 1]?.kind === 'em'),
          JSON.stringify(input),
        );
      }
    });

    it('finds emphasis in some of the generated inputs (the generator is not vacuous)', () => {
      const withEm = inputs.filter((input) => parseEmphasis(input).some((i) => i.kind === 'em'));
      assert.ok(withEm.length > 50, `only ${withEm.length} inputs had emphasis`);
    });
  });
});

/** Lines joined as a paragraph is: one space between, with where each line starts. */
function joined(lines: string[], wrapped = false) {
  const lineStarts: number[] = [];
  let at = 0;
  lines.forEach((line, i) => {
    if (i > 0) lineStarts.push(at);
    at += line.length + 1;
  });
  return { text: lines.join(' '), lineStarts, wrapped };
}

describe('parseParagraphEmphasis', () => {
  it('reads emphasis within a line as parseEmphasis does, and reports nothing', () => {
    const result = parseParagraphEmphasis(joined(['She was *very* sure,', 'and _so_ was he.']));
    assert.deepEqual(result.inlines, [t('She was '), em('very'), t(' sure, and '), em('so'), t(' was he.')]);
    assert.deepEqual(result.unbalanced, []);
  });

  it('reports a marker that opens and never closes, keeping it as text', () => {
    const input = joined(['*an unclosed marker that runs on', 'across the paragraph, and *one* more.']);
    const result = parseParagraphEmphasis(input);
    assert.deepEqual(result.inlines, [
      t('*an unclosed marker that runs on across the paragraph, and '),
      em('one'),
      t(' more.'),
    ]);
    assert.deepEqual(result.unbalanced, [{ at: 0, marker: '*' }]);
  });

  it('keeps a span over a line end as text when it is part of the paragraph, and reports it', () => {
    const input = joined(['The _half', 'of it that was emphasis_ and the rest.']);
    const result = parseParagraphEmphasis(input);
    assert.deepEqual(result.inlines, [t(input.text)]);
    assert.deepEqual(result.unbalanced, [{ at: 4, marker: '_', closeAt: 33 }]);
  });

  it('takes a whole paragraph in emphasis over its lines', () => {
    const result = parseParagraphEmphasis(joined(['“*Dear Ellis, the lamp', 'is lit again.*”']));
    assert.deepEqual(result.inlines, [t('“'), em('Dear Ellis, the lamp is lit again.'), t('”')]);
    assert.deepEqual(result.unbalanced, []);
  });

  it('takes a short phrase over a line end in hard-wrapped prose, not a long one', () => {
    const short = parseParagraphEmphasis(joined(['He folded the _Harbour', 'Gazette_ and set it down.'], true));
    assert.deepEqual(short.inlines, [t('He folded the '), em('Harbour Gazette'), t(' and set it down.')]);
    const long = joined(
      ['She said _that one and two and three and four and five', 'and six and seven and eight_ were all.'],
      true,
    );
    const result = parseParagraphEmphasis(long);
    assert.deepEqual(result.inlines, [t(long.text)]);
    assert.equal(result.unbalanced.length, 1);
    // The same short phrase in lines that are not hard-wrapped is broken emphasis.
    assert.equal(
      parseParagraphEmphasis(joined(['He folded the _Harbour', 'Gazette_ and set it down.'])).unbalanced.length,
      1,
    );
  });

  it('leaves explicit marks from HTML alone', () => {
    const result = parseParagraphEmphasis({ text: '\uE000a b\uE001 c *d', lineStarts: [2], wrapped: false });
    assert.deepEqual(result.inlines, [em('a b'), t(' c *d')]);
    assert.deepEqual(result.unbalanced, []);
  });

  it('rebuilds every input exactly from its runs, as parseEmphasis does', () => {
    const rand = random(77);
    const alphabet = ['a', 'b', ' ', ' ', '*', '_', '.', '“'];
    let unbalancedSeen = 0;
    for (let n = 0; n < 2000; n++) {
      const lines = Array.from(
        { length: 1 + Math.floor(rand() * 3) },
        () =>
          Array.from({ length: 1 + Math.floor(rand() * 10) }, () => alphabet[Math.floor(rand() * alphabet.length)])
            .join('')
            .trim() || 'x',
      );
      const input = joined(lines, rand() < 0.5);
      const { inlines, unbalanced } = parseParagraphEmphasis(input);
      markersRemoved(input.text, inlines);
      for (const u of unbalanced) assert.ok(input.text[u.at] === u.marker, JSON.stringify(input));
      unbalancedSeen += unbalanced.length;
    }
    assert.ok(unbalancedSeen > 0, 'some inputs had unbalanced markers to check');
  });
});
