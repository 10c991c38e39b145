import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import type { Book, ChangeMark } from '../../src/model/book.js';
import type { Story, StoryMeta } from '../../src/model/story.js';
import { parseEmphasis } from '../../src/parse/emphasis.js';
import { renderCoverPage } from '../../src/render/cover-page.js';
import { renderDisclaimer, renderSummary, renderTitlePage } from '../../src/render/front-matter.js';
import { all, parseXml } from '../helpers/epub.js';
import {
  renderCoverPageWithXmlbuilder2,
  renderDisclaimerWithXmlbuilder2,
  renderSummaryWithXmlbuilder2,
  renderTitlePageWithXmlbuilder2,
} from '../helpers/front-matter-oracle.js';
import { NOT_XML_CHAR, propertyOptions, RUNS } from '../helpers/property.js';

const OPTIONS = propertyOptions();

/**
 * Metadata text weighted towards what needs escaping or looks escaped already, with emoji,
 * right-to-left script, emphasis markers (a summary's `*x*`, `_x_` and the readers' private-use
 * marks) and values that are nearly empty.
 */
const text = (unit: 'binary' | 'grapheme'): fc.Arbitrary<string> =>
  fc
    .array(
      fc.oneof(
        { weight: 3, arbitrary: fc.string({ unit, maxLength: 8 }) },
        {
          weight: 2,
          arbitrary: fc.constantFrom('&', '<', '>', '"', "'", '&amp;', '&#38;', '&nbsp;', '&copy', ']]>', '\n', '\t'),
        },
        { weight: 1, arbitrary: fc.constantFrom('</dd>', '<i>', '<![CDATA[', '<!--', '<?x?>', '=" a="', ' ') },
        { weight: 1, arbitrary: fc.constantFrom('🐉', '👩‍👩‍👧', 'שלום', 'مرحبا', '\u200F', '\u202E', 'Ünïcødé') },
        { weight: 1, arbitrary: fc.constantFrom('*', '_', ' *bold* ', ' _a few words_ ', '\uE000', '\uE001') },
      ),
      { maxLength: 6 },
    )
    .map((parts) => parts.join(''));

const list = (unit: 'binary' | 'grapheme'): fc.Arbitrary<string[]> => fc.array(text(unit), { maxLength: 3 });

interface GeneratedPages {
  book: Book;
  story: Story;
  mark: ChangeMark | undefined;
  imageHref: string;
}

function pagesOf(unit: 'binary' | 'grapheme'): fc.Arbitrary<GeneratedPages> {
  const meta: fc.Arbitrary<StoryMeta> = fc.record(
    {
      title: text(unit),
      author: text(unit),
      disclaimer: text(unit),
      pairing: text(unit),
      rating: text(unit),
      timeline: text(unit),
      summary: text(unit),
      category: text(unit),
      warnings: text(unit),
      // A story's own language is taken when it is a well-formed tag, the book's otherwise.
      language: fc.oneof(fc.constantFrom('fr', 'he-IL', 'ar', ' de ', 'not a tag'), text(unit)),
      series: fc.record(
        { name: text(unit), part: fc.integer({ min: 0, max: 120 }), total: fc.integer({ min: 1, max: 120 }) },
        { requiredKeys: ['name'] },
      ),
      fandoms: list(unit),
      relationships: list(unit),
      characters: list(unit),
      url: fc.oneof(fc.webUrl(), text(unit)),
      extra: fc.array(fc.record({ key: text(unit), value: text(unit) }), { maxLength: 4 }),
    },
    { requiredKeys: ['title', 'author', 'extra'] },
  );
  return fc.record({
    book: fc.record(
      {
        title: text(unit),
        authors: list(unit),
        language: fc.oneof(fc.constantFrom('en', 'pt-BR', 'he'), text(unit)),
        cover: fc.record(
          {
            data: fc.constant(new Uint8Array()),
            mediaType: fc.constant('image/png' as const),
            description: text(unit),
          },
          { requiredKeys: ['data', 'mediaType'] },
        ),
      },
      { requiredKeys: ['title', 'authors', 'language'] },
    ) as fc.Arbitrary<Book>,
    story: meta.map((m): Story => ({ source: 'story.txt', meta: m, chapters: [], modified: 0 })),
    mark: fc.constantFrom(undefined, 'new' as const, 'updated' as const),
    imageHref: fc.oneof(fc.constantFrom('../images/cover.png', '../images/cover.jpg'), text(unit)),
  });
}

