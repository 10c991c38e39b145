/**
 * `npm run bench [-- --scale N] [-- --rounds N]`: ficbind against a floor (zlib level 6 of the
 * same bytes) and two peers (epub-gen-memory, nodepub), each run in its own process, in
 * alternating rounds, reporting medians and the targets as ratios from this one run.
 * A measurement to read, never a test: it exits 0 whether the targets are met or not.
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { CONTENDERS, PEERS, RESULT_PREFIX, type Contender, type RunResult } from './contenders.js';
import { corpusFolder, DEFAULT_SEED, ensureCorpus, type CorpusManifest } from './corpus.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const BENCH_DIR = path.join(ROOT, '.bench');
/**
 * Every contender runs compiled JavaScript, as an installed `ficbind` does (its bin is dist/cli/main.js):
 * ficbind's sources and this harness are compiled to BUILD_DIR first. Run through tsx instead, a
 * build pays tsx's loader thread and transpiling (~30 MiB of peak RSS), and so would every peer.
 */
const BUILD_DIR = path.join(BENCH_DIR, 'build');
const RUN_ONE = path.join(BUILD_DIR, 'scripts/bench/run-one.js');
const TSC = path.join(ROOT, 'node_modules/typescript/bin/tsc');
const SOURCE_DATE_EPOCH = '1700000000';
const DEFAULT_ROUNDS = 5;

// Issue 16's targets: a default build (covers drawn) faster than every peer; a build without
// covers, the work the peers do, within 2× the floor and twice as fast as the fastest peer.
const PEER_SPEEDUP_TARGET = 1.1;
const NO_COVER_FLOOR_RATIO_TARGET = 2;
const NO_COVER_PEER_SPEEDUP_TARGET = 2;
const RSS_TARGET_MIB = 200;
const RSS_TARGET_SCALE = 10;
const REBUILD_TARGET = 0.05;

interface Summary {
  contender: Contender;
  medianMs: number;
  medianCpuMs: number;
  minMs: number;
  maxMs: number;
  /** Highest peak RSS over the rounds. */
  peakRssMiB: number;
  megabytesPerSecond: number;
  ratioToFloor: number;
  cpuRatioToFloor: number;
  books: number;
  outputBytes: number;
  /** ficbind with a cache: median rebuild after one story changed, and books it rewrote. */
  rebuild?: { medianMs: number; booksRewritten: number; booksTotal: number };
}

type Status = 'met' | 'not met' | 'not evaluated' | 'not measured yet';

interface TargetResult {
  target: string;
  measured: string;
  status: Status;
}

function positiveInteger(flag: string, value: string | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) {
    process.stderr.write(`bench: ${flag} expects a whole number ≥ 1, got "${value}"\n`);
    process.exit(2);
  }
  return n;
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1
    ? (sorted[mid] as number)
    : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

