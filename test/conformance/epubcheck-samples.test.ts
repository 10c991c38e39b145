import assert from 'node:assert/strict';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import JSZip from 'jszip';
import type { Book } from '../../src/model/book.js';
import { generateCover } from '../../src/build/make-book.js';
import { toKepub } from '../../src/package/kepub.js';
import { renderBook } from '../../src/render/render-book.js';
import { SAMPLES, buildInto, type BuiltLibrary } from '../helpers/build.js';
import { firstChapter, openEpub } from '../helpers/epub.js';
import {
  itPassesEpubcheck,
  queueBooks,
  startEpubcheck,
  type EpubcheckSession,
  type QueuedBook,
} from '../helpers/epubcheck.js';
import { configuredSamples, samplesCovers } from '../helpers/library.js';
import { packToFile, sampleBooks } from '../helpers/sample-books.js';

const paths = (library: BuiltLibrary): string[] => library.result.books.map((b) => b.path);

/** A copy of a book whose first chapter is not well-formed (an `<h2>` closed by `</h3>`), and that chapter's path. */
async function malformedCopy(book: string): Promise<{ path: string; chapter: string }> {
  const chapter = await firstChapter(await openEpub(book));
  const zip = await JSZip.loadAsync(await readFile(book));
  zip.file(chapter, (await zip.file(chapter)!.async('string')).replace('</h2>', '</h3>'));
  const broken = path.join(await mkdtemp(path.join(os.tmpdir(), 'ficbind-broken-')), 'malformed.epub');
  await writeFile(broken, await zip.generateAsync({ type: 'uint8array' }));
  return { path: broken, chapter };
}

/**
 * The books the build and unit tests make from stories/, in every shape and option they try, all
 * checked by one JVM: each library is queued as soon as it is built, while the next one builds.
 */
describe('EPUBCheck 5.1.0 on the books made from the sample stories', () => {
  let session: EpubcheckSession | undefined;
  const queued = new Map<string, QueuedBook[]>();
  let brokenChapter = '';

  before(async () => {
    session = startEpubcheck();
    const queue = (name: string, books: string[]) => queued.set(name, queueBooks(session!, books));
    const series = await buildInto(SAMPLES);
    queue('series', paths(series));
    const malformed = await malformedCopy(series.book('Salt and Static'));
    brokenChapter = malformed.chapter;
    queue('broken', [malformed.path]);
    queue('story', paths(await buildInto(SAMPLES, { book: 'story' })));
    queue('covers', paths(await buildInto(SAMPLES, { covers: await samplesCovers() })));
    queue('notes end', paths(await buildInto(SAMPLES, { notes: 'end' })));
    queue('notes drop', paths(await buildInto(SAMPLES, { notes: 'drop' })));
    queue('no typography', paths(await buildInto(SAMPLES, { typography: false })));
    queue('config', paths(await buildInto(await configuredSamples(), { cover: false })));

    // As the unit tests of the kepub and the generated cover make them: rendered and packed, not built.
    const books: Book[] = await sampleBooks();
    const lantern = books.find((b) => b.title === 'The Lantern Road')!;
    const withCover: Book = { ...lantern, cover: (await generateCover(lantern)).cover };
    const paperGarden = books.find((b) => b.title === 'The Paper Garden')!;
    queue('kepub', [
      await packToFile(toKepub(renderBook(withCover)), `${withCover.fileName}.kepub.epub`),
      await packToFile(toKepub(renderBook(paperGarden)), `${paperGarden.fileName}.kepub.epub`),
    ]);
    queue('generated cover', [await packToFile(renderBook(withCover), 'generated-cover.epub')]);
  });

  after(async () => {
    await session?.close();
  });

  it('sees the fault in a deliberately broken book checked among them, so that a pass means something', async () => {
    const [broken] = queued.get('broken') ?? [];
    assert.ok(broken);
    const report = await broken.report;
    const fault = report.messages.find((m) => m.ID === 'RSC-016');
    assert.ok(fault, JSON.stringify(report.messages));
    assert.ok(fault.severity === 'FATAL' || fault.severity === 'ERROR', fault.severity);
    assert.equal(fault.locations[0]?.path, brokenChapter);
    assert.equal(report.checker.path, broken.path);
  });

  itPassesEpubcheck('the samples as series books (builds/samples)', 4, () => queued.get('series'));
  itPassesEpubcheck('the samples as one book per story (builds/samples)', 5, () => queued.get('story'));
  itPassesEpubcheck('the samples with a covers folder (builds/covers)', 4, () => queued.get('covers'));
  itPassesEpubcheck("the samples with authors' notes at the end (builds/notes-and-typography)", 4, () =>
    queued.get('notes end'),
  );
  itPassesEpubcheck("the samples with authors' notes dropped (builds/notes-and-typography)", 4, () =>
    queued.get('notes drop'),
  );
  itPassesEpubcheck('the samples without typography (builds/notes-and-typography)', 4, () =>
    queued.get('no typography'),
  );
  itPassesEpubcheck('the samples grouped by a config file (builds/config)', 2, () => queued.get('config'));
  itPassesEpubcheck('kepubs of a book with a generated cover and of one without (unit/package/kepub)', 2, () =>
    queued.get('kepub'),
  );
  itPassesEpubcheck('a book with a generated cover (unit/render/generated-cover)', 1, () =>
    queued.get('generated cover'),
  );
});
