/**
 * Golden builds, as pandoc's command tests and standardebooks' in/golden folders do them: each
 * folder here is a case holding `cmd` (the arguments after `ficbind`, run in the case folder),
 * `in/` (the stories) and `expected/` (every book unzipped into a folder named after it, and
 * `diagnostics.json` with the exit code and what the build reported). The runner adds
 * `-o <temporary folder> --no-cache --json` and a fixed SOURCE_DATE_EPOCH, runs the real CLI, and
 * compares file by file. `npm run golden:update` (UPDATE_GOLDEN=1) rewrites every expected/.
 */
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import JSZip from 'jszip';
import { FIXED_EPOCH } from '../helpers/build.js';
import { runCli } from '../helpers/cli.js';

const GOLDEN = path.dirname(fileURLToPath(import.meta.url));
const UPDATE = process.env.UPDATE_GOLDEN === '1';
const TEXT = /\.(?:xhtml|html|opf|ncx|xml|css|json|txt)$|(?:^|\/)mimetype$/;

/** The case's arguments: words split on white space, "double quotes" keep spaces together. */
function parseCommand(line: string): string[] {
  return [...line.matchAll(/"([^"]*)"|(\S+)/g)].map((m) => m[1] ?? m[2]!);
}

/** What one run produced: file path (relative to expected/) → bytes. */
async function runCase(caseDir: string): Promise<Map<string, Uint8Array>> {
  const args = parseCommand((await readFile(path.join(caseDir, 'cmd'), 'utf8')).trim());
  assert.equal(args[0], 'build', `${caseDir}/cmd: golden cases run "build …"`);
  assert.ok(!args.some((a) => /^(?:-o|--out|--json|--cache|--no-cache)$/.test(a)), 'the runner sets these');
  const out = await mkdtemp(path.join(os.tmpdir(), 'ficbind-golden-'));
  try {
    const run = await runCli([...args, '-o', out, '--no-cache', '--json'], {
      cwd: caseDir,
      env: { SOURCE_DATE_EPOCH: String(FIXED_EPOCH), TZ: 'UTC', LANG: 'C' },
    });
    const report = JSON.parse(run.stdout) as { diagnostics: unknown[] };
    const files = new Map<string, Uint8Array>();
    // Paths are the only thing that differs from machine to machine.
    const diagnostics = JSON.stringify({ exitCode: run.code, diagnostics: report.diagnostics }, null, 2)
      .replaceAll(out, '<out>')
      .replaceAll(caseDir, '<case>');
    files.set('diagnostics.json', new TextEncoder().encode(`${diagnostics}\n`));
    // The books; the record of them beside them (.ficbind-books.json) has tests of its own.
    for (const book of (await readdir(out)).filter((name) => name.endsWith('.epub')).sort()) {
      const zip = await JSZip.loadAsync(await readFile(path.join(out, book)));
      for (const entry of Object.values(zip.files).filter((e) => !e.dir))
        files.set(`${book}/${entry.name}`, await entry.async('uint8array'));
    }
    return files;
  } finally {
    await rm(out, { recursive: true, force: true });
  }
}

async function readTree(root: string, under = ''): Promise<Map<string, Uint8Array>> {
  const files = new Map<string, Uint8Array>();
  for (const entry of await readdir(path.join(root, under), { withFileTypes: true })) {
    const relative = under ? `${under}/${entry.name}` : entry.name;
    if (entry.isDirectory()) for (const [name, data] of await readTree(root, relative)) files.set(name, data);
    else files.set(relative, new Uint8Array(await readFile(path.join(root, relative))));
  }
  return files;
}

/** Markup on one line split at its tags, so that a failing comparison shows a line diff. */
const readable = (text: string): string[] => text.replace(/></g, '>\n<').split('\n');

