import { existsSync } from 'node:fs';
import path from 'node:path';
import { after, before, describe } from 'node:test';
import { REPO_ROOT, SHARED_STORIES, buildInto, type BuiltLibrary } from '../helpers/build.js';
import {
  itPassesEpubcheck,
  queueBooks,
  startEpubcheck,
  type EpubcheckSession,
  type QueuedBook,
} from '../helpers/epubcheck.js';
import { awkwardTextStories, writeStories } from '../helpers/library.js';
import { epubLibrary } from '../helpers/epub-fixtures.js';

const FIXTURES = path.join(REPO_ROOT, 'test/fixtures');
const paths = (library: BuiltLibrary): string[] => library.result.books.map((b) => b.path);
const sharedPresent = existsSync(SHARED_STORIES);

/**
 * The books the build and pathological tests make from the fixture libraries, the awkward-text
 * stories and the two real stories beside the repository, all checked by one JVM: each library
 * is queued as soon as it is built, while the next one builds.
 */
describe('EPUBCheck 5.1.0 on the books made from the fixtures', () => {
  let session: EpubcheckSession | undefined;
  const queued = new Map<string, QueuedBook[]>();

  before(async () => {
    session = startEpubcheck();
    const queue = (name: string, books: string[]) => queued.set(name, queueBooks(session!, books));
    const library = path.join(FIXTURES, 'library');
    const series = await buildInto(library, { cover: false, cache: false, kobo: true });
    queue('library series', paths(series));
    queue(
      'library kepubs',
      paths(series).map((p) => p.replace(/\.epub$/, '.kepub.epub')),
    );
    queue('library story', paths(await buildInto(library, { book: 'story', cover: false, cache: false })));
    queue('html', paths(await buildInto(path.join(FIXTURES, 'html'))));
    queue('markdown', paths(await buildInto(path.join(FIXTURES, 'markdown'))));
    queue('downloads', paths(await buildInto(path.join(FIXTURES, 'downloads'), { cover: false })));
    queue('serials', paths(await buildInto(path.join(FIXTURES, 'serials'), { cover: false })));
    queue('text', paths(await buildInto(path.join(FIXTURES, 'text'), { cover: false })));
    queue('edges', paths(await buildInto(path.join(FIXTURES, 'edges'), { cover: false })));
    queue('old texts', paths(await buildInto(path.join(FIXTURES, 'old-texts'), { cover: false })));
    queue('awkward text', paths(await buildInto(await writeStories(awkwardTextStories()))));
    const epubs = await epubLibrary(path.join(FIXTURES, 'epub/series'));
    queue('epub series', paths(await buildInto(epubs)));
    queue('epub stories', paths(await buildInto(epubs, { book: 'story', cover: false, kobo: true })));
    const pictures = paths(await buildInto(await epubLibrary(path.join(FIXTURES, 'epub/images')), { kobo: true }));
    queue('epub images', [...pictures, ...pictures.map((p) => p.replace(/\.epub$/, '.kepub.epub'))]);
    queue('epub calibre split', paths(await buildInto(await epubLibrary(path.join(FIXTURES, 'epub/calibre-split')))));
    if (sharedPresent) queue('shared', paths(await buildInto(SHARED_STORIES)));
  });

  after(async () => {
    await session?.close();
  });

  itPassesEpubcheck('the messy library as series books (builds/grouping)', 6, () => queued.get('library series'));
  itPassesEpubcheck('the messy library as kepubs (builds/grouping)', 6, () => queued.get('library kepubs'));
  itPassesEpubcheck('the messy library as one book per story (builds/grouping)', 12, () => queued.get('library story'));
  itPassesEpubcheck('the HTML fixtures (builds/formats)', 5, () => queued.get('html'));
  itPassesEpubcheck('the Markdown fixtures (builds/formats)', 1, () => queued.get('markdown'));
  itPassesEpubcheck('the AO3, FanFicFare and FicHub downloads (builds/downloads)', 7, () => queued.get('downloads'));
  itPassesEpubcheck('the web serial pages (builds/serials)', 11, () => queued.get('serials'));
  itPassesEpubcheck('the text fixtures: encodings, shapes and headings (builds/text-fixtures)', 10, () =>
    queued.get('text'),
  );
  itPassesEpubcheck('the edge fixtures: references, slug series, grouping, charsets (builds/edges-fixtures)', 16, () =>
    queued.get('edges'),
  );
  itPassesEpubcheck('old texts: Gutenberg editions, Usenet posts, Mac Roman (builds/old-texts)', 9, () =>
    queued.get('old texts'),
  );
  itPassesEpubcheck('awkward text: encodings, control characters, markup, right-to-left, emoji (pathological)', 6, () =>
    queued.get('awkward text'),
  );
  itPassesEpubcheck('three EPUB inputs (FanFicFare, EPUB 3, AO3) as one series book (builds/epub-input)', 1, () =>
    queued.get('epub series'),
  );
  itPassesEpubcheck('the same EPUB inputs as one book per story', 3, () => queued.get('epub stories'));
  itPassesEpubcheck('an EPUB input with pictures, with its drawn cover, and its kepub (builds/epub-images)', 2, () =>
    queued.get('epub images'),
  );
  itPassesEpubcheck('an EPUB that calibre split mid-chapter (builds/epub-input)', 1, () =>
    queued.get('epub calibre split'),
  );
  describe(
    'the two real stories in ../shared/stories (builds/shared-stories)',
    {
      skip: sharedPresent ? false : `${SHARED_STORIES} is not there`,
    },
    () => {
      itPassesEpubcheck('both books', 2, () => queued.get('shared'));
    },
  );
});
