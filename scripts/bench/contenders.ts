/** Who is measured, and what one measured run reports (shared by index.ts and run-one.ts). */
// `ficbind-no-cover` is the same build with --no-cover: the peers draw no cover art, so this is the like-for-like row.
export const CONTENDERS = ['floor', 'ficbind', 'ficbind-no-cover', 'epub-gen-memory', 'nodepub'] as const;
export type Contender = (typeof CONTENDERS)[number];
export const PEERS: readonly Contender[] = ['epub-gen-memory', 'nodepub'];

export interface RunResult {
  contender: Contender;
  wallMs: number;
  /** CPU time of the process over the same span, all its threads (`process.cpuUsage()`): steadier than wall time on a shared machine. */
  cpuMs: number;
  /** Peak resident set size of the whole process (`process.resourceUsage().maxRSS`), MiB. */
  maxRssMiB: number;
  /** Books written (for the floor: files compressed). */
  books: number;
  /** Bytes written (for the floor: the gzip output it computed, not written). */
  outputBytes: number;
  /** ficbind only: its diagnostics by severity. */
  diagnostics?: Record<string, number>;
  /** ficbind with a build cache: the second build after one story changed. */
  rebuild?: { ms: number; booksRewritten: number; booksTotal: number; changed: string };
}

/** The line run-one.ts prints its result on; anything else a library prints is ignored. */
export const RESULT_PREFIX = 'BENCH-RESULT ';
