/**
 * Shows that parsing and cleaning grow linearly with input size: one-line stories of 1 to 10 MB
 * (the shape that exposes quadratic regular expressions), and HTML nested 2 500 to 20 000 deep
 * (the shape that exposes recursive walks); median of 3 runs each, time per unit compared with
 * the smallest case. A measurement to read, not a test: run `npm run bench:linear`.
 */
import { parseStory } from '../src/parse/parse-story.js';

const SIZES_MB = [1, 2, 4, 8, 10];
const NESTING_DEPTHS = [2_500, 5_000, 10_000, 20_000];
const RUNS = 3;
const WORDS = [
  'lantern',
  'tide',
  '*storm*',
  'keeper',
  '“rope”',
  'and',
  '_salt_',
  'the',
  '--',
  'night...',
  '<<',
  'o0o',
  'Chapter',
  'next',
];

function oneLineStory(megabytes: number): string {
  const target = megabytes * 1024 * 1024;
  const parts: string[] = ['Title: Bench\nAuthor: Bench\n\n'];
  let length = parts[0]!.length;
  for (let i = 0; length < target; i++) {
    const word = WORDS[(i * 7 + (i >> 3)) % WORDS.length]!;
    parts.push(word, ' ');
    length += word.length + 1;
  }
  return parts.join('');
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

/** Median milliseconds of parsing `text` as the story file `file`, over RUNS runs after one to warm up. */
function timeParse(file: string, text: string): number {
  const times: number[] = [];
  for (let run = -1; run < RUNS; run++) {
    const start = process.hrtime.bigint();
    const parsed = parseStory({ path: file, files: [{ path: file, text, modified: 0 }] });
    if (run >= 0) times.push(Number(process.hrtime.bigint() - start) / 1e6);
    if (!parsed.story) throw new Error(`bench story ${file} did not parse`);
  }
  return median(times);
}

/** Prints time per unit of each size against the smallest, and whether it stays within 2×. */
function report(title: string, unit: string, sizes: number[], story: (size: number) => [string, string]): void {
  const rows = sizes.map((size) => {
    const ms = timeParse(...story(size));
    return { size, ms, perUnit: ms / size };
  });
  const base = rows[0]!.perUnit;
  console.log(`${title} (median of ${RUNS})`);
  console.log(`${unit.padStart(9)}   time ms    time per ${unit} vs ${sizes[0]}`);
  for (const row of rows) {
    console.log(
      `${String(row.size).padStart(9)} ${row.ms.toFixed(0).padStart(9)}    ${(row.perUnit / base).toFixed(2)}×`,
    );
  }
  const worst = Math.max(...rows.map((r) => r.perUnit / base));
  console.log(
    worst <= 2
      ? `linear: time per ${unit} stays within ${worst.toFixed(2)}× of the smallest case\n`
      : `NOT linear: time per ${unit} grows to ${worst.toFixed(2)}×\n`,
  );
}

const nestedHtml = (depth: number): string => `${'<div>'.repeat(depth)}<p>Deep down.</p>${'</div>'.repeat(depth)}`;

report('parse + clean of a one-line story', 'MB', SIZES_MB, (mb) => ['bench.txt', oneLineStory(mb)]);
report('parse + clean of HTML nested N deep', 'level', NESTING_DEPTHS, (depth) => ['bench.html', nestedHtml(depth)]);
