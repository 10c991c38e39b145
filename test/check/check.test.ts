import assert from 'node:assert/strict';
import { mkdtemp, readdir, readFile, symlink, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { before, describe, it } from 'node:test';
import JSZip from 'jszip';
import { checkBooks, formatCheckReport, type CheckResult, type Diagnostic } from '../../src/index.js';
import { viewBook } from '../../src/check/book-view.js';
import { readEpub } from '../../src/check/read-epub.js';
import { runReaderRules } from '../../src/check/reader-rules.js';
import { SAMPLES, buildInto, type BuiltLibrary } from '../helpers/build.js';
import { runCli } from '../helpers/cli.js';

// A JVM start costs seconds: the books below are built once and reused, and each check runs
// EPUBCheck on all its books in one JVM.

const temp = (prefix: string): Promise<string> => mkdtemp(path.join(os.tmpdir(), `ficbind-${prefix}-`));
const CHAPTER_1 = 'EPUB/text/first-light-c001.xhtml';
const CHAPTER_2 = 'EPUB/text/the-far-shore-c001.xhtml';

interface CheckJson {
  books: Array<{ path: string; errors: number; warnings: number }>;
  diagnostics: Diagnostic[];
}

/** Copies a book with some entries rewritten (mimetype kept first, stored unless asked otherwise). */
async function rewriteBook(
  source: string,
  target: string,
  edits: Record<string, (text: string) => string>,
  extra: Record<string, Uint8Array> = {},
  mimetypeCompression: 'STORE' | 'DEFLATE' = 'STORE',
): Promise<string> {
  const zip = await JSZip.loadAsync(await readFile(source));
  const out = new JSZip();
  for (const entry of Object.values(zip.files).filter((e) => !e.dir)) {
    const edit = edits[entry.name];
    const data = edit ? edit(await entry.async('string')) : await entry.async('uint8array');
    out.file(entry.name, data, { compression: entry.name === 'mimetype' ? mimetypeCompression : 'DEFLATE' });
  }
  for (const [name, data] of Object.entries(extra)) out.file(name, data, { compression: 'DEFLATE' });
  await writeFile(target, await out.generateAsync({ type: 'uint8array' }));
  return target;
}

const ONE_PIXEL_PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8DwHwAFBQIAX8jx0gAAAABJRU5ErkJggg==',
  'base64',
);

const errorsAndWarnings = (diagnostics: readonly Diagnostic[]): Diagnostic[] =>
  diagnostics.filter((d) => d.severity !== 'info');
const show = (diagnostics: readonly Diagnostic[]): string =>
  diagnostics.map((d) => `${d.file}:${d.line}: ${d.rule} ${d.message}`).join('\n');

