import assert from 'node:assert/strict';
import { readFile, utimes } from 'node:fs/promises';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { DOMParser } from '@xmldom/xmldom';
import JSZip from 'jszip';
import * as opds from 'opds-feed-parser';
import sharp from 'sharp';
import { build } from '../../src/index.js';
import { FIXED_EPOCH } from '../helpers/build.js';
import { sampleShelf, startServeCli, type ServingCli, type ShelfFolder } from './shelf-folder.js';

// A CommonJS module: Node hands its whole exports object over as the default export.
const OPDSParser = (
  opds as unknown as { default: { default: new () => { parse(xml: string): Promise<opds.OPDSFeed> } } }
).default.default;
type Feed = opds.OPDSFeed;
type Entry = opds.OPDSEntry;

const ACQUISITION = 'http://opds-spec.org/acquisition';
const NAVIGATION_TYPE = 'application/atom+xml;profile=opds-catalog;kind=navigation';

let shelf: ShelfFolder;
let server: ServingCli;

async function fetchFeed(href: string): Promise<{ feed: Feed; type: string }> {
  const response = await fetch(new URL(href, server.origin));
  assert.equal(response.status, 200, `GET ${href}`);
  const feed = await new OPDSParser().parse(await response.text());
  return { feed, type: response.headers.get('content-type') ?? '' };
}

function links(entry: Entry, rel: string): opds.OPDSLink[] {
  return entry.links.filter((link) => link.rel === rel);
}

/** The `length` attribute of an acquisition link, which the parser keeps only in the raw entry. */
function lengthOf(entry: Entry, href: string): number {
  type Attribute = { value: string };
  const raw = (entry.unparsed as { link: { $: { href: Attribute; length?: Attribute } }[] }).link;
  return Number(raw.find((link) => link.$.href.value === href)?.$.length?.value);
}

