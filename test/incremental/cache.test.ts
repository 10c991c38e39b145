import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { appendFile, mkdtemp, readdir, readFile, rm, stat, utimes, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { build, type BuildOptions } from '../../src/index.js';
import { BuildCache } from '../../src/build/cache/build-cache.js';
import { findStories, readStoryText } from '../../src/build/discover.js';
import type { FoundSource } from '../../src/model/source.js';
import { resolveOptions } from '../../src/config/options.js';
import { parseInto } from '../../src/build/story-store.js';
import { FIXED_EPOCH, REPO_ROOT } from '../helpers/build.js';
import { story, writeStories } from '../helpers/library.js';

/** A library of three small stories, an output folder and a cache folder, all fresh. */
async function library(): Promise<{ input: string; out: string; cache: string; options: Partial<BuildOptions> }> {
  const input = await writeStories({
    'harbour.txt': story('Harbour Lights'),
    'orchard.txt': story('The Orchard'),
    'tower.txt': story('The Tower'),
  });
  const out = await mkdtemp(path.join(os.tmpdir(), 'ficbind-out-'));
  const cache = await mkdtemp(path.join(os.tmpdir(), 'ficbind-cache-'));
  // No generated covers: the test is about what is rebuilt, not about covers, and stays fast.
  return {
    input,
    out,
    cache,
    options: { input, out, cache, cover: false, covers: path.join(input, 'none'), sourceDateEpoch: FIXED_EPOCH },
  };
}

/** Each book's file identity and time, to see which were rewritten. */
async function fingerprints(files: readonly string[]): Promise<Map<string, string>> {
  const entries = await Promise.all(
    files.map(async (f) => [path.basename(f), `${(await stat(f)).ino}:${(await stat(f)).mtimeMs}`] as const),
  );
  return new Map(entries);
}

describe('incremental builds (content-hash cache)', () => {
  it('a second build with nothing changed rewrites no book', async () => {
    const { options } = await library();
    const first = await build(options);
    assert.equal(first.books.length, 3);
    assert.ok(first.books.every((b) => !b.upToDate));
    const before = await fingerprints(first.books.map((b) => b.path));
    const second = await build(options);
    assert.deepEqual(
      second.books.map((b) => b.upToDate),
      [true, true, true],
    );
    assert.deepEqual(await fingerprints(second.books.map((b) => b.path)), before, 'no book file was touched');
    assert.deepEqual(second.diagnostics, first.diagnostics, 'the same report, from the cache');
  });

  it('a changed story rebuilds only its book', async () => {
    const { input, options } = await library();
    const first = await build(options);
    const before = await fingerprints(first.books.map((b) => b.path));
    await appendFile(path.join(input, 'orchard.txt'), '\nA new paragraph, added later.\n');
    const second = await build(options);
    const rebuilt = second.books.filter((b) => !b.upToDate).map((b) => b.title);
    assert.deepEqual(rebuilt, ['The Orchard']);
    const after = await fingerprints(second.books.map((b) => b.path));
    assert.notEqual(after.get('The Orchard.epub'), before.get('The Orchard.epub'));
    assert.equal(after.get('The Tower.epub'), before.get('The Tower.epub'));
    // And the rebuilt book is the one a build without a cache makes.
    const fresh = await build({ ...options, out: await mkdtemp(path.join(os.tmpdir(), 'ficbind-out-')), cache: false });
    const orchard = (r: typeof second) => r.books.find((b) => b.title === 'The Orchard')!.path;
    assert.deepEqual(await readFile(orchard(second)), await readFile(orchard(fresh)));
  });

  it('rebuilds a book deleted or changed by hand, and every book when an option changes what it holds', async () => {
    const { options } = await library();
    const first = await build(options);
    await rm(first.books[0]!.path);
    await writeFile(first.books[1]!.path, 'not a book any more');
    const second = await build(options);
    assert.deepEqual(
      second.books.map((b) => b.upToDate),
      [false, false, true],
    );
    const third = await build({ ...options, language: 'de' });
    assert.deepEqual(
      third.books.map((b) => b.upToDate),
      [false, false, false],
    );
  });

  it('a rebuild reads no chapters of a story whose book is up to date', async () => {
    const { cache, options } = await library();
    const first = await build(options);
    // Chapters are kept apart from what grouping needs; take them all away.
    const chapterFiles = (await readdir(cache, { recursive: true })).map(String).filter((f) => f.endsWith('.chapters'));
    assert.equal(chapterFiles.length, 3);
    await Promise.all(chapterFiles.map((f) => rm(path.join(cache, f))));
    const second = await build(options);
    assert.equal(second.failed, false);
    assert.deepEqual(
      second.books.map((b) => b.upToDate),
      [true, true, true],
    );
    assert.deepEqual(
      second.books.map((b) => [b.chapters, b.words]),
      first.books.map((b) => [b.chapters, b.words]),
      'chapter and word counts come from the cache',
    );
  });

  it('a book whose chapters the cache lost is reported and not written, and the next build makes it', async () => {
    const { cache, options } = await library();
    const first = await build(options);
    const chapterFiles = (await readdir(cache, { recursive: true })).map(String).filter((f) => f.endsWith('.chapters'));
    await Promise.all(chapterFiles.map((f) => rm(path.join(cache, f))));
    const tower = first.books.find((b) => b.title === 'The Tower')!.path;
    await rm(tower);
    const second = await build(options);
    assert.equal(second.failed, true);
    const lost = second.diagnostics.filter((d) => d.rule === 'cache/lost');
    assert.deepEqual(
      lost.map((d) => d.file),
      ['tower.txt'],
    );
    assert.match(lost[0]!.hint ?? '', /again/);
    assert.equal(await stat(tower).catch(() => undefined), undefined, 'no book written from missing chapters');
    const third = await build(options);
    assert.equal(third.failed, false);
    assert.deepEqual(
      third.books.map((b) => [b.title, b.upToDate]),
      [
        ['Harbour Lights', true],
        ['The Orchard', true],
        ['The Tower', false],
      ],
    );
  });

  it('a build without a cache sets chapters aside in a temporary folder of its own, and removes it', async () => {
    const { options } = await library();
    const temporary = await mkdtemp(path.join(os.tmpdir(), 'ficbind-tmp-'));
    const before = process.env.TMPDIR;
    process.env.TMPDIR = temporary;
    const seen: string[][] = [];
    try {
      const result = await build(
        { ...options, cache: false },
        {
          onEvent: (event) =>
            void (
              event.kind === 'book-started' &&
              seen.push(
                readdirSync(temporary).map((name) => `${name}: ${readdirSync(path.join(temporary, name)).length}`),
              )
            ),
        },
      );
      assert.equal(result.failed, false);
      assert.equal(result.books.length, 3);
    } finally {
      if (before === undefined) delete process.env.TMPDIR;
      else process.env.TMPDIR = before;
    }
    // While books are made: one folder, holding the three stories' chapters.
    assert.ok(
      seen.length === 3 && seen.every((names) => names.length === 1 && /^ficbind-build-\S+: 3$/.test(names[0]!)),
      JSON.stringify(seen),
    );
    assert.deepEqual(await readdir(temporary), [], 'removed when the build ends');
  });

  it('a story whose files are unchanged is taken from the cache without reading its text again', async () => {
    const { input, cache } = await library();
    const store = { cache: await BuildCache.open(cache), code: 'test' };
    const options = resolveOptions({ input });
    const { sources } = await findStories(input);
    let reads = 0;
    const parse = (found: FoundSource) =>
      parseInto(store, found, options, () => (reads++, readStoryText(input, found)));
    const first = await Promise.all(sources.map(parse));
    assert.equal(reads, 3);
    const again = await Promise.all((await findStories(input)).sources.map(parse));
    assert.equal(reads, 3, 'no text read for the second parse');
    assert.deepEqual(
      again.map((p) => p.head?.meta.title),
      first.map((p) => p.head?.meta.title),
    );
    await appendFile(path.join(input, 'tower.txt'), '\nThe bell rang once more.\n');
    await Promise.all((await findStories(input)).sources.map(parse));
    assert.equal(reads, 4, 'only the changed story is read');
  });

  it('a rebuild does not read a story file whose size, date and inode are unchanged (as git and make trust them)', async () => {
    const { input, options } = await library();
    const file = path.join(input, 'tower.txt');
    const date = new Date('2024-05-01T12:00:00Z');
    await utimes(file, date, date);
    await build(options);
    // Other words of the same length, the same date: a build that trusts the file's stat does not look.
    await writeFile(file, (await readFile(file, 'utf8')).replace('The Tower', 'The Power'));
    await utimes(file, date, date);
    const second = await build(options);
    assert.deepEqual(
      second.books.map((b) => [b.title, b.upToDate]),
      [
        ['Harbour Lights', true],
        ['The Orchard', true],
        ['The Tower', true],
      ],
    );
    // A new date: the file is read again, and its book made anew.
    await utimes(file, date, new Date('2024-05-02T12:00:00Z'));
    const third = await build(options);
    assert.deepEqual(
      third.books.map((b) => [b.title, b.upToDate]),
      [
        ['Harbour Lights', true],
        ['The Orchard', true],
        ['The Power', false],
      ],
    );
  });

  it('a damaged cache is ignored, never trusted', async () => {
    const { cache, options } = await library();
    await build(options);
    await writeFile(path.join(cache, 'manifest.json'), '{ broken');
    const second = await build(options);
    assert.equal(second.failed, false);
    assert.deepEqual(
      second.books.map((b) => b.upToDate),
      [false, false, false],
    );
  });
});

describe('ficbind build --watch', () => {
  // The timeout only guards against a watcher that hangs (it is killed through t.signal); the
  // test claims nothing about speed.
  it('rebuilds the book whose story changed, then stops cleanly on SIGINT', { timeout: 300_000 }, async (t) => {
    const { input, out, cache } = await library();
    const child = spawn(
      process.execPath,
      [
        '--import',
        import.meta.resolve('tsx'),
        path.join(REPO_ROOT, 'src/cli/main.ts'),
        'build',
        input,
        '-o',
        out,
        '--cache',
        cache,
        '--no-cover',
        '--watch',
      ],
      {
        stdio: ['ignore', 'pipe', 'pipe'],
        env: { ...process.env, SOURCE_DATE_EPOCH: String(FIXED_EPOCH) },
        signal: t.signal,
      },
    );
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    child.on('error', (error) => (stderr += `\n${error.message}`)); // e.g. killed by the hang guard
    const exited = new Promise<number | null>((resolve) => child.on('close', resolve));
    // Waits on the watcher's own output, and fails as soon as it exits instead: no clock involved.
    const waitFor = (what: () => boolean, label: string): Promise<void> =>
      new Promise((resolve, reject) => {
        const check = () => {
          if (!what()) return;
          stopListening();
          resolve();
        };
        const exitedFirst = () => {
          stopListening();
          reject(new Error(`the watcher exited before ${label}\nstdout: ${stdout}\nstderr: ${stderr}`));
        };
        const stopListening = () => {
          child.stdout.off('data', check);
          child.stderr.off('data', check);
          child.off('close', exitedFirst);
        };
        child.stdout.on('data', check);
        child.stderr.on('data', check);
        child.on('close', exitedFirst);
        check();
      });
    try {
      await waitFor(() => stderr.includes('watching'), 'the first build');
      assert.equal(stdout.match(/^wrote /gm)?.length, 3);
      const mark = stdout.length;
      await appendFile(path.join(input, 'tower.txt'), '\nThe bell rang once more.\n');
      await waitFor(() => /books? written/.test(stdout.slice(mark)), 'the rebuild');
      const rebuild = stdout.slice(mark);
      assert.match(rebuild, /^wrote .*The Tower\.epub/m);
      assert.equal(rebuild.match(/^wrote /gm)?.length, 1, rebuild);
      assert.match(rebuild, /1 book written, 2 up to date/);
    } finally {
      child.kill('SIGINT');
    }
    assert.equal(await exited, 0);
  });
});
