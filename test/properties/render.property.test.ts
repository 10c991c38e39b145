import assert from 'node:assert/strict';
import path from 'node:path';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { groupIntoBooks, parseStory, renderBook } from '../../src/index.js';
import { decodeText } from '../../src/read/decode.js';
import { all, parseXml, textOf } from '../helpers/epub.js';
import { propertyOptions, RUNS } from '../helpers/property.js';
import { assertNoActiveContent } from '../helpers/structure.js';

type Segment =
  { kind: 'paragraph'; text: string } | { kind: 'break'; text: string } | { kind: 'heading'; text: string };

const letters = fc
  .string({ unit: 'grapheme', minLength: 1, maxLength: 12 })
  .map((s) => s.replace(/[^\p{L}\p{N}\p{M}]/gu, ''))
  .filter((s) => s.length > 0);
const plainWord = fc.stringMatching(/^[a-zA-Z]{1,10}$/);
const word = fc.oneof({ weight: 3, arbitrary: plainWord }, { weight: 2, arbitrary: letters });
const noise = fc.oneof(
  fc.constantFrom(
    '<script>alert(1)</script>',
    '&amp;',
    '&',
    '<',
    '>',
    ']]>',
    '<![CDATA[',
    '"',
    "'",
    '“',
    '”',
    '—',
    '…',
    '*',
    '_',
    '**',
    '<p onload="x">',
    'javascript:void(0)',
    '\u0000',
    '\u0007',
    '\uFFFE',
    '\u200F',
    '🌙',
    '👩🏽‍🚀',
  ),
  fc.string({ unit: 'grapheme', maxLength: 4 }).map((s) => s.replace(/[\p{L}\p{N}\p{M}\s]/gu, '')),
);
const emphasised = word.map((w) => `*${w}*`);
const paragraph = fc
  .array(
    fc.oneof({ weight: 6, arbitrary: word }, { weight: 2, arbitrary: noise }, { weight: 1, arbitrary: emphasised }),
    { minLength: 3, maxLength: 40 },
  )
  .filter((tokens) => /^[a-zA-Z]/.test(tokens[0] ?? ''))
  .map((tokens) => tokens.join(' '));
const segment: fc.Arbitrary<Segment> = fc.oneof(
  { weight: 8, arbitrary: paragraph.map((text) => ({ kind: 'paragraph' as const, text })) },
  {
    weight: 1,
    arbitrary: fc
      .constantFrom('~ ~ ~ ~', '* * *', '***', '#', '---', 'o0o', 'xXx')
      .map((text) => ({ kind: 'break' as const, text })),
  },
  {
    weight: 1,
    arbitrary: fc.tuple(fc.integer({ min: 1, max: 99 }), fc.array(plainWord, { maxLength: 4 })).map(([n, title]) => ({
      kind: 'heading' as const,
      text: title.length ? `Chapter ${n}: ${title.join(' ')}` : `Chapter ${n}`,
    })),
  },
);
const headerValue = fc
  .array(fc.oneof(word, noise), { minLength: 1, maxLength: 8 })
  .map((t) => t.join(' '))
  .filter((v) => /[\p{L}\p{N}]/u.test(v));
const header = fc.record(
  {
    Title: headerValue,
    Author: headerValue,
    Summary: headerValue,
    Disclaimer: headerValue,
    Rating: headerValue,
    Series: headerValue,
    Mood: headerValue,
  },
  { requiredKeys: ['Title', 'Author'] },
);

const words = (text: string): string[] => text.normalize('NFC').match(/[\p{L}\p{N}\p{M}]+/gu) ?? [];

describe('properties of any story', () => {
  it(`renders well-formed XHTML, a nav that resolves, and every word of the input (${RUNS} cases)`, () => {
    fc.assert(
      fc.property(header, fc.array(segment, { minLength: 1, maxLength: 25 }), (fields, segments) => {
        const text = [
          ...Object.entries(fields).map(([key, value]) => `${key}: ${value}`),
          '',
          ...segments.flatMap((s) => [s.text, '']),
        ].join('\n');
        const decoded = decodeText(Buffer.from(text, 'utf8'), 'random.txt');
        const parsed = parseStory({
          path: 'random.txt',
          files: [{ path: 'random.txt', text: decoded.text, modified: 0 }],
        });
        const hasParagraph = segments.some((s) => s.kind === 'paragraph');
        if (!hasParagraph) {
          assert.equal(parsed.story, undefined);
          return;
        }
        assert.ok(parsed.story, JSON.stringify(parsed.diagnostics));
        const [book] = groupIntoBooks([parsed.story], { shape: 'series', language: 'en' });
        const files = new Map(renderBook(book!).map((f) => [f.path, f.data]));

        const docs = new Map<string, ReturnType<typeof parseXml>>();
        for (const [name, data] of files) {
          if (/\.(xhtml|opf|ncx|xml)$/.test(name)) {
            const doc = parseXml(String(data), name);
            docs.set(name, doc);
            if (name.endsWith('.xhtml')) assertNoActiveContent(doc, name);
          }
        }
        const nav = docs.get('EPUB/nav.xhtml')!;
        for (const a of all(nav, 'a')) {
          const target = path.posix.join('EPUB', (a.getAttribute('href') ?? '').split('#')[0]!);
          assert.ok(files.has(target), `nav entry ${target} resolves`);
        }

        const chapterDocs = [...docs.keys()].filter((n) => /-c\d+\.xhtml$/.test(n)).sort();
        const bookWords = chapterDocs.flatMap((n) => all(docs.get(n)!, 'p').flatMap((p) => words(textOf(p))));
        const sourceWords = segments.filter((s) => s.kind === 'paragraph').flatMap((s) => words(s.text));
        assert.deepEqual(bookWords, sourceWords);
        const headings = new Set(chapterDocs.map((n) => textOf(all(docs.get(n)!, 'h2')[0]!)));
        for (const s of segments) if (s.kind === 'heading') assert.ok(headings.has(s.text), `heading ${s.text}`);
      }),
      {
        ...propertyOptions(),
        includeErrorInReport: true,
      },
    );
  });
});
