/**
 * Shows that parsing and cleaning grow linearly with input size: one-line stories of 1 to 10 MB
 * (the shape that exposes quadratic regular expressions), median of 3 runs each, time per MB
 * compared with the 1 MB case. A measurement to read, not a test: run `npm run bench:linear`.
 */
import { parseStory } from '../src/parse/parse-story.js';

const SIZES_MB = [1, 2, 4, 8, 10];
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

const rows: Array<{ mb: number; ms: number; msPerMb: number }> = [];
for (const mb of SIZES_MB) {
  const text = oneLineStory(mb);
  const times: number[] = [];
  for (let run = 0; run < RUNS; run++) {
    const start = process.hrtime.bigint();
    const parsed = parseStory({ path: 'bench.txt', files: [{ path: 'bench.txt', text, modified: 0 }] });
    times.push(Number(process.hrtime.bigint() - start) / 1e6);
    if (!parsed.story) throw new Error('bench story did not parse');
  }
  const ms = median(times);
  rows.push({ mb, ms, msPerMb: ms / mb });
}

const base = rows[0]!.msPerMb;
console.log('parse + clean of a one-line story (median of 3)');
console.log('size MB   time ms   MB/s    time per MB vs 1 MB');
for (const row of rows) {
  console.log(
    `${String(row.mb).padStart(7)} ${row.ms.toFixed(0).padStart(9)} ${(row.mb / (row.ms / 1000)).toFixed(1).padStart(7)}    ${(row.msPerMb / base).toFixed(2)}×`,
  );
}
const worst = Math.max(...rows.map((r) => r.msPerMb / base));
console.log(
  worst <= 2
    ? `linear: time per MB stays within ${worst.toFixed(2)}× of the 1 MB case`
    : `NOT linear: time per MB grows to ${worst.toFixed(2)}×`,
);
