import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { decodeValueReferences } from '../../../src/text/character-references.js';

describe('decodeValueReferences: character references in a metadata value', () => {
  const cases: Array<[string, string]> = [
    ['The Keeper&#8217;s Lamp', 'The Keeper\u2019s Lamp'],
    ['&#x201C;Oil&#x201D;', '\u201COil\u201D'],
    ['Salt &amp; Pepper', 'Salt & Pepper'],
    // Named references of the full HTML5 set, not only the common few.
    ['caf&eacute; &ndash; &hellip; &NotNestedGreaterGreater;', 'caf\u00E9 \u2013 \u2026 \u2AA2\u0338'],
    // A site escaped the value twice: a title never means the code itself.
    ['A Keeper&amp;rsquo;s Night', 'A Keeper\u2019s Night'],
    // Not references: left as typed.
    ['AT&T; &copy 2024; 5 & 6', 'AT&T; &copy 2024; 5 & 6'],
    // A reference to a character no XML document may hold carries no text.
    ['Bell&#1;s', 'Bells'],
  ];
  for (const [value, want] of cases) it(JSON.stringify(value), () => assert.equal(decodeValueReferences(value), want));
});
