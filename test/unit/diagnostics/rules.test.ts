import assert from 'node:assert/strict';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { before, describe, it } from 'node:test';
import ts from 'typescript';
import { DOC_PATH, NOT_RAISED_BY_TESTS, diagnosticsDoc } from '../../../scripts/diagnostics-doc.js';
import { ACE_FAMILY, EPUBCHECK_FAMILY, RULES } from '../../../src/diagnostics/rules.js';
import { REPO_ROOT } from '../../helpers/build.js';

// Registry, documentation, source and tests in step (docs/diagnostics.md, "How this list is kept true").

const REGISTRY_FILE = path.join(REPO_ROOT, 'src/diagnostics/rules.ts');
const registered = Object.keys(RULES);

async function filesUnder(folder: string, keep: (file: string) => boolean): Promise<string[]> {
  const names = await readdir(path.join(REPO_ROOT, folder), { recursive: true });
  return names
    .map((name) => path.join(REPO_ROOT, folder, name))
    .filter(keep)
    .sort();
}

/** What src says about rules: every string literal in it, and those written as a rule id. */
async function readSource(): Promise<{ literals: Set<string>; ruleIds: Array<[string, string]> }> {
  const literals = new Set<string>();
  const ruleIds: Array<[string, string]> = [];
  for (const file of await filesUnder('src', (f) => f.endsWith('.ts') && f !== REGISTRY_FILE)) {
    const where = path.relative(REPO_ROOT, file);
    const source = ts.createSourceFile(file, await readFile(file, 'utf8'), ts.ScriptTarget.Latest, true);
    const visit = (node: ts.Node): void => {
      if (ts.isStringLiteralLike(node)) literals.add(node.text);
      // diagnostic('some/rule', …) and a junk rule's `rule: 'junk/…'`.
      if (ts.isCallExpression(node) && ts.isIdentifier(node.expression) && node.expression.text === 'diagnostic') {
        const first = node.arguments[0];
        if (first && ts.isStringLiteralLike(first)) ruleIds.push([first.text, where]);
      }
      if (
        ts.isPropertyAssignment(node) &&
        node.name.getText(source) === 'rule' &&
        ts.isStringLiteralLike(node.initializer)
      )
        ruleIds.push([node.initializer.text, where]);
      ts.forEachChild(node, visit);
    };
    visit(source);
  }
  return { literals, ruleIds };
}

/** The text of every test and fixture expectation, `\/` read as `/` (regular expressions escape it). */
async function readTests(): Promise<string> {
  const own = path.join(REPO_ROOT, 'test/unit/diagnostics');
  const files = await filesUnder(
    'test',
    (f) => !f.startsWith(own) && (f.endsWith('.ts') || (f.includes('/fixtures/') && f.endsWith('expected.json'))),
  );
  const texts = await Promise.all(files.map((f) => readFile(f, 'utf8')));
  return texts.join('\n').replaceAll('\\/', '/');
}

const names = (text: string, rule: string): boolean =>
  new RegExp(`(?<![\\w/-])${rule.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?![\\w-])`).test(text);

describe('the rule registry, its documentation, the source and the tests agree', () => {
  let source: Awaited<ReturnType<typeof readSource>>;
  let tests: string;

  before(async () => {
    source = await readSource();
    tests = await readTests();
  });

  it('documents every registered rule, and no other, as npm run docs:diagnostics writes it', async () => {
    const written = await readFile(DOC_PATH, 'utf8');
    const documented = [...written.matchAll(/^### `([^`]+)`$/gm)].map((m) => m[1]);
    const expected = [...registered, `${EPUBCHECK_FAMILY.prefix}*`, `${ACE_FAMILY.prefix}*`];
    assert.deepEqual(
      {
        notDocumented: expected.filter((r) => !documented.includes(r)),
        notRegistered: documented.filter((r) => !expected.includes(r as string)),
      },
      { notDocumented: [], notRegistered: [] },
      'run npm run docs:diagnostics',
    );
    assert.ok(written === diagnosticsDoc(), 'docs/diagnostics.md is out of date: run npm run docs:diagnostics');
  });

  it('raises in src only registered rules', () => {
    assert.ok(source.ruleIds.length >= registered.length / 2, 'the scan found the call sites');
    const unknown = source.ruleIds.filter(([rule]) => !(rule in RULES)).map(([rule, file]) => `${rule} (${file})`);
    assert.deepEqual(unknown, [], 'add these to src/diagnostics/rules.ts, or correct the id');
  });

  it('raises every registered rule somewhere in src', () => {
    const unused = registered.filter((rule) => !source.literals.has(rule));
    assert.deepEqual(unused, [], 'registered but named nowhere in src: remove them from the registry');
  });

  it('has a test naming every registered rule, and an EPUBCheck id', () => {
    const exempt = Object.keys(NOT_RAISED_BY_TESTS);
    const untested = registered.filter((rule) => !exempt.includes(rule) && !names(tests, rule));
    assert.deepEqual(untested, [], 'no test names these rules: write a test that raises each one');
    assert.match(tests, /epubcheck\/[A-Z]{3}-\d{3}/, 'no test names an id of the epubcheck/* family');
    assert.match(tests, /ace\/(?:image-alt|metadata-[a-z]+)/, 'no test names a check of the ace/* family');
  });

  it('lists as untested only registered rules that no test names', () => {
    for (const rule of Object.keys(NOT_RAISED_BY_TESTS)) {
      assert.ok(rule in RULES, `${rule} is exempt but not registered`);
      assert.ok(!names(tests, rule), `${rule} is named by a test now: take it off NOT_RAISED_BY_TESTS`);
    }
  });
});
