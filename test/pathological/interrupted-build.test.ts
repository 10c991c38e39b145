import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtemp, readdir } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, it } from 'node:test';
import { REPO_ROOT } from '../helpers/build.js';
import { runCli } from '../helpers/cli.js';
import { openEpub } from '../helpers/epub.js';
import { story, writeStories } from '../helpers/library.js';
import { assertBookStructure } from '../helpers/structure.js';

const BOOKS = 12;

async function completeBooks(out: string): Promise<string[]> {
  const books = (await readdir(out)).filter((name) => name.endsWith('.epub'));
  for (const name of books) await assertBookStructure(await openEpub(path.join(out, name)));
  return books;
}

describe('an interrupted build', () => {
  it('never leaves a truncated book in out/, and the next build finishes the job', async () => {
    const prose = Array.from(
      { length: 40_000 },
      (_, i) => `Line ${i} of the long night, and the keeper kept the lamp.`,
    ).join('\n\n');
    const input = await writeStories(
      Object.fromEntries(Array.from({ length: BOOKS }, (_, i) => [`s${i}.txt`, story(`Night ${i}`, prose)])),
    );
    const out = await mkdtemp(path.join(os.tmpdir(), 'ficbind-killed-'));

    const child = spawn(
      process.execPath,
      ['--import', import.meta.resolve('tsx'), path.join(REPO_ROOT, 'src/cli/main.ts'), 'build', input, '-o', out],
      {
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    // Kill hard once the first book is in out/: the run is then in the middle of the others.
    const watcher = setInterval(() => {
      void readdir(out).then((names) => {
        if (names.some((name) => name.endsWith('.epub'))) child.kill('SIGKILL');
      });
    }, 10);
    await new Promise<void>((resolve) => child.on('close', () => resolve()));
    clearInterval(watcher);
    assert.equal(child.signalCode, 'SIGKILL', 'the build was killed, not finished');
    const survivors = await completeBooks(out);
    assert.ok(survivors.length >= 1 && survivors.length < BOOKS, `some books, not all: ${survivors.length}`);

    const again = await runCli(['build', input, '-o', out]);
    assert.equal(again.code, 0, again.stderr);
    assert.equal((await completeBooks(out)).length, BOOKS);
    assert.deepEqual(
      (await readdir(out)).filter((name) => !name.endsWith('.epub') && name !== '.ficbind-books.json'),
      [],
      'no temporary file is left behind',
    );
  });
});
