import assert from 'node:assert/strict';
import { cp, mkdtemp, readFile, readdir, utimes } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, it } from 'node:test';
import { SAMPLES } from '../helpers/build.js';
import { runCli } from '../helpers/cli.js';

async function buildCopy(env: NodeJS.ProcessEnv, touch: boolean): Promise<Map<string, Buffer>> {
  const work = await mkdtemp(path.join(os.tmpdir(), 'ficbind-repro-'));
  await cp(SAMPLES, path.join(work, 'stories'), { recursive: true });
  if (touch) {
    // Different file times must not change the bytes when SOURCE_DATE_EPOCH is set.
    for (const name of await readdir(path.join(work, 'stories')))
      await utimes(path.join(work, 'stories', name), 1e9, 1e9);
  }
  const run = await runCli(['build'], { cwd: work, env });
  assert.equal(run.code, 0, run.stderr);
  const out = path.join(work, 'out');
  const books = new Map<string, Buffer>();
  for (const name of (await readdir(out)).sort()) books.set(name, await readFile(path.join(out, name)));
  return books;
}

describe('reproducible output', () => {
  it('gives byte-identical books from two folders, time zones and locales', async () => {
    const first = await buildCopy({ SOURCE_DATE_EPOCH: '1700000000', TZ: 'UTC', LANG: 'C' }, false);
    const second = await buildCopy(
      { SOURCE_DATE_EPOCH: '1700000000', TZ: 'Pacific/Kiritimati', LANG: 'tr_TR.UTF-8', LC_ALL: 'tr_TR.UTF-8' },
      true,
    );
    assert.deepEqual([...first.keys()], [...second.keys()]);
    assert.ok(first.size >= 4);
    for (const [name, bytes] of first) assert.ok(bytes.equals(second.get(name)!), `${name} is byte-identical`);
  });

  it('writes the date SOURCE_DATE_EPOCH gives into a fresh output folder', async () => {
    const a = await buildCopy({ SOURCE_DATE_EPOCH: '1700000000' }, false);
    const b = await buildCopy({ SOURCE_DATE_EPOCH: '1700000001' }, false);
    assert.deepEqual([...a.keys()], [...b.keys()]);
    assert.ok(a.size >= 4);
    for (const [name, bytes] of a) assert.ok(!bytes.equals(b.get(name)!), `${name} records its date`);
  });
});
