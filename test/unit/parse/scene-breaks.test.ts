import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { isSceneBreak } from '../../../src/parse/scene-breaks.js';

describe('isSceneBreak', () => {
  const breaks = [
    '~ ~ ~ ~',
    '~ ~ ~ ~ ~ ~ ~ ~',
    '* * *',
    '*  *  *',
    '\u00a0* * *\u00a0',
    '***',
    '#',
    '# # #',
    '---',
    '- - -',
    '—',
    '– – –',
    '=====',
    '+ + +',
    '• • •',
    '· · ·',
    '§',
    '†',
    '°°°',
    'o0o',
    '0o0',
    'OoO',
    'oOo',
    'o0o0o0',
    'xXx',
    'XxX',
    'xXxXxX',
    'xox',
    '-x-x-',
    '~o~',
    '~x~',
    '-o-',
    '=X=X=',
    '*~*o*~*',
    // A rule that runs the width of the page (a saved <hr>) is still a break.
    '_'.repeat(80),
    '-'.repeat(120),
  ];
  for (const line of breaks) {
    it(`${JSON.stringify(line.length > 30 ? `${line.slice(0, 10)}…(${line.length})` : line)} is a break`, () => {
      assert.equal(isSceneBreak(line), true);
    });
  }

  const notBreaks = [
    '...',
    '…',
    '. . .',
    'OK',
    'x',
    'X',
    'o',
    'Oh',
    'ooo', // three letters o: not one of the ornaments ficbind knows
    'OOO',
    'xx',
    'XXX',
    'O0O',
    '0',
    '- I said',
    '-- Ottilie',
    '* * * hello',
    '*word*',
    '“…”',
    '!!!',
    '???',
    '',
    '   ',
    '\u00a0',
  ];
  for (const line of notBreaks) {
    it(`${JSON.stringify(line.length > 30 ? `${line.slice(0, 10)}…(${line.length})` : line)} is not a break`, () => {
      assert.equal(isSceneBreak(line), false);
    });
  }
});
