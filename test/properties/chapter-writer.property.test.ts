import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import type { Book } from '../../src/model/book.js';
import type { Block, Chapter, Inline, Paragraph } from '../../src/model/story.js';
import { renderChapter } from '../../src/render/chapter.js';
import { renderChapterWithXmlbuilder2 } from '../helpers/chapter-oracle.js';
import { all, parseXml } from '../helpers/epub.js';
import { NOT_XML_CHAR, propertyOptions, RUNS } from '../helpers/property.js';

const OPTIONS = propertyOptions();

/** Text weighted towards what needs escaping, or looks as if it had been escaped already. */
const text = (unit: 'binary' | 'grapheme'): fc.Arbitrary<string> =>
  fc
    .array(
      fc.oneof(
        { weight: 3, arbitrary: fc.string({ unit, maxLength: 8 }) },
        {
          weight: 2,
          arbitrary: fc.constantFrom('&', '<', '>', '"', "'", '&amp;', '&#38;', '&nbsp;', ']]>', '\n', '\r\n', '\t'),
        },
        { weight: 1, arbitrary: fc.constantFrom('</p>', '<em>', '<![CDATA[', '<!--', '<?x?>', '=" a="') },
      ),
      { maxLength: 6 },
    )
    .map((parts) => parts.join(''));

interface GeneratedChapter {
  chapter: Chapter;
  label: string;
  language: string;
  /** Each image key's file: some keys have none (an image the book does not hold is not shown). */
  images: Map<string, string>;
}

const IMAGE_KEYS = ['a.png', 'b.jpg', 'c.gif'];

function chapterOf(unit: 'binary' | 'grapheme'): fc.Arbitrary<GeneratedChapter> {
  const inline: fc.Arbitrary<Inline> = fc.record({
    kind: fc.constantFrom('text' as const, 'em' as const),
    text: text(unit),
  });
  const inlines = fc.array(inline, { maxLength: 5 });
  const paragraph: fc.Arbitrary<Paragraph> = fc.record(
    { kind: fc.constant('paragraph' as const), inlines, line: fc.nat(), lines: fc.array(inlines, { maxLength: 4 }) },
    { requiredKeys: ['kind', 'inlines', 'line'] },
  );
  const block: fc.Arbitrary<Block> = fc.oneof(
    { weight: 6, arbitrary: paragraph },
    { weight: 1, arbitrary: fc.record({ kind: fc.constant('scene-break' as const), line: fc.nat() }) },
    {
      weight: 1,
      arbitrary: fc.record({
        kind: fc.constant('note' as const),
        blocks: fc.array(paragraph, { maxLength: 3 }),
        line: fc.nat(),
      }),
    },
    {
      weight: 1,
      arbitrary: fc.record({
        kind: fc.constant('image' as const),
        image: fc.constantFrom(...IMAGE_KEYS),
        alt: text(unit),
        line: fc.nat(),
      }),
    },
  );
  return fc.record({
    chapter: fc.record({
      kind: fc.constantFrom('chapter' as const, 'prologue' as const, 'epilogue' as const),
      blocks: fc.array(block, { maxLength: 12 }),
      file: fc.constant('story.txt'),
      line: fc.nat(),
    }),
    label: text(unit),
    language: fc.oneof(fc.constantFrom('en', 'pt-BR', 'he'), text(unit)),
    images: fc
      .subarray(IMAGE_KEYS)
      .chain((keys) =>
        fc.tuple(...keys.map((key) => fc.tuple(fc.constant(key), text(unit)))).map((pairs) => new Map(pairs)),
      ),
  });
}

/** Drops the characters XML forbids from every string of a generated chapter. */
const onlyXmlChars = <T>(value: T): T =>
  JSON.parse(JSON.stringify(value), (_key, v: unknown) => (typeof v === 'string' ? v.replace(NOT_XML_CHAR, '') : v));

/** The same, the image map taken through as its entries (JSON knows no Map). */
const withOnlyXmlChars = (generated: GeneratedChapter): GeneratedChapter => {
  const { images, ...rest } = generated;
  return { ...onlyXmlChars(rest), images: new Map(onlyXmlChars([...images])) };
};

describe('the streaming chapter writer', () => {
  it(`writes the same bytes as xmlbuilder2 for any chapter (${RUNS} cases)`, () => {
    fc.assert(
      fc.property(
        chapterOf('binary'),
        fc.constantFrom(undefined, 'new' as const, 'updated' as const),
        ({ chapter, label, language, images }, mark) => {
          const book = { language } as Book;
          assert.equal(
            renderChapter(book, chapter, label, mark, language, images),
            renderChapterWithXmlbuilder2(book, chapter, label, mark, images),
          );
        },
      ),
      OPTIONS,
    );
  });

  it(`writes well-formed XML that keeps the heading's text (${RUNS} cases, an independent parser)`, () => {
    fc.assert(
      fc.property(chapterOf('grapheme').map(withOnlyXmlChars), ({ chapter, label, language, images }) => {
        const document = parseXml(
          renderChapter({ language } as Book, chapter, label, undefined, language, images),
          'chapter',
        );
        // xmldom reads any line end (CR LF, CR, NEL, LS, PS) as a line feed, and a line feed or tab in an attribute as a space.
        const lineEnds = (value: string): string => value.replace(/\r\n?|[\u0085\u2028\u2029]/g, '\n');
        assert.equal(all(document, 'h2')[0]!.textContent, lineEnds(label));
        assert.equal(document.documentElement?.getAttribute('xml:lang'), lineEnds(language).replace(/[\t\n]/g, ' '));
        // Every image shown is one the book holds, with its alt text, in block order.
        const attribute = (value: string): string => lineEnds(value).replace(/[\t\n]/g, ' ');
        const shown = chapter.blocks.flatMap((b) => (b.kind === 'image' && images.has(b.image) ? [b] : []));
        assert.deepEqual(
          all(document, 'img').map((img) => [img.getAttribute('src'), img.getAttribute('alt')]),
          shown.map((b) => [attribute(images.get(b.image)!), attribute(b.alt)]),
        );
      }),
      OPTIONS,
    );
  });
});