/** One contender in a fresh process, run from a fresh, empty work folder. */
function runOnce(contender: Contender, corpus: string): RunResult {
  const work = mkdtempSync(path.join(os.tmpdir(), `ficbind-bench-${contender}-`));
  const out = path.join(work, 'out');
  // ficbind builds with its cache, then rebuilds after one story changes.
  const extra = contender === 'ficbind' ? ['--rebuild'] : [];
  try {
    const child = spawnSync(process.execPath, [RUN_ONE, contender, corpus, out, ...extra], {
      cwd: work,
      env: { ...process.env, SOURCE_DATE_EPOCH },
      encoding: 'utf8',
      maxBuffer: 64 * 1024 * 1024,
    });
    const line = child.stdout.split('\n').find((l) => l.startsWith(RESULT_PREFIX));
    if (child.status !== 0 || line === undefined) {
      throw new Error(
        `${contender} failed (exit ${String(child.status ?? child.signal)}):\n${child.stderr}${child.stdout}`,
      );
    }
    return JSON.parse(line.slice(RESULT_PREFIX.length)) as RunResult;
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

/** Compiles ficbind and the harness (scripts/bench/tsconfig.json) into BUILD_DIR, afresh. */
function compileContenders(): void {
  rmSync(BUILD_DIR, { recursive: true, force: true });
  const tsc = spawnSync(process.execPath, [TSC, '-p', path.join(ROOT, 'scripts/bench/tsconfig.json')], {
    cwd: ROOT,
    encoding: 'utf8',
  });
  if (tsc.status !== 0) throw new Error(`bench: compiling ficbind and the harness failed:\n${tsc.stdout}${tsc.stderr}`);
}

function summarise(runs: readonly RunResult[], corpus: CorpusManifest): Summary[] {
  const floorRuns = runs.filter((r) => r.contender === 'floor');
  const floorMedian = median(floorRuns.map((r) => r.wallMs));
  const floorCpuMedian = median(floorRuns.map((r) => r.cpuMs));
  return CONTENDERS.map((contender) => {
    const own = runs.filter((r) => r.contender === contender);
    const times = own.map((r) => r.wallMs);
    const medianMs = median(times);
    const medianCpuMs = median(own.map((r) => r.cpuMs));
    const rebuilds = own.flatMap((r) => (r.rebuild ? [r.rebuild] : []));
    return {
      contender,
      medianMs,
      medianCpuMs,
      cpuRatioToFloor: medianCpuMs / floorCpuMedian,
      minMs: Math.min(...times),
      maxMs: Math.max(...times),
      peakRssMiB: Math.max(...own.map((r) => r.maxRssMiB)),
      megabytesPerSecond: corpus.bytes / 1e6 / (medianMs / 1000),
      ratioToFloor: medianMs / floorMedian,
      books: own[0]?.books ?? 0,
      outputBytes: own[0]?.outputBytes ?? 0,
      ...(rebuilds.length > 0
        ? {
            rebuild: {
              medianMs: median(rebuilds.map((r) => r.ms)),
              booksRewritten: Math.max(...rebuilds.map((r) => r.booksRewritten)),
              booksTotal: rebuilds[0]?.booksTotal ?? 0,
            },
          }
        : {}),
    };
  });
}

function evaluateTargets(summaries: readonly Summary[], scale: number): TargetResult[] {
  const of = (c: Contender): Summary => summaries.find((s) => s.contender === c) as Summary;
  const ficbind = of('ficbind');
  const fastestPeer = PEERS.map(of).reduce((a, b) => (b.medianMs < a.medianMs ? b : a));
  const speedup = fastestPeer.medianMs / ficbind.medianMs;
  const rssTarget: TargetResult =
    scale === RSS_TARGET_SCALE
      ? {
          target: `ficbind peak RSS ≤ ${RSS_TARGET_MIB} MiB at scale ${RSS_TARGET_SCALE}`,
          measured: `${ficbind.peakRssMiB.toFixed(0)} MiB`,
          status: ficbind.peakRssMiB <= RSS_TARGET_MIB ? 'met' : 'not met',
        }
      : {
          target: `ficbind peak RSS ≤ ${RSS_TARGET_MIB} MiB at scale ${RSS_TARGET_SCALE}`,
          measured: `${ficbind.peakRssMiB.toFixed(0)} MiB at scale ${scale}; run with --scale ${RSS_TARGET_SCALE} to evaluate`,
          status: 'not evaluated',
        };
  return [
    {
      target: `ficbind (covers drawn) ≥ ${PEER_SPEEDUP_TARGET}× faster than the fastest peer`,
      measured:
        `${speedup.toFixed(2)}× (ficbind ${(ficbind.medianMs / 1000).toFixed(2)} s, fastest peer ` +
        `${fastestPeer.contender} ${(fastestPeer.medianMs / 1000).toFixed(2)} s)`,
      status: speedup >= PEER_SPEEDUP_TARGET ? 'met' : 'not met',
    },
    rssTarget,
    rebuildTarget(ficbind),
    ...likeForLike(of('ficbind-no-cover'), of('floor'), fastestPeer),
  ];
}

/** The targets of the build without generated covers, the work the peers do. */
function likeForLike(noCover: Summary, floor: Summary, fastestPeer: Summary): TargetResult[] {
  const ratio = noCover.medianMs / floor.medianMs;
  const speedup = fastestPeer.medianMs / noCover.medianMs;
  return [
    {
      target: `ficbind --no-cover ≤ ${NO_COVER_FLOOR_RATIO_TARGET}× the floor (gzip -6 of the same bytes)`,
      measured: `${ratio.toFixed(2)}×`,
      status: ratio <= NO_COVER_FLOOR_RATIO_TARGET ? 'met' : 'not met',
    },
    {
      target: `ficbind --no-cover ≥ ${NO_COVER_PEER_SPEEDUP_TARGET}× faster than the fastest peer`,
      measured: `${speedup.toFixed(2)}×`,
      status: speedup >= NO_COVER_PEER_SPEEDUP_TARGET ? 'met' : 'not met',
    },
  ];
}

function rebuildTarget(ficbind: Summary): TargetResult {
  const target = `rebuild after one story changes ≤ ${REBUILD_TARGET * 100} % of a full build`;
  const { rebuild } = ficbind;
  if (!rebuild) return { target, measured: 'not measured: no rebuild in the runs', status: 'not measured yet' };
  const share = rebuild.medianMs / ficbind.medianMs;
  // A cache that rewrote every book did not skip anything: that is not a rebuild to credit.
  const skipped = rebuild.booksRewritten < rebuild.booksTotal;
  return {
    target,
    measured:
      `${(share * 100).toFixed(1)} % (${(rebuild.medianMs / 1000).toFixed(2)} s after a ${(ficbind.medianMs / 1000).toFixed(2)} s full build; ` +
      `${rebuild.booksRewritten} of ${rebuild.booksTotal} books rewritten)`,
    status: share <= REBUILD_TARGET && skipped ? 'met' : 'not met',
  };
}

function table(rows: readonly string[][]): string {
  const widths = (rows[0] as string[]).map((_, i) => Math.max(...rows.map((r) => (r[i] as string).length)));
  return rows
    .map((r) =>
      r.map((cell, i) => (i === 0 ? cell.padEnd(widths[i] as number) : cell.padStart(widths[i] as number))).join('  '),
    )
    .join('\n');
}

function formatSummaries(summaries: readonly Summary[]): string {
  const rows = [
    [
      'contender',
      'median s',
      'min–max s',
      'peak RSS MiB',
      'MB/s',
      '× floor',
      'CPU s',
      'CPU × floor',
      'books',
      'out MB',
    ],
  ];
  for (const s of summaries) {
    rows.push([
      s.contender,
      (s.medianMs / 1000).toFixed(2),
      `${(s.minMs / 1000).toFixed(2)}–${(s.maxMs / 1000).toFixed(2)}`,
      s.peakRssMiB.toFixed(0),
      s.megabytesPerSecond.toFixed(1),
      s.ratioToFloor.toFixed(2),
      (s.medianCpuMs / 1000).toFixed(2),
      s.cpuRatioToFloor.toFixed(2),
      String(s.books),
      (s.outputBytes / 1e6).toFixed(2),
    ]);
    if (s.rebuild) {
      const floor = (summaries[0] as Summary).medianMs;
      rows.push([
        '  rebuild, 1 story changed',
        (s.rebuild.medianMs / 1000).toFixed(2),
        '',
        '',
        '',
        (s.rebuild.medianMs / floor).toFixed(2),
        '',
        '',
        `${s.rebuild.booksRewritten} rewritten`,
        '',
      ]);
    }
  }
  return table(rows);
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { scale: { type: 'string' }, rounds: { type: 'string' }, seed: { type: 'string' } },
    strict: true,
  });
  const scale = positiveInteger('--scale', values.scale, 1);
  const rounds = positiveInteger('--rounds', values.rounds, DEFAULT_ROUNDS);
  const seed = positiveInteger('--seed', values.seed, DEFAULT_SEED);
  const log = (line: string): void => void process.stdout.write(`${line}\n`);

  mkdirSync(BENCH_DIR, { recursive: true });
  const corpus = ensureCorpus(BENCH_DIR, scale, seed, log);
  const corpusDir = corpusFolder(BENCH_DIR, scale);
  log(
    `corpus: scale ${scale}, ${corpus.stories} stories in ${corpus.files} files, ${(corpus.bytes / 1e6).toFixed(2)} MB, ` +
      `gzip -6 ratio ${corpus.gzipRatio.toFixed(2)}:1 (seed ${seed})`,
  );
  const cpu = os.cpus()[0]?.model ?? 'unknown CPU';
  log(`machine: ${os.cpus().length} × ${cpu}, Node ${process.version}, ${os.platform()} ${os.release()}`);
  log(
    `${rounds} round${rounds === 1 ? '' : 's'}, each running every contender once in its own process (order rotated); SOURCE_DATE_EPOCH=${SOURCE_DATE_EPOCH}`,
  );
  compileContenders();
  log(`every contender runs compiled JavaScript (${path.relative(ROOT, BUILD_DIR)}/), as an installed ficbind does`);
  log('ficbind builds with its cache, then rebuilds after one story changes');

  const runs: Array<RunResult & { round: number; position: number }> = [];
  for (let round = 0; round < rounds; round++) {
    const order = CONTENDERS.map((_, i) => CONTENDERS[(i + round) % CONTENDERS.length] as Contender);
    process.stdout.write(`round ${round + 1}/${rounds}:`);
    order.forEach((contender, position) => {
      const result = runOnce(contender, corpusDir);
      runs.push({ ...result, round: round + 1, position: position + 1 });
      process.stdout.write(`${position === 0 ? ' ' : ', '}${contender} ${(result.wallMs / 1000).toFixed(2)} s`);
    });
    log('');
  }

  const summaries = summarise(runs, corpus);
  const targets = evaluateTargets(summaries, scale);
  log('');
  log(
    `median of ${rounds} round${rounds === 1 ? '' : 's'}; MB/s = 10^6 bytes of input per second; × floor = median time / the floor's median time`,
  );
  log(`the ${os.cpus().length} cores may be shared with other work: read medians and ratios, not single runs`);
  log(
    `load average ${os
      .loadavg()
      .map((l) => l.toFixed(1))
      .join(
        ', ',
      )} at the end (wall time stretches with load; CPU s = user + system time of the contender's process, all threads)`,
  );
  log(formatSummaries(summaries));
  log('');
  log('targets (ratios from this run):');
  for (const t of targets) log(`  ${t.status.padEnd(13)} ${t.target}: ${t.measured}`);

  const resultsFile = path.join(BENCH_DIR, `results-scale-${scale}.json`);
  const results = {
    date: new Date().toISOString(),
    machine: {
      cpus: os.cpus().length,
      cpu,
      node: process.version,
      platform: `${os.platform()} ${os.release()}`,
      memoryMiB: Math.round(os.totalmem() / 1024 / 1024),
    },
    scale,
    rounds,
    sourceDateEpoch: Number(SOURCE_DATE_EPOCH),
    corpus: { ...corpus, folder: path.relative(ROOT, corpusDir) },
    summaries,
    targets,
    runs,
  };
  writeFileSync(resultsFile, `${JSON.stringify(results, null, 2)}\n`);
  // The latest run at any scale, under one name for scripts.
  copyFileSync(resultsFile, path.join(BENCH_DIR, 'results.json'));
  log('');
  log(`results: ${path.relative(ROOT, resultsFile)} (and .bench/results.json)`);
}

await main();
