#!/usr/bin/env node
import { Command, CommanderError } from 'commander';
import { checkBooks } from '../check/index.js';
import { formatCheckReport } from './check-report.js';
import { build, plan, type BuildResult } from '../build/build.js';
import { formatPlan, planJson } from './plan-report.js';
import { failsRun, isProblem } from '../diagnostics/count.js';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import {
  BOOK_SHAPES,
  DEFAULT_CACHE_FOLDER,
  DEFAULT_OPTIONS,
  NOTES_PLACEMENTS,
  OPTION_FLAGS,
  UsageError,
  type BuildOptionsInput,
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
  $ ficbind build --accessibility          and with Ace by DAISY, where it is installed
  $ ficbind build --kobo                   also write .kepub.epub books for Kobo
  $ ficbind build --watch                  rebuild the books whose stories change
  $ ficbind build --mark-new               mark what is new since the last build "(New)"
  $ ficbind build --max-book-size 20       books over 20 MB as Vol. 1, Vol. 2, …
  $ ficbind list                           show the books a build would make, without building
  $ ficbind check out/*.epub               check books (EPUBCheck and reader rules)
  $ ficbind check --accessibility out/*.epub   and with Ace by DAISY, where it is installed
  $ ficbind serve                          serve out/ to e-readers and phones (OPDS catalog, shelf page)
  $ ficbind send /media/$USER/KOBOeReader  copy new and changed books onto a Kobo (or Kindle) over USB`;

/** The flags that shape the run itself; the build options come through typedOptions. */
interface BuildFlags {
  covers: string;
  strict?: boolean;
  json?: boolean;
  quiet?: boolean;
  watch?: boolean;
}

interface CheckFlags {
  strict?: boolean;
  json?: boolean;
  accessibility?: boolean;
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
    .option('--book <shape>', `one book per series, or one per story (${choices(BOOK_SHAPES)})`, DEFAULT_OPTIONS.book)
    .option('--keep-junk', 'keep web-page leftovers (navigation, toolbars, image captions) instead of removing them')
    .option('--no-typography', 'keep quotes, dashes and dots as typed (default: curly quotes, em dashes, ellipses)')
    .option(
      '--notes <where>',
      `author's notes (A/N): kept in place, moved to the end of their chapter, or left out (${choices(NOTES_PLACEMENTS)})`,
      DEFAULT_OPTIONS.notes,
    )
    .option('--no-cover', 'no generated cover for books without a cover image')
    .option('--kobo', 'also write NAME.kepub.epub for Kobo readers')
    .option('--cache <dir>', 'folder of the cache that skips unchanged books', DEFAULT_CACHE_FOLDER)
    .option('--no-cache', 'build every book from scratch, without reading or writing the cache')
    .option('--strict', 'exit with code 1 when there are warnings too')
    .option('--check', 'check each book after writing it (EPUBCheck, needs Java; and reader rules)')
    .option('--accessibility', 'check each book with Ace by DAISY too, where it is installed (implies --check)')
    .option('--json', 'print a final report as JSON (books, totals, diagnostics, time) instead of text')
    .option(
      '-j, --jobs <n>',
      'worker threads that parse stories and make books (default: 1, all in the main thread; on 2 cores, 2 saves 5-10 % of the time with covers, for +150 MiB)',
    )
    .option(
      '--mark-new',
      'mark chapters and stories new or changed since the previous build into the output folder, "(New)" and "(Updated)" in the contents and on their heading, until a build without this flag',
    )
    .option(
      '--max-book-size <MB>',
      'split a book larger than this many megabytes into "Vol. 1", "Vol. 2", … at chapter boundaries',
    )
    .option('-q, --quiet', 'print only problems: no progress, no list of books')
    .option('-w, --watch', 'keep running, and rebuild what changed whenever a story or cover changes')
    .addHelpText('after', EXAMPLES)
    .action(async (input: string, flags: BuildFlags, command: Command) => {
      // The command line keeps a cache unless told not to; the library's default is none.
      const options: BuildOptionsInput = { cache: DEFAULT_CACHE_FOLDER, ...typedOptions(command), input };
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
    .option('--book <shape>', `one book per series, or one per story (${choices(BOOK_SHAPES)})`)
    .option('--lang <code>', 'language of stories that do not name one')
    .option('--json', 'print the plan as JSON')
    .action(async (input: string, flags: { json?: boolean }, command: Command) => {
      const planned = await plan({ ...typedOptions(command), input });
      process.stdout.write(`${flags.json ? JSON.stringify(planJson(planned), null, 2) : formatPlan(planned)}\n`);
      process.exitCode = exitCode(planned.diagnostics);
    });
  cli
    .command('check')
    .description('check EPUB books with EPUBCheck 5.1.0 (needs Java) and the rules of e-readers such as Send to Kindle')
    .argument('<books...>', '.epub files to check')
    .option('--strict', 'exit with code 1 when there are warnings too')
    .option('--json', 'print the result as JSON instead of text')
    .option('--accessibility', 'also check accessibility with Ace by DAISY (npm install -g @daisy/ace-cli)')
    .showHelpAfterError('(run "ficbind check --help" for usage)')
    .action(async (books: string[], flags: CheckFlags) => {
      const result = await checkBooks(books, { accessibility: flags.accessibility === true });
      process.stdout.write(`${flags.json ? JSON.stringify(result, null, 2) : formatCheckReport(result)}\n`);
      process.exitCode = exitCode(result.diagnostics, flags.strict);
    });
  addServeCommand(cli);
  addSendCommand(cli);
  cli.addHelpText('after', EXAMPLES);
  return cli;
}

/**
 * The build options typed on the command line, by the flag each is named by (OPTION_FLAGS); those
 * left at their defaults are not given, so a config file can set them. The schema checks them all.
 */
function typedOptions(command: Command): BuildOptionsInput {
  const options: Record<string, unknown> = {};
  for (const [key, flag] of Object.entries(OPTION_FLAGS)) {
    const option = command.options.find((o) => o.long === flag);
    if (option === undefined) continue;
    const name = option.attributeName();
    if (command.getOptionValueSource(name) === 'cli') options[key] = command.getOptionValue(name);
  }
  return options;
}

/** `series | story`, for a help line. */
function choices(values: readonly string[]): string {
  return values.join(' | ');
}

function reportText(result: BuildResult, flags: BuildFlags, mode: ProgressMode): string {
  if (flags.json) return JSON.stringify(buildReportJson(result), null, 2);
  if (flags.quiet) {
    const problems = result.diagnostics.filter(isProblem);
    return formatBuildReport({ ...result, diagnostics: problems }, { listBooks: false, changes: false });
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
    if (error instanceof UsageError) {
      process.stderr.write(`ficbind: ${error.message}\n`);
      return EXIT_USAGE;
    }
    process.stderr.write(`ficbind: unexpected failure: ${(error as Error).stack ?? String(error)}\n`);
    process.stderr.write('This is a bug in ficbind; please report it with the command you ran.\n');
    return EXIT_INPUT_FAILED;
  }
}

process.exitCode = await main(process.argv.slice(2));