/** Drops the characters XML forbids from every string of the generated pages. */
const onlyXmlChars = (generated: GeneratedPages): GeneratedPages => {
  const clean = (value: string): string => value.replace(NOT_XML_CHAR, '');
  const { book, story } = generated;
  const cleanAll = <T>(value: T): T =>
    JSON.parse(JSON.stringify(value), (_key, v: unknown) => (typeof v === 'string' ? clean(v) : v));
  return {
    ...generated,
    imageHref: clean(generated.imageHref),
    book: { ...cleanAll({ ...book, cover: undefined }), ...(book.cover ? { cover: cleanAll(book.cover) } : {}) },
    story: cleanAll(story),
  };
};

// xmldom reads any line end (CR LF, CR, NEL, LS, PS) as a line feed, and a line feed or tab in an attribute as a space.
const lineEnds = (value: string): string => value.replace(/\r\n?|[\u0085\u2028\u2029]/g, '\n');
const attribute = (value: string): string => lineEnds(value).replace(/[\t\n]/g, ' ');

describe('the streaming front-matter writer', () => {
  it(`writes the same bytes as xmlbuilder2 for any title page, disclaimer, summary and cover page (${RUNS} cases)`, () => {
    fc.assert(
      fc.property(pagesOf('binary'), ({ book, story, mark, imageHref }) => {
        assert.equal(renderTitlePage(book, story, mark), renderTitlePageWithXmlbuilder2(book, story, mark));
        assert.equal(renderDisclaimer(book, story), renderDisclaimerWithXmlbuilder2(book, story));
        assert.equal(renderSummary(book, story), renderSummaryWithXmlbuilder2(book, story));
        assert.equal(renderCoverPage(book, imageHref), renderCoverPageWithXmlbuilder2(book, imageHref));
      }),
      OPTIONS,
    );
  });

  it(`writes well-formed pages that keep every value (${RUNS} cases, an independent parser)`, () => {
    fc.assert(
      fc.property(pagesOf('grapheme').map(onlyXmlChars), ({ book, story, mark, imageHref }) => {
        const { meta } = story;
        const title = parseXml(renderTitlePage(book, story, mark), 'title page');
        const heading = mark === undefined ? meta.title : `${mark === 'new' ? '(New)' : '(Updated)'} ${meta.title}`;
        assert.equal(all(title, 'h1')[0]!.textContent, lineEnds(heading));
        assert.equal(all(title, 'title')[0]!.textContent, lineEnds(meta.title));
        assert.equal(all(title, 'p')[0]!.textContent, lineEnds(`by ${meta.author}`));
        if (meta.series) assert.equal(all(title, 'i')[0]!.textContent, lineEnds(meta.series.name));
        if (meta.url) assert.equal(all(title, 'a')[0]!.getAttribute('href'), attribute(meta.url));
        // Every extra field the header gave with a value is listed, key and value, in the order written.
        const listed = all(title, 'dt').map((dt) => [dt.textContent, dt.nextSibling?.textContent]);
        const extra = meta.extra.filter((e) => e.value !== '').map((e) => [lineEnds(e.key), lineEnds(e.value)]);
        assert.deepEqual(listed.slice(listed.length - extra.length), extra);

        const summary = parseXml(renderSummary(book, story), 'summary');
        const shown = parseEmphasis(meta.summary ?? '');
        assert.equal(all(summary, 'p')[0]!.textContent, lineEnds(shown.map((run) => run.text).join('')));
        assert.equal(all(summary, 'em').length, shown.filter((run) => run.kind === 'em').length);
        parseXml(renderDisclaimer(book, story), 'disclaimer');

        const cover = parseXml(renderCoverPage(book, imageHref), 'cover page');
        const image = all(cover, 'img')[0]!;
        assert.equal(image.getAttribute('src'), attribute(imageHref));
        const alternative = book.cover?.description ?? `Cover of ${book.title} by ${book.authors.join(' & ')}`;
        assert.equal(image.getAttribute('alt'), attribute(alternative));
      }),
      OPTIONS,
    );
  });
});