describe(
  'ficbind serve: the OPDS catalog, read by a real OPDS client from another process',
  { timeout: 120_000 },
  () => {
    before(async () => {
      shelf = await sampleShelf();
      server = await startServeCli([shelf.out]);
    });
    after(async () => {
      await server?.stop();
    });

    it('has a root navigation feed at /opds that leads to newest, series, authors and search', async () => {
      const { feed, type } = await fetchFeed('/opds');
      assert.ok(feed instanceof opds.NavigationFeed, 'the root is a navigation feed');
      assert.match(type, /profile=opds-catalog;kind=navigation/);
      const titles = feed.entries.map((entry) => entry.title);
      assert.deepEqual(titles, ['All books, newest first', 'By series', 'By author']);
      assert.ok(feed.links.some((link) => link instanceof opds.SearchLink));
      assert.ok(feed.links.some((link) => link.rel === 'http://opds-spec.org/sort/new'));
    });

    it('lists every book newest first, each with its metadata and links, and every link downloads the file itself', async () => {
      const { feed } = await fetchFeed('/opds/new');
      assert.ok(feed instanceof opds.AcquisitionFeed);
      const built = shelf.result.books;
      assert.deepEqual(feed.entries.map((e) => e.title).sort(), built.map((b) => b.title).sort());
      const updated = feed.entries.map((e) => Date.parse(e.updated));
      assert.deepEqual(
        updated,
        [...updated].sort((a, b) => b - a),
        'newest first',
      );
      for (const entry of feed.entries) {
        const book = built.find((b) => b.title === entry.title)!;
        const epub = links(entry, ACQUISITION).find((l) => l.type === 'application/epub+zip');
        const kepub = links(entry, ACQUISITION).find((l) => l.type === 'application/kepub+zip');
        assert.ok(epub && kepub, `${entry.title}: EPUB and KEPUB acquisition links`);
        for (const [link, file] of [
          [epub, book.path],
          [kepub, book.path.replace(/\.epub$/, '.kepub.epub')],
        ] as const) {
          const response = await fetch(new URL(link.href, server.origin));
          const bytes = Buffer.from(await response.arrayBuffer());
          assert.equal(response.status, 200);
          assert.equal(response.headers.get('content-type'), link.type);
          assert.ok(bytes.equals(await readFile(file)), `${link.href} is byte-identical to ${path.basename(file)}`);
          assert.equal(lengthOf(entry, link.href), bytes.length, 'the link gives the size');
        }
        const opf = await packageDocument(book.path);
        assert.equal(entry.id, opf.identifier);
        assert.deepEqual(
          entry.authors.map((a) => a.name),
          opf.creators,
        );
        assert.ok(entry.updated && !Number.isNaN(Date.parse(entry.updated)));
        // Clients show the content (the summary, after the series line) before the summary element.
        if (opf.description) assert.ok(entry.summary.content.includes(opf.description), `${entry.title}: summary`);
        assert.equal(entry.language, opf.language);
        assert.deepEqual(
          entry.categories.map((c) => c.term),
          opf.subjects,
        );
      }
      const lantern = feed.entries.find((e) => e.title === 'The Lantern Road')!;
      assert.equal(lantern.series.name, 'The Lantern Road');
      assert.equal(Number(lantern.series.position), 1);
      assert.match(lantern.summary.content, /^Series: The Lantern Road \[1\]/);
    });

    it('serves each cover as the book holds it, and a small JPEG thumbnail', async () => {
      const { feed } = await fetchFeed('/opds/new');
      for (const entry of feed.entries) {
        const book = shelf.result.books.find((b) => b.title === entry.title)!;
        const image = entry.links.find((l) => l.rel === 'http://opds-spec.org/image')!;
        const thumbnail = entry.links.find((l) => l.rel === 'http://opds-spec.org/image/thumbnail')!;
        const cover = Buffer.from(await (await fetch(new URL(image.href, server.origin))).arrayBuffer());
        const zip = await JSZip.loadAsync(await readFile(book.path));
        const inBook = await zip.file('EPUB/images/cover.png')!.async('nodebuffer');
        assert.ok(cover.equals(inBook), `${entry.title}: the cover is the book's own image`);
        const small = await fetch(new URL(thumbnail.href, server.origin));
        assert.equal(small.headers.get('content-type'), 'image/jpeg');
        const info = await sharp(Buffer.from(await small.arrayBuffer())).metadata();
        assert.equal(info.format, 'jpeg');
        assert.ok(info.width! <= 200 && info.height! <= 300, `thumbnail ${info.width}×${info.height}`);
      }
    });

    it('groups books by series in series order and by author, as navigation feeds of acquisition feeds', async () => {
      const series = await fetchFeed('/opds/series');
      assert.ok(series.feed instanceof opds.NavigationFeed);
      assert.deepEqual(
        series.feed.entries.map((e) => e.title),
        ['The Lantern Road'],
      );
      const lantern = await fetchFeed(series.feed.entries[0]!.links[0]!.href);
      assert.deepEqual(
        lantern.feed.entries.map((e) => e.title),
        ['The Lantern Road'],
      );
      const authors = await fetchFeed('/opds/authors');
      const names = authors.feed.entries.map((e) => e.title);
      const creators = await Promise.all(shelf.result.books.map(async (b) => (await packageDocument(b.path)).creators));
      const expected = [...new Set(creators.flat())];
      assert.deepEqual([...names].sort(), [...expected].sort());
      for (const author of authors.feed.entries) {
        const books = await fetchFeed(author.links[0]!.href);
        assert.ok(books.feed.entries.length > 0);
        for (const entry of books.feed.entries) assert.ok(entry.authors.some((a) => a.name === author.title));
      }
    });

    it('describes its search (OpenSearch) and finds books by title, author or series', async () => {
      const description = await (await fetch(new URL('/opds/search.xml', server.origin))).text();
      const url = new DOMParser().parseFromString(description, 'application/xml').getElementsByTagName('Url')[0]!;
      assert.match(url.getAttribute('type')!, /kind=acquisition/);
      const search = (terms: string): Promise<{ feed: Feed }> =>
        fetchFeed(url.getAttribute('template')!.replace('{searchTerms}', encodeURIComponent(terms)));
      assert.deepEqual(
        (await search('lantern')).feed.entries.map((e) => e.title),
        ['The Lantern Road'],
      );
      assert.deepEqual(
        (await search('WREN alder')).feed.entries.map((e) => e.title),
        ['The Lantern Road'],
      );
      assert.deepEqual(
        (await search('paper garden')).feed.entries.map((e) => e.title),
        ['The Paper Garden'],
      );
      assert.deepEqual((await search('no such words')).feed.entries, []);
    });

    it('leaves out dotfiles, links that lead out of the folder and damaged books, and says which book it could not read', async () => {
      const { feed } = await fetchFeed('/opds/new');
      assert.equal(feed.entries.length, shelf.result.books.length);
      assert.match(server.output(), /Broken\.epub: warning: not an EPUB/);
      assert.ok(server.output().includes('[shelf/unreadable-book]'), server.output());
    });

    it('follows the folder: a book touched or built while it runs comes first without a restart', async () => {
      const paper = shelf.book('The Paper Garden');
      const later = new Date(Date.now() + 60_000);
      await utimes(paper, later, later);
      assert.equal((await fetchFeed('/opds/new')).feed.entries[0]!.title, 'The Paper Garden');
      const story = path.join(shelf.out, '..', `ficbind-late-${path.basename(shelf.out)}`);
      await import('node:fs/promises').then((fs) => fs.mkdir(story, { recursive: true }));
      await import('node:fs/promises').then((fs) =>
        fs.writeFile(
          path.join(story, 'late.txt'),
          'Title: A Late Arrival\nAuthor: Ivo Penrith\n\nThe last ferry came in after dark.\n',
        ),
      );
      await build({ input: story, out: shelf.out, cover: false, sourceDateEpoch: FIXED_EPOCH, cache: false });
      const titles = (await fetchFeed('/opds/new')).feed.entries.map((e) => e.title);
      assert.ok(titles.includes('A Late Arrival'), titles.join(', '));
    });

    it('opens the navigation feed that the shelf page links as its alternate', async () => {
      const html = await (await fetch(new URL('/', server.origin))).text();
      const alternate = /<link rel="alternate" type="([^"]+)" href="([^"]+)"/.exec(html);
      assert.equal(alternate?.[1], NAVIGATION_TYPE);
      assert.ok((await fetchFeed(alternate[2]!)).feed instanceof opds.NavigationFeed);
    });
  },
);

/** The package document's metadata, read with xmldom: the test's own reading, not the server's. */
async function packageDocument(book: string): Promise<{
  identifier: string;
  creators: string[];
  subjects: string[];
  description: string | undefined;
  language: string | undefined;
}> {
  const zip = await JSZip.loadAsync(await readFile(book));
  const opf = new DOMParser().parseFromString(await zip.file('EPUB/package.opf')!.async('string'), 'application/xml');
  const dc = (name: string): string[] =>
    Array.from(opf.getElementsByTagNameNS('http://purl.org/dc/elements/1.1/', name)).map((e) => e.textContent ?? '');
  return {
    identifier: dc('identifier')[0]!,
    creators: dc('creator'),
    subjects: dc('subject'),
    description: dc('description')[0],
    language: dc('language')[0],
  };
}
