import assert from 'node:assert/strict';
import { readFile, readdir } from 'node:fs/promises';
import path from 'node:path';
import { before, describe, it } from 'node:test';
import { REPO_ROOT, buildInto, type BuiltLibrary } from '../helpers/build.js';
import { all, openEpub, packageDocument, spinePaths, textOf, type OpenedEpub } from '../helpers/epub.js';
import { markupSource } from '../helpers/source-text.js';
import {
  assertBookStructure,
  assertNoActiveContent,
  assertNoBrokenCharacters,
  markupEntries,
} from '../helpers/structure.js';
import { assertNothingLost } from '../helpers/words.js';

/** What a fixture's book must hold, as written in the fixture folder's expected.json. */
interface Expected {
  title?: string;
  author?: string;
  series?: { name: string; position: string };
  chapters?: string[];
  /** Markup the chapters hold, as serialised in the book. */
  contains?: string[];
  titlePage?: string[];
  summary?: string;
  disclaimer?: string;
  /** Text reported as removed, each with a diagnostic naming it. */
  removed?: string[];
  /** Text of the page's chrome or of hostile content that no page of the book holds. */
  absent?: string[];
  /** A file that makes no book: the rule of its error. */
  error?: string;
}

const FIXTURES = path.join(REPO_ROOT, 'test/fixtures');

for (const format of ['html', 'markdown']) {
  describe(`${format} fixtures`, () => {
    const folder = path.join(FIXTURES, format);
    let library: BuiltLibrary;
    let expected: Record<string, Expected>;
    const books = new Map<string, OpenedEpub>();

    before(async () => {
      expected = JSON.parse(await readFile(path.join(folder, 'expected.json'), 'utf8')) as Record<string, Expected>;
      library = await buildInto(folder);
      for (const [, want] of Object.entries(expected))
        if (want.title) books.set(want.title, await openEpub(library.book(want.title)));
      assert.ok(books.size > 0, 'expected.json names books to check');
    });

    /** Every page of a book, serialised, and its text. */
    const pages = async (epub: OpenedEpub) =>
      Promise.all(
        (await spinePaths(epub)).map(async (p) => ({ path: p, raw: await epub.text(p), doc: await epub.xml(p) })),
      );

    it('builds one book per story file or folder, and none from a file without a story', () => {
      const made = Object.values(expected)
        .filter((e) => e.title)
        .map((e) => e.title);
      assert.deepEqual(library.result.books.map((b) => b.title).sort(), [...made].sort());
      for (const [file, want] of Object.entries(expected)) {
        if (!want.error) continue;
        const errors = library.result.diagnostics.filter((d) => d.file === file && d.severity === 'error');
        assert.deepEqual(
          errors.map((d) => d.rule),
          [want.error],
          `${file}: one error saying why`,
        );
      }
    });

    it('has a sound structure (EPUBCheck: test/conformance)', async () => {
      for (const epub of books.values()) await assertBookStructure(epub);
    });

    it('has no script, event handler, remote resource or U+FFFD in any book', async () => {
      for (const [title, epub] of books) {
        for (const [name, raw] of await markupEntries(epub)) {
          assertNoBrokenCharacters(raw, `${title}: ${name}`);
          assert.doesNotMatch(raw, /<script|\son\w+\s*=|javascript:|data:text/i, `${title}: ${name}`);
          if (name.endsWith('html')) assertNoActiveContent(await epub.xml(name), name);
        }
      }
    });

    it('loses no story word: each is in the book in order, or reported as removed', async () => {
      for (const [source, want] of Object.entries(expected)) {
        if (!want.title) continue;
        const epub = books.get(want.title) as OpenedEpub;
        // A folder story: every file in the folder, as the disk lists it.
        const files = source.includes('.')
          ? [source]
          : (await readdir(path.join(folder, source))).map((name) => `${source}/${name}`);
        assert.ok(files.length > 0, `${source}: a story folder with files to check`);
        for (const file of files) {
          const full = path.join(folder, file);
          await assertNothingLost(full, file, epub, library.result.diagnostics, await markupSource(full));
        }
      }
    });

    it('reads the metadata the page carries: title, author, series and its part', async () => {
      for (const want of Object.values(expected)) {
        if (!want.title) continue;
        const { doc } = await packageDocument(books.get(want.title) as OpenedEpub);
        const metas = all(doc, 'meta');
        assert.equal(textOf(all(doc, 'dc:title')[0]!), want.title);
        assert.equal(textOf(all(doc, 'dc:creator')[0]!), want.author);
        const collection = metas.find((m) => m.getAttribute('property') === 'belongs-to-collection');
        if (!want.series) {
          assert.equal(collection, undefined, `${want.title} is in no series`);
          continue;
        }
        assert.equal(textOf(collection!), want.series.name);
        const position = metas.find(
          (m) =>
            m.getAttribute('refines') === `#${collection!.getAttribute('id')}` &&
            m.getAttribute('property') === 'group-position',
        );
        assert.equal(textOf(position!), want.series.position);
      }
    });

    it('gives each story its chapters, emphasis, front matter and nothing of the page chrome', async () => {
      for (const [source, want] of Object.entries(expected)) {
        if (!want.title) continue;
        const all_ = await pages(books.get(want.title) as OpenedEpub);
        const chapters = all_.filter((p) => /-c\d+\.xhtml$/.test(p.path));
        const chapterMarkup = chapters.map((p) => p.raw).join('\n');
        const text = (suffix: string) =>
          all_
            .filter((p) => p.path.endsWith(suffix))
            .map((p) => textOf(p.doc))
            .join(' ');
        if (want.chapters)
          assert.deepEqual(
            chapters.map((p) => textOf(all(p.doc, 'h2')[0]!)),
            want.chapters,
            source,
          );
        for (const markup of want.contains ?? [])
          assert.ok(chapterMarkup.includes(markup), `${source}: the chapters hold ${markup}`);
        for (const shown of want.titlePage ?? [])
          assert.ok(text('-title.xhtml').includes(shown), `${source}: the title page shows "${shown}"`);
        if (want.summary) assert.ok(text('-summary.xhtml').includes(want.summary), `${source}: summary`);
        if (want.disclaimer) assert.ok(text('-disclaimer.xhtml').includes(want.disclaimer), `${source}: disclaimer`);
        const everything = all_.map((p) => p.raw).join('\n');
        for (const chrome of want.absent ?? [])
          assert.ok(!everything.includes(chrome), `${source}: no "${chrome}" in the book`);
        for (const removed of want.removed ?? []) {
          assert.ok(!everything.includes(removed), `${source}: "${removed}" is not in the book`);
          assert.ok(
            library.result.diagnostics.some((d) => d.file === source && d.removed === removed && d.line !== undefined),
            `${source}: "${removed}" is reported with its line`,
          );
        }
      }
    });
  });
}
