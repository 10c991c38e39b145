import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { before, describe, it } from 'node:test';
import { FIXED_EPOCH, SHARED_STORIES, buildInto, type BuiltLibrary } from '../helpers/build.js';
import { all, openEpub, packageDocument, spinePaths, textOf, type OpenedEpub } from '../helpers/epub.js';
import { epubcheck, problems } from '../helpers/epubcheck.js';
import { asTyped, sourceParagraphs, withoutMarkup } from '../helpers/source-text.js';
import { assertBookStructure } from '../helpers/structure.js';
import { assertNothingLost } from '../helpers/words.js';

const present = existsSync(SHARED_STORIES);
// CI always has ../shared beside the repository: there a missing folder fails rather than skips.
const mustRun = present || Boolean(process.env.CI);

describe(
  'the two real stories in ../shared/stories',
  { skip: mustRun ? false : `${SHARED_STORIES} is not there` },
  () => {
    let library: BuiltLibrary;
    let returnFavor: OpenedEpub;
    let alliance: OpenedEpub;

    before(async () => {
      assert.ok(present, `${SHARED_STORIES} is missing: CI must have the shared stories beside the repository`);
      library = await buildInto(SHARED_STORIES);
      returnFavor = await openEpub(library.book('Return Favor'));
      alliance = await openEpub(library.book('An Awkward Alliance'));
    });

    it('builds one book per story with no error', () => {
      assert.equal(library.result.failed, false);
      assert.deepEqual(library.result.books.map((b) => path.basename(b.path)).sort(), [
        'An Awkward Alliance.epub',
        'Return Favor.epub',
      ]);
    });

    it('passes EPUBCheck 5.1.0 with no fatal, error or warning', async () => {
      for (const book of library.result.books) {
        const report = await epubcheck(book.path);
        assert.equal(report.checker.checkerVersion, '5.1.0');
        assert.deepEqual(problems(report), [], `${book.path} has EPUBCheck problems`);
        assert.equal(report.checker.nFatal + report.checker.nError + report.checker.nWarning, 0);
      }
    });

    it('loses no word: every word is in the book in order, or reported as removed', async () => {
      await assertNothingLost(
        path.join(SHARED_STORIES, 'return-favor.txt'),
        'return-favor.txt',
        returnFavor,
        library.result.diagnostics,
      );
      await assertNothingLost(
        path.join(SHARED_STORIES, 'an-awkward-alliance.txt'),
        'an-awkward-alliance.txt',
        alliance,
        library.result.diagnostics,
      );
    });

    it('has a sound container, nav and NCX', async () => {
      await assertBookStructure(returnFavor);
      await assertBookStructure(alliance);
    });

    describe('Return Favor', () => {
      it('has a title page with title, author, rating, pairing and timeline', async () => {
        const page = textOf(await returnFavor.xml('EPUB/text/s01-title.xhtml'));
        for (const expected of ['Return Favor', 'Nocturnal Elle', 'PG', 'Willow & Spike', 'Alternate S5.']) {
          assert.ok(page.includes(expected), `title page shows "${expected}": ${page}`);
        }
      });

      it('has a disclaimer page and a summary page with their text', async () => {
        const disclaimer = textOf(await returnFavor.xml('EPUB/text/s01-disclaimer.xhtml'));
        assert.ok(
          disclaimer.includes(
            'From the mind of Joss Whedon to the pockets of Fox and the daydreams of me. (Read: I so don’t own these characters.)',
          ),
        );
        const summary = textOf(await returnFavor.xml('EPUB/text/s01-summary.xhtml'));
        assert.ok(
          summary.includes(
            'Spike goes to Willow after a run-in with Dru. Part 2 in It’s Not Like I Planned for This to Happen',
          ),
        );
      });

      it('names its series with position 2, in the EPUB 3 and the calibre form', async () => {
        const { doc } = await packageDocument(returnFavor);
        assert.deepEqual(all(doc, 'dc:subject').map(textOf), ['Rated PG'], 'the rating, as a subject');
        const metas = all(doc, 'meta');
        const collection = metas.find((m) => m.getAttribute('property') === 'belongs-to-collection');
        assert.ok(collection);
        assert.equal(textOf(collection), "It's Not Like I Planned for This to Happen");
        const id = collection.getAttribute('id');
        const refines = metas.filter((m) => m.getAttribute('refines') === `#${id}`);
        assert.deepEqual(
          refines.map((m) => [m.getAttribute('property'), textOf(m)]),
          [
            ['collection-type', 'series'],
            ['group-position', '2'],
          ],
        );
        assert.ok(metas.indexOf(collection) < metas.indexOf(refines[0]!), 'the collection comes before its refines');
        const named = (name: string) => metas.find((m) => m.getAttribute('name') === name)?.getAttribute('content');
        assert.equal(named('calibre:series'), "It's Not Like I Planned for This to Happen");
        assert.equal(named('calibre:series_index'), '2');
        assert.equal(textOf(all(doc, 'dc:description')[0]!).startsWith('2/3 Spike goes to Willow'), true);
        assert.equal(
          textOf(all(doc, 'meta').find((m) => m.getAttribute('property') === 'dcterms:modified')!),
          new Date(FIXED_EPOCH * 1000).toISOString().replace('.000', ''),
        );
      });

      it('holds every paragraph of the story word for word, and its scene breaks as <hr/>', async () => {
        const source = path.join(SHARED_STORIES, 'return-favor.txt');
        const expected = await sourceParagraphs(source, {
          hasHeader: true,
          skip: (l) => /^[~ ]+$/.test(l) || l === 'next',
        });
        const chapter = await returnFavor.xml('EPUB/text/s01-c001.xhtml');
        const paragraphs = all(chapter, 'p').map(textOf);
        assert.deepEqual(paragraphs.map(asTyped), expected.map(withoutMarkup).map(asTyped));
        assert.ok(paragraphs.length > 40);
        const breaks = all(chapter, 'hr').filter((hr) => hr.getAttribute('class') === 'scene-break');
        assert.equal(breaks.length, 2);
      });

      it('reads front matter first, then the story', async () => {
        assert.deepEqual(await spinePaths(returnFavor), [
          'EPUB/text/cover.xhtml',
          'EPUB/text/s01-title.xhtml',
          'EPUB/text/s01-disclaimer.xhtml',
          'EPUB/text/s01-summary.xhtml',
          'EPUB/text/s01-c001.xhtml',
        ]);
        assert.ok(
          library.result.diagnostics.some(
            (d) => d.file === 'return-favor.txt' && d.line === 98 && d.rule === 'junk/navigation',
          ),
          'the trailing "next" link is reported as removed',
        );
      });
    });

    describe('An Awkward Alliance (no header, saved from a web page)', () => {
      it('takes its title from the first line and warns that the header is missing', async () => {
        const { doc } = await packageDocument(alliance);
        assert.equal(textOf(all(doc, 'dc:title')[0]!), 'An Awkward Alliance');
        assert.equal(textOf(all(doc, 'dc:creator')[0]!), 'Unknown');
        assert.ok(
          library.result.diagnostics.some(
            (d) => d.file === 'an-awkward-alliance.txt' && d.rule === 'header/missing' && d.severity === 'warning',
          ),
        );
        assert.equal(all(doc, 'dc:description').length, 0, 'no empty description');
      });

      it('leaves out the page junk and reports each removed line', async () => {
        const removed = library.result.diagnostics.filter(
          (d) => d.file === 'an-awkward-alliance.txt' && d.rule.startsWith('junk/'),
        );
        assert.deepEqual(
          removed.map((d) => d.line),
          [1, 6, 8, 146],
        );
        for (const name of alliance.entries.filter((e) => e.endsWith('.xhtml'))) {
          const text = textOf(await alliance.xml(name));
          for (const junk of ['Photobucket', 'skin light dark', '<<', '>>'])
            assert.ok(!text.includes(junk), `${name} has no "${junk}"`);
        }
      });

      it('keeps every paragraph, its curly quotes, en dashes and emphasis', async () => {
        const source = path.join(SHARED_STORIES, 'an-awkward-alliance.txt');
        const junk = /^(full\s.*dark|<<\s*>>|Photobucket - Video and Image Hosting|An Awkward Alliance)$/;
        const expected = await sourceParagraphs(source, { hasHeader: false, skip: (l) => junk.test(l) });
        const xhtml = await alliance.text('EPUB/text/s01-c001.xhtml');
        const chapter = await alliance.xml('EPUB/text/s01-c001.xhtml');
        assert.deepEqual(all(chapter, 'p').map(textOf).map(asTyped), expected.map(withoutMarkup).map(asTyped));
        assert.ok(xhtml.includes('<em>accept</em>'));
        assert.ok(xhtml.includes('“I can help you, Slayer,”'));
        assert.ok(xhtml.includes(' – '));
        assert.ok(!xhtml.includes('*'), 'no emphasis marker is left as an asterisk');
      });
    });
  },
);
