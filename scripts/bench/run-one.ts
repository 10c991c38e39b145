/**
 * One contender, one run, in its own process, from inside an empty work folder; index.ts runs it
 * compiled (scripts/bench/tsconfig.json), or from source through tsx:
 *   node .bench/build/scripts/bench/run-one.js <contender> <corpus folder> <out folder> [--rebuild]
 *   node --import tsx scripts/bench/run-one.ts <contender> <corpus folder> <out folder> [--rebuild]
 * Prints one line `BENCH-RESULT {json}` with its wall time (from just before the work to just
 * after the last file is written; loading modules is outside it) and the process's peak RSS.
 * Only the contender's own modules are loaded, so its RSS is not inflated by the others'.
 * `--rebuild` (ficbind, once build() has a cache): build a copy of the corpus with the cache,
 * change one story, and time the second build too.
 */
import { appendFileSync, cpSync, mkdirSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { CONTENDERS, RESULT_PREFIX, type Contender, type RunResult } from './contenders.js';
import { listFiles } from './corpus.js';

interface Done {
  books: number;
  outputBytes?: number;
  diagnostics?: Record<string, number>;
  /** Measured after the timed work (ficbind's rebuild). */
  afterwards?: () => Promise<RunResult['rebuild']>;
}

/** The timed work of one contender. */
type Work = (corpus: string, out: string) => Promise<Done>;

/** Loads what a contender needs (untimed) and returns its timed work. */
const PREPARE: Record<Contender, (corpus: string) => Promise<Work>> = {
  // The floor: gzip level 6 of every input file's bytes, listing and reading included.
  floor: async () => async (corpus) => {
    let outputBytes = 0;
    const files = listFiles(corpus);
    for (const file of files) outputBytes += gzipSync(await readFile(path.join(corpus, file)), { level: 6 }).length;
    return { books: files.length, outputBytes };
  },

  // A full build through the library function the CLI calls.
  ficbind: async (corpus) => {
    const { build } = await import('../../src/index.js');
    const rebuild = process.argv.includes('--rebuild');
    // With a cache: a private copy of the corpus, so one story can change (made before the clock starts).
    const input = rebuild ? copyCorpus(corpus) : corpus;
    return async (_corpus, out) => {
      // No covers: a folder that does not exist, rather than the repository's covers/.
      // The cache (a folder, as `--cache <dir>` gives it) lives in this run's own work folder.
      const options = {
        input,
        out,
        covers: path.join(out, '.no-covers'),
        ...(rebuild ? { cache: path.resolve('.ficbind-cache') } : {}),
      };
      const full = await checkedBuild(build, options);
      if (!rebuild) return { books: full.books, diagnostics: full.diagnostics };
      return {
        books: full.books,
        diagnostics: full.diagnostics,
        // Runs after the full build's clock has stopped, with its own clock.
        afterwards: async () => {
          const before = bookStamps(out);
          const changed = changeOneStory(input);
          const start = performance.now();
          await checkedBuild(build, options);
          const ms = performance.now() - start;
          const after = bookStamps(out);
          const rewritten = [...after].filter(([name, stamp]) => before.get(name) !== stamp).length;
          return { ms, booksRewritten: rewritten, booksTotal: after.size, changed };
        },
      };
    };
  },

  // The same build without generated covers (the peers draw none).
  'ficbind-no-cover': async (corpus) => {
    const { build } = await import('../../src/index.js');
    return async (_corpus, out) => {
      const full = await checkedBuild(build, {
        input: corpus,
        out,
        covers: path.join(out, '.no-covers'),
        cover: false,
      });
      return { books: full.books, diagnostics: full.diagnostics };
    };
  },

  'epub-gen-memory': async () => {
    // The EPub class is what the default export calls; unlike the default export of this CommonJS
    // module, a named export resolves the same way under every ESM loader.
    const { EPub } = await import('epub-gen-memory');
    const { readStories } = await import('./simple-reader.js');
    return async (corpus, out) => {
      let books = 0;
      for await (const story of readStories(corpus)) {
        const epub = await new EPub(
          {
            title: story.title,
            author: story.author,
            lang: 'en',
            verbose: false,
            ...(story.summary ? { description: story.summary } : {}),
          },
          story.chapters.map((c) => ({ title: c.title, content: c.html })),
        ).genEpub();
        await writeFile(path.join(out, `${story.name}.epub`), epub);
        books++;
      }
      return { books };
    };
  },

  nodepub: async () => {
    const nodepub = await import('nodepub');
    const { escapeXml, readStories } = await import('./simple-reader.js');
    // nodepub requires a cover image: a 1×1 PNG, written before the clock starts.
    const cover = path.join(os.tmpdir(), `ficbind-bench-cover-${process.pid}.png`);
    writeFileSync(cover, Buffer.from(ONE_PIXEL_PNG, 'base64'));
    process.once('exit', () => rmSync(cover, { force: true }));
    return async (corpus, out) => {
      let books = 0;
      for await (const story of readStories(corpus)) {
        const doc = nodepub.document({
          id: story.name,
          title: story.title,
          author: story.author,
          cover,
          epubVersion: 3,
          language: 'en',
          ...(story.summary ? { description: story.summary } : {}),
        });
        for (const chapter of story.chapters)
          doc.addSection(chapter.title, `<h1>${escapeXml(chapter.title)}</h1>\n${chapter.html}`);
        await doc.writeEPUB(out, story.name);
        books++;
      }
      return { books };
    };
  },
};

type Build = typeof import('../../src/index.js').build;

async function checkedBuild(
  build: Build,
  options: Parameters<Build>[0],
): Promise<{ books: number; diagnostics: Record<string, number> }> {
  const result = await build(options);
  const diagnostics: Record<string, number> = {};
  for (const d of result.diagnostics) diagnostics[d.severity] = (diagnostics[d.severity] ?? 0) + 1;
  if (result.failed) {
    const errors = result.diagnostics.filter((d) => d.severity === 'error').slice(0, 5);
    throw new Error(`ficbind build failed: ${JSON.stringify(errors)}`);
  }
  return { books: result.books.length, diagnostics };
}

/** A private copy of the corpus in the work folder (the cached corpus itself is never changed). */
function copyCorpus(corpus: string): string {
  const copy = path.resolve('corpus');
  cpSync(corpus, copy, { recursive: true });
  return copy;
}

/** Appends a paragraph to the middle story file; returns its path relative to the corpus. */
function changeOneStory(corpus: string): string {
  const files = listFiles(corpus);
  const file = files[Math.floor(files.length / 2)] as string;
  appendFileSync(path.join(corpus, file), '\nOne more paragraph, added to time the rebuild after one story changes.\n');
  return file;
}

/** Book name → inode and modification time: a book written again (atomically, by rename) gets new ones. */
function bookStamps(out: string): Map<string, string> {
  const stamps = new Map<string, string>();
  for (const name of readdirSync(out).filter((n) => n.endsWith('.epub'))) {
    const info = statSync(path.join(out, name), { bigint: true });
    stamps.set(name, `${info.ino}:${info.mtimeNs}`);
  }
  return stamps;
}

const ONE_PIXEL_PNG =
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==';

function bytesOfEpubs(folder: string): number {
  return readdirSync(folder)
    .filter((n) => n.endsWith('.epub'))
    .reduce((sum, n) => sum + statSync(path.join(folder, n)).size, 0);
}

const [name, corpus, out] = process.argv.slice(2);
if (!CONTENDERS.includes(name as Contender) || !corpus || !out) {
  process.stderr.write(`usage: run-one.ts <${CONTENDERS.join('|')}> <corpus folder> <out folder> [--rebuild]\n`);
  process.exit(2);
}
const contender = name as Contender;
mkdirSync(out, { recursive: true });
const work = await PREPARE[contender](corpus);

const start = performance.now();
const cpuBefore = process.cpuUsage();
const done = await work(corpus, out);
const wallMs = performance.now() - start;
const cpu = process.cpuUsage(cpuBefore);
const outputBytes = done.outputBytes ?? bytesOfEpubs(out);
const rebuild = await done.afterwards?.();

const result: RunResult = {
  contender,
  wallMs,
  cpuMs: (cpu.user + cpu.system) / 1000,
  maxRssMiB: process.resourceUsage().maxRSS / 1024,
  books: done.books,
  outputBytes,
  ...(done.diagnostics ? { diagnostics: done.diagnostics } : {}),
  ...(rebuild ? { rebuild } : {}),
};
process.stdout.write(`${RESULT_PREFIX}${JSON.stringify(result)}\n`);
