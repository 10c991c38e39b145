import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { countBySeverity, failsRun, hasErrors, isProblem } from '../../../src/diagnostics/count.js';
import type { Diagnostic, Severity } from '../../../src/model/diagnostic.js';

const said = (severity: Severity): Diagnostic => ({ file: 'story.txt', rule: 'header/missing', severity, message: '' });

describe('counting diagnostics', () => {
  const mixed = [said('info'), said('warning'), said('error'), said('warning'), said('info'), said('info')];

  it('counts each severity once', () => {
    assert.deepEqual(countBySeverity(mixed), { errors: 1, warnings: 2, infos: 3 });
    assert.deepEqual(countBySeverity([]), { errors: 0, warnings: 0, infos: 0 });
  });

  it('takes errors and warnings as problems, infos not', () => {
    assert.deepEqual(
      mixed.filter(isProblem).map((d) => d.severity),
      ['warning', 'error', 'warning'],
    );
  });

  it('fails a run on an error, and on a warning only when strict', () => {
    assert.equal(hasErrors(mixed), true);
    assert.equal(failsRun([said('info'), said('warning')]), false);
    assert.equal(failsRun([said('info'), said('warning')], true), true);
    assert.equal(failsRun([said('info')], true), false);
    assert.equal(failsRun([said('error')]), true);
  });
});
