#!/usr/bin/env node
import { Command, CommanderError, InvalidArgumentError, Option } from 'commander';
import { checkBooks } from '../check/index.js';
import { formatCheckReport } from './check-report.js';
import { build, plan, type BuildResult } from '../build/build.js';
import { formatPlan, planJson } from './plan-report.js';
import { failsRun, isProblem } from '../diagnostics/count.js';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import {
  DEFAULT_CACHE_FOLDER,
  DEFAULT_OPTIONS,
  NOTES_PLACEMENTS,
  UsageError,
  type BuildOptions,
} from '../config/options.js';
import { progressMode, progressReporter, type ProgressMode } from './progress.js';
import { buildReportJson, formatBuildReport } from './build-report.js';
import { watch } from '../build/watch.js';
import { addServeCommand } from './serve-command.js';
import { addSendCommand } from './send-command.js';

const EXIT_OK = 0;
const EXIT_INPUT_FAILED = 1;
const EXIT_USAGE = 2;

const EXAMPLES = `
Examples:
  $ ficbind build                          build every story in ./stories into ./out
  $ ficbind build ~/fic -o ~/books         another input and output folder
  $ ficbind build --book story             one book per story instead of per series
  $ ficbind build --lang de --covers art   German books, covers from ./art
  $ ficbind build --notes end              author's notes after the chapter, not inside it
  $ SOURCE_DATE_EPOCH=1700000000 ficbind build   reproducible dates
  $ ficbind build --check                  build, then check every book with EPUBCheck
  $ ficbind build --kobo                   also write .kepub.epub books for Kobo
  $ ficbind build --watch                  rebuild the books whose stories change
  $ ficbind list                           show the books a build would make, without building
  $ ficbind check out/*.epub               check books (EPUBCheck and reader rules)
  $ ficbind serve                          serve out/ to e-readers and phones (OPDS catalog, shelf page)
  $ ficbind send /media/$USER/KOBOeReader  copy new and changed books onto a Kobo (or Kindle) over USB`;

interface BuildFlags {
  out: string;
  covers: string;
  lang: string;
  book: BuildOptions['book'];
  keepJunk?: boolean;
  typography: boolean;
  notes: BuildOptions['notes'];
  strict?: boolean;
  json?: boolean;
  check?: boolean;
  cover: boolean;
  kobo?: boolean;
  cache: string | false;
  quiet?: boolean;
  watch?: boolean;
  jobs?: number;
}

interface CheckFlags {
  strict?: boolean;
  json?: boolean;
}