/** A line diff (longest common subsequence), two lines of context: `-` expected, `+` actual; '' if equal. */
function lineDiff(expected: string[], actual: string[]): string {
  const common: number[][] = Array.from({ length: expected.length + 1 }, () =>
    new Array<number>(actual.length + 1).fill(0),
  );
  for (let i = expected.length - 1; i >= 0; i--)
    for (let j = actual.length - 1; j >= 0; j--)
      common[i]![j] =
        expected[i] === actual[j] ? common[i + 1]![j + 1]! + 1 : Math.max(common[i + 1]![j]!, common[i]![j + 1]!);
  const lines: Array<[' ' | '-' | '+', string]> = [];
  let [i, j] = [0, 0];
  while (i < expected.length || j < actual.length) {
    if (i < expected.length && j < actual.length && expected[i] === actual[j]) {
      lines.push([' ', expected[i++]!]);
      j++;
    } else if (i < expected.length && (j === actual.length || common[i + 1]![j]! >= common[i]![j + 1]!)) {
      lines.push(['-', expected[i++]!]);
    } else {
      lines.push(['+', actual[j++]!]);
    }
  }
  if (lines.every(([mark]) => mark === ' ')) return '';
  const near = (index: number) => lines.slice(Math.max(0, index - 2), index + 3).some(([mark]) => mark !== ' ');
  return lines
    .map(([mark, text], index) => (near(index) ? `${mark} ${text}` : '…'))
    .filter((line, index, all) => line !== '…' || all[index - 1] !== '…')
    .join('\n');
}

/** What differs between a case's expected files and a run's, in words a reader can act on. */
function differences(expected: Map<string, Uint8Array>, actual: Map<string, Uint8Array>): string[] {
  const found: string[] = [];
  for (const file of expected.keys()) if (!actual.has(file)) found.push(`missing: ${file}`);
  for (const file of actual.keys()) if (!expected.has(file)) found.push(`not expected: ${file}`);
  for (const [file, data] of actual) {
    const want = expected.get(file);
    if (!want || Buffer.from(data).equals(Buffer.from(want))) continue;
    if (!TEXT.test(file)) {
      found.push(`${file}: bytes differ`);
      continue;
    }
    const [got, wanted] = [Buffer.from(data).toString('utf8'), Buffer.from(want).toString('utf8')];
    found.push(`${file}:\n${lineDiff(readable(wanted), readable(got)) || 'white space differs at tag boundaries'}`);
  }
  return found;
}

const cases = (await readdir(GOLDEN, { withFileTypes: true })).filter((e) => e.isDirectory()).map((e) => e.name);

describe('golden builds (test/golden/<case>: cmd, in/, expected/)', () => {
  it('has cases, and no test file inside one (npm test would run it)', async () => {
    assert.ok(cases.length >= 5, `cases: ${cases.join(', ')}`);
    for (const name of cases)
      for (const file of (await readTree(path.join(GOLDEN, name))).keys())
        assert.doesNotMatch(file, /\.test\.[jt]s$/, `${name}/${file}`);
  });

  for (const name of cases) {
    it(name, async () => {
      const caseDir = path.join(GOLDEN, name);
      const expectedDir = path.join(caseDir, 'expected');
      const actual = await runCase(caseDir);
      assert.ok(actual.size > 1, `${name}: the build wrote a book`);
      if (UPDATE) {
        await rm(expectedDir, { recursive: true, force: true });
        for (const [file, data] of actual) {
          await mkdir(path.dirname(path.join(expectedDir, file)), { recursive: true });
          await writeFile(path.join(expectedDir, file), data);
        }
        return;
      }
      assert.ok(existsSync(expectedDir), `${name}: no expected/ yet: run npm run golden:update and read what it wrote`);
      const found = differences(await readTree(expectedDir), actual);
      assert.ok(
        found.length === 0,
        `${name}: ${found.length} differences from expected/ (- expected, + actual; npm run golden:update rewrites expected/ when the change is meant)\n\n${found.join('\n\n')}`,
      );
    });
  }
});
