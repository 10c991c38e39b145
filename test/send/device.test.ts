import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdir, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { before, describe, it } from 'node:test';
import JSZip from 'jszip';
import { sendToDevice } from '../../src/index.js';
import { SAMPLES, buildInto, type BuiltLibrary } from '../helpers/build.js';
import { runCli } from '../helpers/cli.js';

const temp = (prefix: string): Promise<string> => mkdtemp(path.join(os.tmpdir(), `ficbind-${prefix}-`));

async function kobo(): Promise<string> {
  const root = await temp('kobo');
  await mkdir(path.join(root, '.kobo'));
  return root;
}

async function kindle(): Promise<string> {
  const root = await temp('kindle');
  await mkdir(path.join(root, 'documents'));
  await mkdir(path.join(root, 'system'));
  return root;
}

const visible = async (folder: string): Promise<string[]> =>
  (await readdir(folder)).filter((name) => !name.startsWith('.')).sort();

let withKepubs: BuiltLibrary;
let epubsOnly: BuiltLibrary;

describe('ficbind send over USB', { timeout: 120_000 }, () => {
  before(async () => {
    withKepubs = await buildInto(SAMPLES, { kobo: true });
    epubsOnly = await buildInto(SAMPLES);
  });

  it("copies each book's KEPUB onto a Kobo, byte for byte, keeps a record, and skips them the next time", async () => {
    const device = await kobo();
    const first = await sendToDevice({ from: withKepubs.out, device });
    assert.match(first.destination, /Kobo/);
    assert.equal(first.sent.length, 4);
    assert.deepEqual(first.diagnostics, []);
    const expected = (await readdir(withKepubs.out)).filter((n) => n.endsWith('.kepub.epub')).sort();
    assert.deepEqual(await visible(device), expected);
    for (const name of expected)
      assert.ok(
        (await readFile(path.join(device, name))).equals(await readFile(path.join(withKepubs.out, name))),
        name,
      );
    assert.deepEqual(
      (await readdir(device)).sort(),
      ['.ficbind-sent.json', '.kobo', ...expected].sort(),
      'no temporary file left',
    );
    const second = await sendToDevice({ from: withKepubs.out, device });
    assert.equal(second.sent.length, 0);
    assert.equal(second.unchanged.length, 4);
  });

  it('makes the KEPUB when the build wrote none, the same bytes as build --kobo', async () => {
    const device = await kobo();
    const result = await sendToDevice({ from: epubsOnly.out, device });
    assert.equal(result.sent.length, 4);
    for (const name of await visible(device)) {
      const made = await readFile(path.join(device, name));
      assert.ok(made.equals(await readFile(path.join(withKepubs.out, name))), `${name} is what build --kobo writes`);
    }
  });

  it('never replaces a file it did not write, nor one changed on the device since; replaces its own when the book changed', async () => {
    const device = await kobo();
    const theirs = path.join(device, 'Salt and Static.kepub.epub');
    await writeFile(theirs, 'a book the user put here');
    const first = await sendToDevice({ from: withKepubs.out, device });
    assert.equal(first.sent.length, 3);
    assert.equal(await readFile(theirs, 'utf8'), 'a book the user put here');
    const warning = first.diagnostics.find((d) => d.rule === 'send/not-ours');
    assert.ok(warning && warning.file === theirs && warning.severity === 'warning');

    // The user edits a copy ficbind wrote: from then on it is theirs.
    const edited = path.join(device, 'The Paper Garden.kepub.epub');
    await writeFile(edited, 'annotated by hand');
    // A book changes in out/: ficbind replaces its own unchanged copy.
    const lantern = path.join(withKepubs.out, 'The Lantern Road.kepub.epub');
    const original = await readFile(lantern);
    const changed = await JSZip.loadAsync(original);
    changed.file('EPUB/extra.txt', 'a change');
    await writeFile(lantern, await changed.generateAsync({ type: 'nodebuffer' }));
    try {
      const second = await sendToDevice({ from: withKepubs.out, device });
      assert.deepEqual(
        second.sent.map((b) => b.title),
        ['The Lantern Road'],
      );
      assert.ok((await readFile(path.join(device, 'The Lantern Road.kepub.epub'))).equals(await readFile(lantern)));
      assert.equal(await readFile(edited, 'utf8'), 'annotated by hand');
      assert.equal(await readFile(theirs, 'utf8'), 'a book the user put here');
    } finally {
      await writeFile(lantern, original);
    }
  });

  it('copies the EPUBs into any other folder', async () => {
    const folder = await temp('folder');
    const result = await sendToDevice({ from: epubsOnly.out, device: folder });
    assert.equal(result.sent.length, 4);
    for (const name of await visible(folder))
      assert.ok((await readFile(path.join(folder, name))).equals(await readFile(path.join(epubsOnly.out, name))));
  });

  it('on a Kindle without calibre, copies nothing and points to --kindle', async () => {
    const device = await kindle();
    const result = await sendToDevice({
      from: epubsOnly.out,
      device,
      ebookConvert: path.join(device, 'no-such-ebook-convert'),
    });
    assert.equal(result.sent.length, 0);
    const error = result.diagnostics.find((d) => d.severity === 'error');
    assert.equal(error?.rule, 'send/no-kindle-converter');
    assert.match(error?.hint ?? '', /--kindle/);
    assert.deepEqual(await readdir(path.join(device, 'documents')), []);
  });

  it('on a Kindle whose converter fails on a book, reports that book and writes nothing for it', async () => {
    const device = await kindle();
    // A converter that answers as calibre does when asked its version, and fails on every book.
    const converter = path.join(device, 'failing-ebook-convert');
    await writeFile(
      converter,
      '#!/bin/sh\n[ "$1" = --version ] && exit 0\necho "Conversion error: no spine" >&2\nexit 1\n',
      {
        mode: 0o755,
      },
    );
    const result = await sendToDevice({ from: epubsOnly.out, device, ebookConvert: converter });
    assert.equal(result.sent.length, 0);
    const failures = result.diagnostics.filter((d) => d.rule === 'send/convert-failed');
    assert.equal(failures.length, 4, 'one report per book');
    assert.ok(failures.every((d) => d.severity === 'error' && d.file.endsWith('.epub')));
    assert.match(failures[0]?.message ?? '', /no spine/);
    assert.deepEqual(
      (await readdir(path.join(device, 'documents'))).filter((n) => !n.startsWith('.')),
      [],
      'no book written',
    );
  });

  it('with a damaged record on the device, leaves every file already there as it is and says so', async () => {
    const device = await kobo();
    await writeFile(path.join(device, '.ficbind-sent.json'), '{ this is not json');
    const kepubs = (await readdir(withKepubs.out)).filter((n) => n.endsWith('.kepub.epub')).sort();
    const theirs = kepubs[0] as string;
    await writeFile(path.join(device, theirs), 'a book the reader put here');
    const result = await sendToDevice({ from: withKepubs.out, device });
    const rules = result.diagnostics.map((d) => d.rule);
    assert.ok(rules.includes('send/damaged-record'), rules.join(', '));
    assert.ok(rules.includes('send/not-ours'), rules.join(', '));
    assert.equal(await readFile(path.join(device, theirs), 'utf8'), 'a book the reader put here');
    assert.equal(result.sent.length, kepubs.length - 1);
  });

  it(
    'on a Kindle with calibre, writes AZW3 into documents/ and skips it the next time',
    { skip: calibreSkip() },
    async () => {
      const one = await temp('one-book');
      await writeFile(path.join(one, 'Salt and Static.epub'), await readFile(epubsOnly.book('Salt and Static')));
      const device = await kindle();
      const first = await sendToDevice({ from: one, device });
      assert.deepEqual(first.diagnostics, []);
      assert.deepEqual(await readdir(path.join(device, 'documents')), ['.ficbind-sent.json', 'Salt and Static.azw3']);
      const azw3 = await readFile(path.join(device, 'documents', 'Salt and Static.azw3'));
      // A Mobipocket/KF8 file is a Palm database of type BOOK, creator MOBI (bytes 60–67).
      assert.equal(azw3.subarray(60, 68).toString('latin1'), 'BOOKMOBI');
      const second = await sendToDevice({ from: one, device });
      assert.equal(second.sent.length, 0);
      assert.equal(second.unchanged.length, 1);
      await rm(one, { recursive: true });
    },
  );

  it('the command: reports what it copied, and asks for a device or --kindle', async () => {
    const device = await kobo();
    const run = await runCli(['send', device, '--from', withKepubs.out]);
    assert.equal(run.code, 0, run.stderr);
    assert.match(run.stdout, /Copying to the Kobo at/);
    assert.equal(run.stdout.split('\n').filter((l) => /^ {2}copied /.test(l)).length, 4);
    assert.match(run.stdout, /4 books copied, 0 up to date/);
    assert.equal((await runCli(['send', '--from', withKepubs.out])).code, 2);
    assert.equal((await runCli(['send', path.join(device, 'missing'), '--from', withKepubs.out])).code, 2);
  });
});

function calibreSkip(): string | false {
  try {
    execFileSync('ebook-convert', ['--version'], { stdio: 'ignore' });
    return false;
  } catch {
    return "calibre's ebook-convert is not installed (apt-get install calibre)";
  }
}
