import { Piscina } from 'piscina';
import { makeBook, type BookJob, type MadeBook } from '../make-book.js';
import { coverLibraries } from '../../render/generated-cover.js';

// Starting a worker (and, from source, the TypeScript loader in it) costs more than a few small
// books take to make: below this many books they are made in this thread.
const MIN_BOOKS_FOR_WORKERS = 8;

export interface BookMaker {
  make(job: BookJob): Promise<MadeBook>;
  close(): Promise<void>;
}

/** Makes books on every core when there are enough of them, else in this thread. */
export function bookMaker(books: number, jobs: number): BookMaker {
  const threads = Math.min(jobs, books);
  if (threads < 2 || books < MIN_BOOKS_FOR_WORKERS) return { make: makeBook, close: () => Promise.resolve() };
  // Run from source (tsx) the worker is book-worker.ts, loaded through the same --import hook; built, book-worker.js.
  const extension = import.meta.url.endsWith('.ts') ? '.ts' : '.js';
  const pool = new Piscina({
    filename: new URL(`./book-worker${extension}`, import.meta.url).href,
    minThreads: threads,
    maxThreads: threads,
    idleTimeout: 1000,
  });
  // sharp must be loaded by this thread before any worker loads it (to draw a cover), or its shared
  // libraries are unloaded when that worker ends (lovell/sharp#2263): no job goes out before.
  // (If sharp cannot load here, it cannot in a worker either: covers fail there, and say so.)
  const coversLoaded = coverLibraries().catch(() => undefined);
  // A worker that cannot start must not end the build: its books are made here instead.
  let broken = false;
  pool.on('error', () => (broken = true));
  const make = async (job: BookJob): Promise<MadeBook> => {
    if (broken) return makeBook(job);
    await coversLoaded;
    try {
      return (await pool.run(job)) as MadeBook;
    } catch (error) {
      if (isStartupFailure(error)) {
        broken = true;
        return makeBook(job);
      }
      throw error;
    }
  };
  return { make, close: () => pool.destroy() };
}

function isStartupFailure(error: unknown): boolean {
  const code = (error as { code?: string }).code;
  return code === 'ERR_MODULE_NOT_FOUND' || code === 'ERR_UNKNOWN_FILE_EXTENSION' || code === 'ERR_WORKER_INIT_FAILED';
}