function program(): Command {
  const cli = new Command('ficbind')
    .description('Compile saved fan fiction and web fiction into clean, valid EPUB 3 books.')
    .exitOverride()
    .showHelpAfterError('(run "ficbind build --help" for usage)');
  cli
    .command('build')
    .description('build every story in a folder into EPUB books, one per series (or per story)')
    .argument(
      '[input]',
      'folder of stories (.txt, .html, .md files, or folders of chapter files)',
      DEFAULT_OPTIONS.input,
    )
    .option('-o, --out <dir>', 'folder to write the books to', DEFAULT_OPTIONS.out)
    .option(
      '--covers <dir>',
      'folder of cover images named after the book (name.jpg or name.png)',
      DEFAULT_OPTIONS.covers,
    )
    .option(
      '--lang <code>',
      'language of stories that do not name one (BCP 47, e.g. en, de, pt-BR)',
      DEFAULT_OPTIONS.language,
    )
    .addOption(
      new Option('--book <shape>', 'one book per series, or one per story')
        .choices(['series', 'story'])
        .default(DEFAULT_OPTIONS.book),
    )
    .option('--keep-junk', 'keep web-page leftovers (navigation, toolbars, image captions) instead of removing them')
    .option('--no-typography', 'keep quotes, dashes and dots as typed (default: curly quotes, em dashes, ellipses)')
    .addOption(
      new Option(
        '--notes <where>',
        "author's notes (A/N): kept in place, moved to the end of their chapter, or left out",
      )
        .choices([...NOTES_PLACEMENTS])
        .default(DEFAULT_OPTIONS.notes),
    )
    .option('--no-cover', 'no generated cover for books without a cover image')
    .option('--kobo', 'also write NAME.kepub.epub for Kobo readers')
    .option('--cache <dir>', 'folder of the cache that skips unchanged books', DEFAULT_CACHE_FOLDER)
    .option('--no-cache', 'build every book from scratch, without reading or writing the cache')
    .option('--strict', 'exit with code 1 when there are warnings too')
    .option('--check', 'check each book after writing it (EPUBCheck, needs Java; and reader rules)')
    .option('--json', 'print a final report as JSON (books, totals, diagnostics, time) instead of text')
    .option(
      '-j, --jobs <n>',
      'books made at once on worker threads (default: 1, in the main thread; 2 is ~30 % faster on 2 cores but uses far more memory)',
      (value) => {
        const n = Number(value);
        if (!Number.isInteger(n) || n < 1) throw new InvalidArgumentError('expected a whole number of 1 or more');
        return n;
      },
    )
    .option('-q, --quiet', 'print only problems: no progress, no list of books')
    .option('-w, --watch', 'keep running, and rebuild what changed whenever a story or cover changes')
    .addHelpText('after', EXAMPLES)
    .action(async (input: string, flags: BuildFlags, command: Command) => {
      // Options left at their defaults give way to the config file; those typed on the command line win.
      const given = (name: string): boolean => command.getOptionValueSource(name) !== 'default';
      const options: Partial<BuildOptions> = {
        input,
        ...(given('out') ? { out: flags.out } : {}),
        ...(given('covers') ? { covers: flags.covers } : {}),
        ...(given('lang') ? { language: flags.lang } : {}),
        ...(given('book') ? { book: flags.book } : {}),
        keepJunk: flags.keepJunk === true,
        typography: flags.typography,
        notes: flags.notes,
        check: flags.check === true,
        cover: flags.cover,
        kobo: flags.kobo === true,
        cache: flags.cache,
        ...(flags.jobs !== undefined ? { jobs: flags.jobs } : {}),
      };
      const once = async (): Promise<number> => {
        const mode = progressMode(
          flags.quiet === true,
          flags.json === true,
          process.stderr.isTTY ? process.stderr : process.stdout,
        );
        const progress = progressReporter(mode, mode === 'bar' ? process.stderr : process.stdout);
        const result = await build(options, { onEvent: progress.onEvent }).finally(progress.stop);
        process.stdout.write(`${reportText(result, flags, mode)}\n`);
        return exitCode(result.diagnostics, flags.strict);
      };
      process.exitCode = await once();
      if (flags.watch) await watch([input, flags.covers], once, (line) => process.stderr.write(`${line}\n`));
    });
  cli
    .command('list')
    .description(
      'show what a build would make — series, stories, chapters, words, formats, encodings, problems — without writing anything',
    )
    .argument('[input]', 'folder of stories', DEFAULT_OPTIONS.input)
    .option('-o, --out <dir>', 'folder the books would be written to', DEFAULT_OPTIONS.out)
    .addOption(new Option('--book <shape>', 'one book per series, or one per story').choices(['series', 'story']))
    .option('--lang <code>', 'language of stories that do not name one')
    .option('--json', 'print the plan as JSON')
    .action(
      async (input: string, flags: { out: string; book?: BuildOptions['book']; lang?: string; json?: boolean }) => {
        const planned = await plan({
          input,
          out: flags.out,
          ...(flags.book ? { book: flags.book } : {}),
          ...(flags.lang ? { language: flags.lang } : {}),
        });
        process.stdout.write(`${flags.json ? JSON.stringify(planJson(planned), null, 2) : formatPlan(planned)}\n`);
        process.exitCode = exitCode(planned.diagnostics);
      },
    );
  cli
    .command('check')
    .description('check EPUB books with EPUBCheck 5.1.0 (needs Java) and the rules of e-readers such as Send to Kindle')
    .argument('<books...>', '.epub files to check')
    .option('--strict', 'exit with code 1 when there are warnings too')
    .option('--json', 'print the result as JSON instead of text')
    .showHelpAfterError('(run "ficbind check --help" for usage)')
    .action(async (books: string[], flags: CheckFlags) => {
      const result = await checkBooks(books);
      process.stdout.write(`${flags.json ? JSON.stringify(result, null, 2) : formatCheckReport(result)}\n`);
      process.exitCode = exitCode(result.diagnostics, flags.strict);
    });
  addServeCommand(cli);
  addSendCommand(cli);
  cli.addHelpText('after', EXAMPLES);
  return cli;
}

function reportText(result: BuildResult, flags: BuildFlags, mode: ProgressMode): string {
  if (flags.json) return JSON.stringify(buildReportJson(result), null, 2);
  if (flags.quiet) {
    const problems = result.diagnostics.filter(isProblem);
    return formatBuildReport({ ...result, diagnostics: problems }, { listBooks: false });
  }
  // Plain-line progress already printed each book as it was done.
  return formatBuildReport(result, { listBooks: mode !== 'lines' });
}

function exitCode(diagnostics: readonly Diagnostic[], strict = false): number {
  return failsRun(diagnostics, strict) ? EXIT_INPUT_FAILED : EXIT_OK;
}

export async function main(argv: readonly string[]): Promise<number> {
  try {
    await program().parseAsync([...argv], { from: 'user' });
    return typeof process.exitCode === 'number' ? process.exitCode : EXIT_OK;
  } catch (error) {
    if (error instanceof CommanderError) {
      // Help and version end through here with code 0; anything else is a usage mistake.
      return error.exitCode === 0 ? EXIT_OK : EXIT_USAGE;
    }
    if (error instanceof UsageError || error instanceof InvalidArgumentError) {
      process.stderr.write(`ficbind: ${error.message}\n`);
      return EXIT_USAGE;
    }
    process.stderr.write(`ficbind: unexpected failure: ${(error as Error).stack ?? String(error)}\n`);
    process.stderr.write('This is a bug in ficbind; please report it with the command you ran.\n');
    return EXIT_INPUT_FAILED;
  }
}

process.exitCode = await main(process.argv.slice(2));
