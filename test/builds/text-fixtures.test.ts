import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { before, describe, it } from 'node:test';
import { encodedFixtures, fixtureTexts } from '../fixtures/text/make.js';
import { REPO_ROOT, buildInto, type BuiltLibrary } from '../helpers/build.js';
import { all, openEpub, packageDocument, spinePaths, textOf, type OpenedEpub } from '../helpers/epub.js';
import { assertBookStructure, assertNoBrokenCharacters, markupEntries } from '../helpers/structure.js';
import { assertNothingLost } from '../helpers/words.js';

/** What a fixture's book must hold, as written in test/fixtures/text/expected.json. */
interface Expected {
  title?: string;
  author?: string;
  /** The heading of each chapter page, in order. */
  chapters?: string[];
  /** Paragraphs the chapters hold, each the whole text of one `<p>`. */
  paragraphs?: string[];
  /** Markup the chapters hold, as serialised in the book. */
  contains?: string[];
  titlePage?: string[];
  summary?: string;
  disclaimer?: string;
  /** Diagnostics the build must report for the file; its warnings and errors must all be listed. */
  diagnostics?: Array<{ rule: string; line?: number; message?: string }>;
  /** A file that makes no book: the rule of its one error. */
  error?: string;
}

const FOLDER = path.join(REPO_ROOT, 'test/fixtures/text');

describe('text fixtures: encodings, shapes and headings of real saved stories', () => {
  let library: BuiltLibrary;
  let expected: Record<string, Expected>;
  const books = new Map<string, OpenedEpub>();

  before(async () => {
    expected = JSON.parse(await readFile(path.join(FOLDER, 'expected.json'), 'utf8')) as Record<string, Expected>;
    library = await buildInto(FOLDER, { cover: false });
    for (const [file, want] of Object.entries(expected))
      if (want.title) books.set(file, await openEpub(library.book(want.title)));
    assert.ok(books.size > 0, 'expected.json names books to check');
  });

  /** Every spine page of a fixture's book: path, markup and parsed document. */
  const pages = async (file: string) => {
    const epub = books.get(file) as OpenedEpub;
    return Promise.all(
      (await spinePaths(epub)).map(async (p) => ({ path: p, raw: await epub.text(p), doc: await epub.xml(p) })),
    );
  };

  it('has the encoded fixtures on disk exactly as make.ts writes them', async () => {
    for (const [name, bytes] of encodedFixtures()) {
      assert.deepEqual(
        new Uint8Array(await readFile(path.join(FOLDER, name))),
        new Uint8Array(bytes),
        `${name}: run npx tsx test/fixtures/text/make.ts`,
      );
    }
  });

  it('builds one book per story, and none from a header-only file or a challenge page, each with one error', () => {
    const titles = Object.values(expected).flatMap((e) => (e.title ? [e.title] : []));
    assert.deepEqual(library.result.books.map((b) => b.title).sort(), titles.sort());
    for (const [file, want] of Object.entries(expected)) {
      if (!want.error) continue;
      const errors = library.result.diagnostics.filter((d) => d.file === file && d.severity === 'error');
      assert.deepEqual(
        errors.map((d) => d.rule),
        [want.error],
        file,
      );
    }
  });

  it('reports what each file needs reported, and no warning or error besides', () => {
    for (const [file, want] of Object.entries(expected)) {
      const reported = library.result.diagnostics.filter((d) => d.file === file);
      for (const rule of want.diagnostics ?? []) {
        const found = reported.some(
          (d) =>
            d.rule === rule.rule &&
            (rule.line === undefined || d.line === rule.line) &&
            (rule.message === undefined || d.message.includes(rule.message)),
        );
        assert.ok(
          found,
          `${file}: ${JSON.stringify(rule)} among ${JSON.stringify(reported.map((d) => [d.rule, d.line]))}`,
        );
      }
      const problems = reported.filter((d) => d.severity !== 'info' && d.rule !== want.error);
      for (const d of problems)
        assert.ok(
          want.diagnostics?.some((r) => r.rule === d.rule && (r.line === undefined || r.line === d.line)),
          `${file}: unexpected ${d.severity} ${d.rule}: ${d.message}`,
        );
    }
  });

  it('has a sound structure (EPUBCheck: test/conformance)', async () => {
    for (const epub of books.values()) await assertBookStructure(epub);
  });

  it('has no U+FFFD and no private-use mark in any book, and all its text in NFC', async () => {
    for (const [file, epub] of books) {
      for (const [name, raw] of await markupEntries(epub)) {
        assertNoBrokenCharacters(raw, `${file}: ${name}`);
        assert.equal(raw, raw.normalize('NFC'), `${file}: ${name} is NFC`);
      }
    }
  });

  it('loses no story word: every word of the text as typed is in the book, in order', async () => {
    for (const file of books.keys()) {
      // The text as typed in make.ts (or the UTF-8 file itself), not ficbind's decoding of it.
      const text = fixtureTexts().get(file) ?? (await readFile(path.join(FOLDER, file), 'utf8'));
      const lines = text.replace(/\r\n?/g, '\n').split('\n');
      await assertNothingLost(
        path.join(FOLDER, file),
        file,
        books.get(file) as OpenedEpub,
        library.result.diagnostics,
        { lines, header: headerLines(lines) },
      );
    }
  });

  it('reads title and author, whatever the encoding', async () => {
    for (const [file, epub] of books) {
      const want = expected[file] as Expected;
      const { doc } = await packageDocument(epub);
      assert.equal(textOf(all(doc, 'dc:title')[0]!), want.title, file);
      assert.equal(textOf(all(doc, 'dc:creator')[0]!), want.author, file);
    }
  });

  it('gives each story its chapters, paragraphs and front matter', async () => {
    for (const file of books.keys()) {
      const want = expected[file] as Expected;
      const all_ = await pages(file);
      const chapters = all_.filter((p) => /-c\d+\.xhtml$/.test(p.path));
      if (want.chapters)
        assert.deepEqual(
          chapters.map((p) => textOf(all(p.doc, 'h2')[0]!)),
          want.chapters,
          file,
        );
      const paragraphs = new Set(chapters.flatMap((p) => all(p.doc, 'p').map(textOf)));
      for (const text of want.paragraphs ?? []) assert.ok(paragraphs.has(text), `${file}: a paragraph reads "${text}"`);
      const markup = chapters.map((p) => p.raw).join('\n');
      for (const shown of want.contains ?? []) assert.ok(markup.includes(shown), `${file}: the chapters hold ${shown}`);
      const text = (suffix: string) =>
        all_
          .filter((p) => p.path.endsWith(suffix))
          .map((p) => textOf(p.doc))
          .join(' ');
      for (const shown of want.titlePage ?? [])
        assert.ok(text('-title.xhtml').includes(shown), `${file}: the title page shows "${shown}"`);
      if (want.summary) assert.ok(text('-summary.xhtml').includes(want.summary), `${file}: summary`);
      if (want.disclaimer) assert.ok(text('-disclaimer.xhtml').includes(want.disclaimer), `${file}: disclaimer`);
    }
  });
});

/** The header block at the top (`Key: value` lines, or a `Part 8/9` line over them), by line index. */
function headerLines(lines: readonly string[]): Set<number> {
  const header = new Set<number>();
  let index = /^Part \d+\/\d+$/.test(lines[0] ?? '') ? 1 : 0;
  if (index === 1) header.add(0);
  while (index < lines.length && /^[A-Za-z][A-Za-z'’ ]{0,23}:\s*\S/.test(lines[index] as string)) header.add(index++);
  return header;
}
