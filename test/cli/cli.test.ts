import assert from 'node:assert/strict';
import { cp, mkdtemp, readdir, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, it } from 'node:test';
import { SAMPLES } from '../helpers/build.js';
import { runCli } from '../helpers/cli.js';
import { openEpub } from '../helpers/epub.js';

const temp = (prefix: string): Promise<string> => mkdtemp(path.join(os.tmpdir(), `ficbind-${prefix}-`));

describe('ficbind build (the command line)', () => {
  it('builds the samples, printing one line per book and exiting 0', async () => {
    const out = await temp('cli-out');
    const run = await runCli(['build', SAMPLES, '-o', out]);
    assert.equal(run.code, 0, run.stderr);
    const written = run.stdout.split('\n').filter((l) => l.startsWith('wrote '));
    assert.equal(written.length, 4);
    assert.deepEqual((await readdir(out)).filter((f) => f.endsWith('.epub')).length, 4);
    assert.match(run.stdout, /salt-and-static\.txt:1: warning: no header block/);
    assert.match(run.stdout, /4 books written, 0 errors, 1 warning/);
  });

  it('uses stories/ and out/ in the current folder by default', async () => {
    const work = await temp('cli-defaults');
    await cp(path.join(SAMPLES, 'salt-and-static.txt'), path.join(work, 'stories', 'salt-and-static.txt'), {
      recursive: true,
    });
    const run = await runCli(['build'], { cwd: work });
    assert.equal(run.code, 0, run.stderr);
    assert.deepEqual((await readdir(path.join(work, 'out'))).sort(), ['.ficbind-books.json', 'Salt and Static.epub']);
  });

  it('shows help with examples', async () => {
    const run = await runCli(['build', '--help']);
    assert.equal(run.code, 0);
    assert.match(run.stdout, /--book <shape>/);
    assert.match(run.stdout, /Examples:/);
  });

  it('exits 2 for bad usage, naming what is wrong', async () => {
    const badShape = await runCli(['build', SAMPLES, '--book', 'chapter', '-o', await temp('x')]);
    assert.equal(badShape.code, 2);
    assert.match(badShape.stderr, /--book/);
    const badLanguage = await runCli(['build', SAMPLES, '--lang', 'not a language', '-o', await temp('x')]);
    assert.equal(badLanguage.code, 2);
    assert.match(badLanguage.stderr, /--lang: "not a language" is not a language code/);
    const missing = await runCli(['build', path.join(os.tmpdir(), 'ficbind-no-such-folder'), '-o', await temp('x')]);
    assert.equal(missing.code, 2);
    assert.match(missing.stderr, /input folder .*ficbind-no-such-folder" does not exist/);
    assert.doesNotMatch(missing.stderr, /\n\s+at /, 'no stack trace');
    const unknown = await runCli(['frobnicate']);
    assert.equal(unknown.code, 2);
    const badJobs = await runCli(['build', SAMPLES, '--jobs', '0', '-o', await temp('x')]);
    assert.equal(badJobs.code, 2);
    assert.match(badJobs.stderr, /--jobs: expected a whole number of 1 or more, got "0"/);
  });

  it('hands every build flag typed to the build', async () => {
    const input = await temp('cli-flags');
    const story = [
      'Title: Harbour Watch',
      'Author: Ines Harrow',
      '',
      '"Hold the lamp higher," said Maren -- twice...',
      '',
      'Photobucket - Video and Image Hosting',
      '',
      'The boats came home one by one, and she counted every one of them.',
      '',
      'A/N: Written on a train, so forgive the typos.',
    ];
    await writeFile(path.join(input, 'harbour.txt'), `${story.join('\n')}\n`);
    const out = await temp('cli-flags-out');
    const cache = await temp('cli-flags-cache');
    const flags = ['--lang', 'de', '--book', 'story', '--keep-junk', '--no-typography', '--notes', 'drop'];
    const run = await runCli([
      'build',
      input,
      '-o',
      out,
      ...flags,
      '--no-cover',
      '--kobo',
      '--cache',
      cache,
      '-j',
      '1',
    ]);
    assert.equal(run.code, 0, run.stdout + run.stderr);
    assert.deepEqual((await readdir(out)).sort(), [
      '.ficbind-books.json',
      'Harbour Watch.epub',
      'Harbour Watch.kepub.epub',
    ]);
    assert.notDeepEqual(await readdir(cache), [], '--cache: the cache is kept there');
    const book = await openEpub(path.join(out, 'Harbour Watch.epub'));
    assert.ok(!book.entries.some((e) => /cover/i.test(e)), '--no-cover');
    const opf = await book.text('EPUB/package.opf');
    assert.match(opf, /<dc:language>de<\/dc:language>/, '--lang');
    const text = (await Promise.all(book.entries.filter((e) => e.endsWith('.xhtml')).map(book.text))).join('\n');
    assert.match(text, /"Hold the lamp higher," said Maren -- twice\.\.\./, '--no-typography');
    assert.match(text, /Photobucket - Video and Image Hosting/, '--keep-junk');
    assert.doesNotMatch(text, /Written on a train/, '--notes drop');
  });

  it('exits 1 when one input cannot become a book, and still writes the others', async () => {
    const input = await temp('cli-mixed');
    await cp(path.join(SAMPLES, 'salt-and-static.txt'), path.join(input, 'salt-and-static.txt'));
    await writeFile(
      path.join(input, 'picture.txt'),
      Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]),
    );
    await writeFile(path.join(input, 'empty.txt'), '');
    const out = await temp('cli-mixed-out');
    const run = await runCli(['build', input, '-o', out]);
    assert.equal(run.code, 1);
    assert.match(run.stdout, /picture\.txt: error: this looks like a binary file/);
    assert.match(run.stdout, /empty\.txt.*error: no story text found/);
    assert.deepEqual((await readdir(out)).sort(), ['.ficbind-books.json', 'Salt and Static.epub']);
  });

  it('on a machine where sharp cannot load: --no-cover builds, and a drawn cover fails with the way out', async () => {
    // A module hook that refuses to resolve sharp, as on a platform its binaries do not support.
    const refuseSharp = `export async function resolve(specifier, context, next) { if (specifier === 'sharp') throw new Error('sharp: no binary for this platform'); return next(specifier, context); }`;
    const register = `import { register } from 'node:module'; register('data:text/javascript,' + encodeURIComponent(${JSON.stringify(refuseSharp)}));`;
    const nodeArgs = ['--import', `data:text/javascript,${encodeURIComponent(register)}`];
    const input = await temp('cli-no-sharp');
    await cp(path.join(SAMPLES, 'salt-and-static.txt'), path.join(input, 'salt-and-static.txt'));

    const plain = await temp('cli-no-sharp-plain');
    const withoutCovers = await runCli(['build', input, '-o', plain, '--no-cover', '--no-cache'], { nodeArgs });
    assert.equal(withoutCovers.code, 0, withoutCovers.stdout + withoutCovers.stderr);
    assert.deepEqual((await readdir(plain)).sort(), ['.ficbind-books.json', 'Salt and Static.epub']);

    const drawn = await temp('cli-no-sharp-drawn');
    const withCovers = await runCli(['build', input, '-o', drawn, '--no-cache'], { nodeArgs });
    assert.equal(withCovers.code, 1, withCovers.stdout + withCovers.stderr);
    assert.match(
      withCovers.stdout,
      /Salt and Static\.epub: error: could not make the book: sharp: no binary for this platform/,
    );
    assert.match(withCovers.stdout, /--no-cover/);
    assert.deepEqual(await readdir(drawn), [], 'no book without its cover, and no partial file');
  });

  it('--strict fails on warnings; --json prints the result for scripts', async () => {
    const strict = await runCli(['build', SAMPLES, '-o', await temp('strict'), '--strict']);
    assert.equal(strict.code, 1, 'the headerless sample warns');
    const json = await runCli(['build', SAMPLES, '-o', await temp('json'), '--json']);
    assert.equal(json.code, 0);
    const result = JSON.parse(json.stdout) as { books: Array<{ title: string }>; diagnostics: Array<{ rule: string }> };
    assert.equal(result.books.length, 4);
    assert.ok(result.diagnostics.some((d) => d.rule === 'header/missing'));
  });
});
