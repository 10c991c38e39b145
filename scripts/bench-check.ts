/**
 * `npm run bench:check [-- --rounds N] [-- --books N]`: how long `ficbind check` takes on one book
 * and on N books (default 40), run as an installed ficbind runs (compiled JavaScript), medians of
 * a few rounds. The books are the bench corpus (scale 1) built one book per story. A measurement
 * to read, never a test: it exits 0 whatever the ratio.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { corpusFolder, ensureCorpus } from './bench/corpus.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const BENCH_DIR = path.join(ROOT, '.bench');
const DIST = path.join(BENCH_DIR, 'check-dist');
const BOOKS_DIR = path.join(BENCH_DIR, 'check-books');
const CLI = path.join(DIST, 'cli/main.js');
const TSC = path.join(ROOT, 'node_modules/typescript/bin/tsc');
// The acceptance of issue 15: N books cost at most this many times one book.
const TARGET_RATIO = 4;

const { values } = parseArgs({
  options: { rounds: { type: 'string', default: '3' }, books: { type: 'string', default: '40' } },
});
const rounds = Math.max(1, Number(values.rounds));
const count = Math.max(2, Number(values.books));

function run(args: string[], what: string): void {
  const done = spawnSync(process.execPath, args, { cwd: ROOT, encoding: 'utf8', env: { ...process.env } });
  if (done.status !== 0) throw new Error(`${what} failed (${done.status}):\n${done.stdout}${done.stderr}`);
}

/** Wall time of one `ficbind check`, in seconds; it must pass (exit 0). */
function timeCheck(books: string[]): number {
  const started = performance.now();
  run([CLI, 'check', ...books], `ficbind check on ${books.length} books`);
  return (performance.now() - started) / 1000;
}

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

console.log('compiling ficbind (tsconfig.build.json) into .bench/check-dist ...');
rmSync(DIST, { recursive: true, force: true });
run([TSC, '-p', 'tsconfig.build.json', '--outDir', DIST], 'tsc');

ensureCorpus(BENCH_DIR, 1, undefined, (line) => console.log(line));
if (!existsSync(BOOKS_DIR) || readdirSync(BOOKS_DIR).filter((f) => f.endsWith('.epub')).length < count) {
  console.log('building the corpus one book per story into .bench/check-books ...');
  rmSync(BOOKS_DIR, { recursive: true, force: true });
  process.env.SOURCE_DATE_EPOCH = '1700000000';
  run([CLI, 'build', corpusFolder(BENCH_DIR, 1), '-o', BOOKS_DIR, '--book', 'story', '--no-cache', '-q'], 'build');
}
const books = readdirSync(BOOKS_DIR)
  .filter((f) => f.endsWith('.epub'))
  .sort()
  .slice(0, count)
  .map((f) => path.join(BOOKS_DIR, f));

const one: number[] = [];
const many: number[] = [];
for (let round = 1; round <= rounds; round++) {
  // Alternate the order so that a busy moment of the machine does not always hit the same case.
  if (round % 2) {
    one.push(timeCheck(books.slice(0, 1)));
    many.push(timeCheck(books));
  } else {
    many.push(timeCheck(books));
    one.push(timeCheck(books.slice(0, 1)));
  }
  console.log(`round ${round}: 1 book ${one.at(-1)!.toFixed(1)} s, ${count} books ${many.at(-1)!.toFixed(1)} s`);
}
const ratio = median(many) / median(one);
console.log(
  `\nficbind check, median of ${rounds}: 1 book ${median(one).toFixed(1)} s, ${count} books ${median(many).toFixed(1)} s ` +
    `(${ratio.toFixed(2)}× one book; target ≤ ${TARGET_RATIO}×: ${ratio <= TARGET_RATIO ? 'met' : 'not met'})`,
);
