import assert from 'node:assert/strict';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { aceSkipReason, openAce, type AceChecker } from '../helpers/ace.js';
import { REPO_ROOT, SAMPLES, buildInto } from '../helpers/build.js';
import { assertEpubCheckClean, startEpubcheck } from '../helpers/epubcheck.js';
import { writeStories } from '../helpers/library.js';

const LIBRARY = path.join(REPO_ROOT, 'test/fixtures/library');

/** Two parts of a series, the second in German: its pages and TOC entries carry its language. */
const TWO_LANGUAGES = {
  'tide-tables-1.txt':
    'Title: Tide Tables\nAuthor: Brann Ellery\nSeries: Harbour Light, Part 1\nLanguage: en\n\n' +
    'Chapter 1: Low Water\n\nThe harbour emptied twice a day.\n\nChapter 2: High Water\n\nAnd filled again.\n',
  'gezeiten-2.txt':
    'Title: Gezeiten\nAuthor: Brann Ellery\nSeries: Harbour Light, Part 2\nLanguage: de\n\n' +
    'Kapitel 1: Ebbe\n\nDer Hafen leerte sich zweimal am Tag.\n\nKapitel 2: Flut\n\nUnd füllte sich wieder.\n',
};

describe('Ace by DAISY on every book ficbind makes', { skip: aceSkipReason(), timeout: 900_000 }, () => {
  let ace: AceChecker | undefined;
  const books: string[] = [];
  let twoLanguages = '';

  before(async () => {
    ace = openAce();
    const samples = await buildInto(SAMPLES);
    const library = await buildInto(LIBRARY, { kobo: true });
    const series = await buildInto(await writeStories(TWO_LANGUAGES));
    for (const built of [samples, library, series]) assert.equal(built.result.failed, false);
    books.push(...samples.result.books.map((b) => b.path));
    for (const book of library.result.books) books.push(book.path, book.path.replace(/\.epub$/, '.kepub.epub'));
    twoLanguages = series.book('Harbour Light');
    books.push(twoLanguages);
  });

  after(async () => {
    await ace?.close();
  });

  it('finds no violation of any impact in the samples, the fixture library and its kepubs', async () => {
    assert.ok(books.length >= 4 + 12 + 1, `checked ${books.length} books`);
    for (const book of books) assert.deepEqual(await ace!.violations(book), [], book);
  });

  it('a series in two languages stays valid for EPUBCheck', async () => {
    const epubcheck = startEpubcheck();
    try {
      assertEpubCheckClean(await epubcheck.check(twoLanguages));
    } finally {
      await epubcheck.close();
    }
  });
});