describe('ficbind check', () => {
  let samples: BuiltLibrary;
  let lanternRoad: string;
  /** A chapter that is not well-formed. */
  let malformed: string;
  /** An image without alt text, stored under a file name with a space: warnings only. */
  let careless: string;
  /** `checkBooks([malformed, careless])`, in this process. */
  let checkedBroken: CheckResult;

  before(async () => {
    samples = await buildInto(SAMPLES);
    lanternRoad = samples.book('The Lantern Road');
    const dir = await temp('check-broken');
    malformed = await rewriteBook(lanternRoad, path.join(dir, 'malformed.epub'), {
      [CHAPTER_1]: (text) => text.replace('</h2>', '</h3>'),
    });
    careless = await rewriteBook(
      lanternRoad,
      path.join(dir, 'careless.epub'),
      {
        [CHAPTER_2]: (text) => text.replace('<h2>', '<img src="../images/sea%20view.png"/><h2>'),
        'EPUB/package.opf': (text) =>
          text.replace(
            '</manifest>',
            '<item id="sea-view" href="images/sea%20view.png" media-type="image/png"/></manifest>',
          ),
      },
      { 'EPUB/images/sea view.png': ONE_PIXEL_PNG },
    );
    checkedBroken = await checkBooks([malformed, careless]);
  });

  it('finds no error and no warning in any book built from stories/ (check --json exits 0)', async () => {
    const books = samples.result.books.map((b) => b.path);
    assert.equal(books.length, 4);
    const run = await runCli(['check', '--json', ...books]);
    assert.equal(run.code, 0, run.stdout + run.stderr);
    const result = JSON.parse(run.stdout) as CheckJson;
    assert.deepEqual(
      result.books.map((b) => b.path),
      books,
    );
    const problems = errorsAndWarnings(result.diagnostics);
    assert.deepEqual(problems, [], show(problems));
  });

  it("reports EPUBCheck's errors and warnings with their ID and place, and the reader rules", () => {
    const result = checkedBroken;
    assert.equal(result.failed, true);
    assert.deepEqual(
      result.books.map((b) => [path.basename(b.path), b.errors > 0, b.warnings > 0]),
      [
        ['malformed.epub', true, false],
        ['careless.epub', false, true],
      ],
      show(result.diagnostics),
    );

    const notWellFormed = result.diagnostics.find((d) => d.rule === 'epubcheck/RSC-016');
    assert.ok(notWellFormed, show(result.diagnostics));
    assert.equal(notWellFormed.severity, 'error');
    assert.equal(notWellFormed.file, `${malformed}/${CHAPTER_1}`);
    assert.equal(notWellFormed.line, 1);
    assert.ok(notWellFormed.column !== undefined && notWellFormed.column > 1);
    assert.match(notWellFormed.message, /must be terminated by the matching end-tag "<\/h2>"/);

    const spaced = result.diagnostics.find((d) => d.rule === 'epubcheck/PKG-010');
    assert.equal(spaced?.severity, 'warning', show(result.diagnostics));
    assert.match(spaced.message, /sea view\.png/);
    const byReaderRules = result.diagnostics
      .filter((d) => d.rule.startsWith('reader/'))
      .map((d) => [d.rule, d.severity, d.file, d.line]);
    assert.deepEqual(byReaderRules, [
      ['reader/file-name-space', 'warning', `${careless}/EPUB/images/sea view.png`, undefined],
      ['reader/img-src-alt', 'warning', `${careless}/${CHAPTER_2}`, 1],
    ]);

    const report = formatCheckReport(result);
    assert.ok(
      report.includes(`${malformed}/${CHAPTER_1}:1:${notWellFormed.column}: error: Fatal Error while parsing file:`),
      report,
    );
    assert.match(report, /\[epubcheck\/RSC-016\]/);
    assert.match(
      report,
      /careless\.epub\/EPUB\/text\/the-far-shore-c001\.xhtml:1:\d+: warning: img without alt \[reader\/img-src-alt\]/,
    );
    assert.match(report, /checked .*careless\.epub: 0 errors, 3 warnings/);
    assert.match(report, /2 books checked, 1 error, 3 warnings$/);
  });

  it('without the compiler module to build its launcher, runs each book in a JVM of its own, with the same findings', async () => {
    // --limit-modules=java.se hides jdk.compiler, as a runtime image without it would; an empty
    // cache folder makes ficbind try to compile its launcher.
    const cache = await temp('check-cache');
    const env = { XDG_CACHE_HOME: cache, JDK_JAVA_OPTIONS: '--limit-modules=java.se' };
    const run = await runCli(['check', '--json', malformed, careless], { env });
    assert.deepEqual(await readdir(cache), [], 'no launcher could be compiled');
    assert.equal(run.code, 1, run.stderr);
    const alone = JSON.parse(run.stdout) as CheckJson;
    assert.ok(
      alone.diagnostics.some((d) => d.rule === 'epubcheck/RSC-016'),
      show(alone.diagnostics),
    );
    assert.deepEqual(alone, JSON.parse(JSON.stringify(checkedBroken)));
  });

  it('reader rules catch what readers reject: mimetype, declarations, language, links to body, toc order', async () => {
    const book = await rewriteBook(
      lanternRoad,
      path.join(await temp('check-rules'), 'rules.epub'),
      {
        'EPUB/text/the-far-shore-title.xhtml': (text) => text.replace(/^<\?xml[^>]*\?>/, ''),
        'EPUB/package.opf': (text) =>
          text
            .replace('<dc:language>en</dc:language>', '<dc:language>English (UK)</dc:language>')
            .replace('<itemref idref="first-light-c001"/>', '')
            .replace('</spine>', '<itemref idref="first-light-c001"/></spine>'),
        [CHAPTER_1]: (text) => text.replace('<body>', '<body id="top">'),
        'EPUB/nav.xhtml': (text) =>
          text.replace('href="text/first-light-c001.xhtml"', 'href="text/first-light-c001.xhtml#top"'),
        'EPUB/toc.ncx': (text) =>
          text
            .replace(/^<\?xml[^>]*\?>/, '<?xml version="1.0"?>')
            .replace('src="text/first-light-c001.xhtml"', 'src="text/first-light-c001.xhtml#top"'),
      },
      {},
      'DEFLATE',
    );
    const read = await readEpub(book);
    assert.ok(read.contents, read.diagnostics[0]?.message);
    const lineOf = (entry: string, needle: string): number =>
      read.contents.texts.get(entry)!.split(needle)[0]!.split('\n').length;
    const found = runReaderRules(viewBook(read.contents)).map((d) => [
      d.rule,
      d.severity,
      d.file.slice(book.length),
      d.line,
      d.message,
    ]);
    assert.deepEqual(found, [
      ['reader/mimetype', 'error', '/mimetype', undefined, 'mimetype is compressed; it must be stored uncompressed'],
      [
        'reader/xml-declaration',
        'warning',
        '/EPUB/text/the-far-shore-title.xhtml',
        1,
        'the document does not start with an XML declaration naming its encoding',
      ],
      ['reader/xml-declaration', 'warning', '/EPUB/toc.ncx', 1, 'the XML declaration does not name the encoding'],
      [
        'reader/language',
        'warning',
        '/EPUB/package.opf',
        lineOf('EPUB/package.opf', '<dc:language>'),
        'dc:language "English (UK)" is not a BCP 47 language tag',
      ],
      [
        'reader/link-to-body',
        'warning',
        '/EPUB/nav.xhtml',
        lineOf('EPUB/nav.xhtml', '<a href="text/first-light-c001.xhtml#top"'),
        'the link "text/first-light-c001.xhtml#top" targets the body element of EPUB/text/first-light-c001.xhtml',
      ],
      [
        'reader/link-to-body',
        'warning',
        '/EPUB/toc.ncx',
        lineOf('EPUB/toc.ncx', '<content src="text/first-light-c001.xhtml#top"'),
        'the link "text/first-light-c001.xhtml#top" targets the body element of EPUB/text/first-light-c001.xhtml',
      ],
      [
        'reader/spine-order',
        'warning',
        '/EPUB/nav.xhtml',
        lineOf('EPUB/nav.xhtml', '<a href="text/the-far-shore-title.xhtml"'),
        'contents entry "The Far Shore" comes after "First Light", but EPUB/text/the-far-shore-title.xhtml comes before that in the spine',
      ],
    ]);
  });

  it('names a missing or non-zip file, and exits 1 when there is an error, 1 on a warning with --strict, 2 for bad usage', async () => {
    const missing = path.join(os.tmpdir(), 'ficbind-no-such-book.epub');
    const run = await runCli(['check', missing, path.join(SAMPLES, 'salt-and-static.txt')]);
    assert.equal(run.code, 1);
    assert.ok(run.stdout.includes(`${missing}: error: no such file [check/no-such-file]`), run.stdout);
    assert.match(
      run.stdout,
      /salt-and-static\.txt: error: not an EPUB: it cannot be read as a zip archive \[check\/not-a-zip\]/,
    );
    assert.equal(run.stderr, '');

    const strict = await runCli(['check', '--strict', '--json', careless]);
    assert.equal(strict.code, 1, 'warnings fail a --strict check');
    const result = JSON.parse(strict.stdout) as CheckJson;
    assert.deepEqual(
      result.books.map((b) => [b.errors, b.warnings]),
      [[0, 3]],
    );

    const noBooks = await runCli(['check']);
    assert.equal(noBooks.code, 2);
    assert.match(noBooks.stderr, /missing required argument 'books'/);
    const unknownOption = await runCli(['check', '--frobnicate', lanternRoad]);
    assert.equal(unknownOption.code, 2);
    assert.match(unknownOption.stderr, /ficbind check --help/);
  });

  it('build --check checks every book it writes, and exits 0 on the samples', async () => {
    const run = await runCli(['build', SAMPLES, '-o', await temp('check-build'), '--check', '--json']);
    assert.equal(run.code, 0, run.stdout + run.stderr);
    const result = JSON.parse(run.stdout) as { books: unknown[]; diagnostics: Diagnostic[] };
    assert.equal(result.books.length, 4);
    const fromCheck = result.diagnostics.filter((d) => d.rule.startsWith('epubcheck/') || d.rule.startsWith('reader/'));
    assert.deepEqual(fromCheck, [], show(fromCheck));
  });

  it('says clearly, once and without a stack trace, that EPUBCheck needs Java when there is none', async () => {
    const bin = await temp('check-no-java');
    await symlink(process.execPath, path.join(bin, 'node'));
    assert.equal(existsSync(path.join(bin, 'java')), false);
    const env = { PATH: bin, JAVA_HOME: undefined };

    const run = await runCli(['check', lanternRoad, samples.book('Salt and Static')], { env });
    assert.equal(run.code, 1);
    assert.equal(run.stdout.match(/EPUBCheck needs a Java runtime/g)?.length, 1, run.stdout);
    assert.match(
      run.stdout,
      /error: EPUBCheck needs a Java runtime, and no "java" command was found \[epubcheck\/java-missing\]/,
    );
    assert.match(run.stdout, /apt-get install -y default-jre-headless/);
    assert.match(run.stdout, /brew install openjdk/);
    assert.doesNotMatch(run.stdout + run.stderr, /\n\s+at |unexpected failure/, 'no stack trace');

    const built = await runCli(['build', SAMPLES, '-o', await temp('check-no-java-out'), '--check'], { env });
    assert.equal(built.code, 1, 'a build asked to check cannot pass unchecked');
    assert.equal(built.stdout.match(/EPUBCheck needs a Java runtime/g)?.length, 1, built.stdout);
    assert.match(built.stdout, /4 books written/);
  });

  it('says EPUBCheck could not check the book when the JVM does not start, and fails', async () => {
    // A heap too small to start with, as a stray JAVA_TOOL_OPTIONS in a user's environment can set.
    const run = await runCli(['check', '--json', lanternRoad], { env: { JAVA_TOOL_OPTIONS: '-Xmx1k' } });
    assert.equal(run.code, 1, run.stdout + run.stderr);
    const result = JSON.parse(run.stdout) as CheckJson;
    assert.deepEqual(
      result.diagnostics.filter((d) => d.rule.startsWith('epubcheck/')).map((d) => [d.rule, d.severity, d.file]),
      [['epubcheck/failed', 'error', lanternRoad]],
    );
    assert.ok(result.diagnostics.find((d) => d.rule === 'epubcheck/failed')?.hint, 'with a hint');
    assert.doesNotMatch(run.stdout + run.stderr, /\n\s+at |unexpected failure/, 'no stack trace');
  });
});
