import { Piscina } from 'piscina';
import { makeBook, type BookJob, type MadeBook } from '../make-book.js';
import { parseJob, type ParseJob, type ParsedStory } from '../parse-job.js';
import { coverLibraries } from '../../render/generated-cover.js';

// Starting a worker (and, from source, the TypeScript loader in it) costs more than a few small
// stories or books take: below this many, they are done in this thread.
const MIN_TASKS_FOR_WORKERS = 8;

/**
 * Where a build's CPU work runs: parsing stories and making books. With `--jobs 2` or more and
 * enough of either, on that many worker threads (one pool for both, started when first needed),
 * while this thread reads, schedules and writes; else in this thread.
 */
export interface WorkPool {
  /** How to parse `count` stories. */
  parser(count: number): (job: ParseJob) => Promise<ParsedStory>;
  /** How to make `count` books. */
  maker(count: number): (job: BookJob) => Promise<MadeBook>;
  close(): Promise<void>;
}

export function workPool(jobs: number): WorkPool {
  let pool: Piscina | undefined;
  let coversLoaded: Promise<unknown> = Promise.resolve();
  // A worker that cannot start must not end the build: its work is done here instead.
  let broken = false;
  const started = (): Piscina => {
    if (pool) return pool;
    // Built, the worker is book-worker.js; run from source (tsx), source-worker.mjs loads book-worker.ts.
    const worker = import.meta.url.endsWith('.ts') ? './source-worker.mjs' : './book-worker.js';
    pool = new Piscina({
      filename: new URL(worker, import.meta.url).href,
      minThreads: jobs,
      maxThreads: jobs,
      idleTimeout: 1000,
    });
    // sharp must be loaded by this thread before any worker loads it (to draw a cover or scale a
    // picture), or its shared libraries are unloaded when that worker ends (lovell/sharp#2263): no
    // task goes out before. (If sharp cannot load here, it cannot in a worker either: the work that
    // needs it fails there, and says so.)
    coversLoaded = coverLibraries().catch(() => undefined);
    pool.on('error', () => (broken = true));
    return pool;
  };
  function onPool<J, R>(count: number, name: string, here: (job: J) => Promise<R>): (job: J) => Promise<R> {
    if (jobs < 2 || count < MIN_TASKS_FOR_WORKERS) return here;
    const threads = started();
    return async (job) => {
      await coversLoaded;
      if (broken) return here(job);
      try {
        return (await threads.run(job, { name })) as R;
      } catch (error) {
        if (!broken && !isStartupFailure(error)) throw error;
        // The tasks still queued for workers that never start are let go by destroying the pool
        // (they would wait forever), and done here like this one.
        if (!broken) void threads.destroy().catch(() => undefined);
        broken = true;
        return here(job);
      }
    };
  }
  return {
    parser: (count) => onPool(count, 'parse', parseJob),
    maker: (count) => onPool(count, 'make', makeBook),
    close: async () => {
      await pool?.destroy().catch(() => undefined);
    },
  };
}

function isStartupFailure(error: unknown): boolean {
  const code = (error as { code?: string }).code;
  return code === 'ERR_MODULE_NOT_FOUND' || code === 'ERR_UNKNOWN_FILE_EXTENSION' || code === 'ERR_WORKER_INIT_FAILED';
}
