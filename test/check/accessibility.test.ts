import assert from 'node:assert/strict';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { before, describe, it } from 'node:test';
import JSZip from 'jszip';
import type { Diagnostic } from '../../src/index.js';
import { checkAccessibility } from '../../src/check/accessibility.js';
import { aceSkipReason } from '../helpers/ace.js';
import { buildInto } from '../helpers/build.js';
import { runCli } from '../helpers/cli.js';
import { story, writeStories } from '../helpers/library.js';

const temp = (prefix: string): Promise<string> => mkdtemp(path.join(os.tmpdir(), `ficbind-${prefix}-`));

/** A copy of a book without its cover's alt text and without its access modes. */
async function withoutAlternatives(book: string, target: string): Promise<string> {
  const zip = await JSZip.loadAsync(await readFile(book));
  const cover = await zip.file('EPUB/text/cover.xhtml')!.async('string');
  const opf = await zip.file('EPUB/package.opf')!.async('string');
  assert.match(cover, / alt="[^"]+"/);
  assert.match(opf, /schema:accessMode"/);
  zip.file('EPUB/text/cover.xhtml', cover.replace(/ alt="[^"]*"/, ''));
  zip.file('EPUB/package.opf', opf.replace(/\s*<meta property="schema:accessMode">[^<]*<\/meta>/g, ''));
  await writeFile(target, await zip.generateAsync({ type: 'uint8array', mimeType: 'application/epub+zip' }));
  return target;
}

describe('ficbind check --accessibility', () => {
  let good = '';
  let bad = '';

  before(async () => {
    const built = await buildInto(await writeStories({ 'quiet-ferry.txt': story('The Quiet Ferry') }));
    good = built.book('The Quiet Ferry');
    bad = await withoutAlternatives(good, path.join(await temp('bad'), 'Bad Ferry.epub'));
  });

  it('without Ace, says it is not installed and how to install it', async () => {
    const nowhere = await temp('no-ace');
    const [found] = await checkAccessibility([{ path: good, packageDir: 'EPUB' }], { searchFrom: [nowhere] });
    assert.deepEqual(
      found?.map((d) => [d.severity, d.rule, d.file]),
      [['error', 'ace/not-installed', good]],
    );
    assert.match(found![0]!.hint ?? '', /npm install -g @daisy\/ace-cli/);
  });

  it('a book Ace cannot parse: says Ace could not check it, and why', async () => {
    const zip = await JSZip.loadAsync(await readFile(good));
    const opf = await zip.file('EPUB/package.opf')!.async('string');
    zip.file('EPUB/package.opf', opf.replace('</metadata>', '</metadata'));
    const broken = path.join(await temp('unparsable'), 'Broken Ferry.epub');
    await writeFile(broken, await zip.generateAsync({ type: 'uint8array' }));
    const [found] = await checkAccessibility([{ path: broken, packageDir: 'EPUB' }]);
    assert.deepEqual(
      found?.map((d) => [d.severity, d.rule, d.file]),
      [['error', 'ace/failed', broken]],
    );
    assert.match(found![0]!.message, /^Ace could not check the book: .+/);
  });

  it('with no browser to start: says so, and how to name one', { timeout: 120_000 }, async () => {
    const run = await runCli(['check', '--accessibility', '--json', good], {
      env: { PUPPETEER_EXECUTABLE_PATH: path.join(await temp('no-browser'), 'chromium') },
    });
    assert.equal(run.code, 1, run.stderr);
    const { diagnostics } = JSON.parse(run.stdout) as { diagnostics: Diagnostic[] };
    const fromAce = diagnostics.filter((d) => d.rule.startsWith('ace/'));
    assert.deepEqual(
      fromAce.map((d) => [d.severity, d.rule, d.file]),
      [['error', 'ace/no-browser', good]],
    );
    assert.match(fromAce[0]!.hint ?? '', /PUPPETEER_EXECUTABLE_PATH/);
  });

  it(
    'build --accessibility checks the books it wrote with Ace too (it implies --check); --check alone runs no Ace',
    { timeout: 120_000 },
    async () => {
      const input = await writeStories({ 'quiet-ferry.txt': story('The Quiet Ferry') });
      const out = await temp('build-ace');
      // No browser to start: Ace's finding then says so, which is enough to know Ace was asked.
      const run = await runCli(['build', input, '-o', out, '--no-cache', '--accessibility', '--json'], {
        env: { PUPPETEER_EXECUTABLE_PATH: path.join(await temp('no-browser'), 'chromium') },
      });
      const { diagnostics } = JSON.parse(run.stdout) as { diagnostics: Diagnostic[] };
      const book = path.join(out, 'The Quiet Ferry.epub');
      assert.deepEqual(
        diagnostics.filter((d) => d.rule.startsWith('ace/')).map((d) => [d.rule, d.file]),
        [['ace/no-browser', book]],
      );
      assert.equal(run.code, 1, 'a book Ace could not check fails the build');
      // Without --accessibility, --check runs no Ace.
      const plain = await runCli(['build', input, '-o', out, '--no-cache', '--check', '--json'], {
        env: { PUPPETEER_EXECUTABLE_PATH: path.join(await temp('no-browser'), 'chromium') },
      });
      assert.equal(plain.code, 0, plain.stdout);
      const checked = JSON.parse(plain.stdout) as { diagnostics: Diagnostic[] };
      assert.ok(!checked.diagnostics.some((d) => d.rule.startsWith('ace/')));
    },
  );

  it(
    'with Ace (a devDependency here): its findings on the document they concern, none on a good book',
    { skip: aceSkipReason(), timeout: 300_000 },
    async () => {
      const run = await runCli(['check', '--accessibility', '--json', good, bad]);
      assert.equal(run.code, 1, run.stderr);
      const { diagnostics } = JSON.parse(run.stdout) as { diagnostics: Diagnostic[] };
      const fromAce = diagnostics.filter((d) => d.rule.startsWith('ace/'));
      assert.deepEqual(
        fromAce.filter((d) => d.file.startsWith(good)),
        [],
      );
      const found = fromAce.map((d) => [d.severity, d.rule, d.file]);
      assert.deepEqual(found.sort(), [
        ['error', 'ace/image-alt', `${bad}/EPUB/text/cover.xhtml`],
        ['error', 'ace/metadata-accessmode', `${bad}/EPUB/package.opf`],
      ]);
      assert.ok(
        fromAce.every((d) => d.hint && d.hint.includes('http')),
        'each finding says where to read more',
      );
    },
  );
});
