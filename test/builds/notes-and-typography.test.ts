import { describe, it, before } from 'node:test';
import type { Document, Element } from '@xmldom/xmldom';
import assert from 'node:assert/strict';
import { all, openEpub, spinePaths, textOf, type OpenedEpub } from '../helpers/epub.js';
import { buildInto, SAMPLES, type BuiltLibrary } from '../helpers/build.js';

const BOOK = "The Clockmaker's Apprentice";

/** Every chapter document of a book, parsed. */
async function chapterDocs(epub: OpenedEpub): Promise<Document[]> {
  const paths = (await spinePaths(epub)).filter((p) => /-c\d+\.xhtml$/.test(p));
  return Promise.all(paths.map((p) => epub.xml(p)));
}

/** Each chapter's body as a list of `note:` / `p:` / `hr` entries, in document order. */
function outline(doc: Document): string[] {
  const section = all(doc, 'section')[0]!;
  return Array.from(section.childNodes)
    .filter((n): n is Element => n.nodeType === 1)
    .flatMap((e) =>
      e.tagName === 'div'
        ? [`note:${textOf(e).slice(0, 20)}`]
        : e.tagName === 'hr'
          ? ['hr']
          : e.tagName === 'p'
            ? [`p:${textOf(e).slice(0, 12)}`]
            : [],
    );
}

describe("author's notes and typography in the sample books", () => {
  let keep: BuiltLibrary;
  let end: BuiltLibrary;
  let drop: BuiltLibrary;
  let plain: BuiltLibrary;
  before(async () => {
    [keep, end, drop, plain] = await Promise.all([
      buildInto(SAMPLES),
      buildInto(SAMPLES, { notes: 'end' }),
      buildInto(SAMPLES, { notes: 'drop' }),
      buildInto(SAMPLES, { typography: false }),
    ]);
  });

  it('marks each note as a note, in place by default', async () => {
    const docs = await chapterDocs(await openEpub(keep.book(BOOK)));
    const notes = docs.flatMap((doc) => all(doc, 'div').filter((d) => d.getAttribute('class') === 'authors-note'));
    assert.equal(notes.length, 2);
    for (const note of notes) assert.equal(note.getAttribute('role'), 'note');
    assert.deepEqual(
      outline(docs[1]!).slice(0, 3),
      ['note:A/N: My first try at', 'hr', 'p:Pell Averly '],
      'the opening note stays first',
    );
    assert.match(
      textOf(notes[1]!),
      /^Author’s Note: Thank you for reading this far — one short chapter left! .*library sale…$/,
    );
  });

  it('--notes end moves each note after its chapter, with no scene break left at an edge', async () => {
    const docs = await chapterDocs(await openEpub(end.book(BOOK)));
    const first = outline(docs[1]!);
    assert.equal(first[0], 'p:Pell Averly ', 'the chapter opens with the story');
    assert.equal(first.at(-1), 'note:A/N: My first try at');
    const third = outline(docs[3]!);
    assert.equal(third.at(-1), 'note:Author’s Note: Thank');
    assert.notEqual(third.at(-2), 'hr');
  });

  it('--notes drop leaves them out and reports each with its line and text', async () => {
    const docs = await chapterDocs(await openEpub(drop.book(BOOK)));
    assert.equal(docs.flatMap((doc) => all(doc, 'div')).length, 0);
    assert.ok(!docs.some((doc) => textOf(doc).includes('A/N')));
    const dropped = drop.result.diagnostics.filter((d) => d.rule === 'notes/dropped');
    assert.deepEqual(
      dropped.map((d) => [d.file, d.line, d.removed?.slice(0, 12)]),
      [
        ['the-clockmakers-apprentice.txt', 19, 'A/N: My firs'],
        ['the-clockmakers-apprentice.txt', 63, "Author's Not"],
      ],
    );
  });

  it('typography: curly quotes, dashes and ellipses in the text; --no-typography keeps them as typed', async () => {
    const typeset = (await chapterDocs(await openEpub(keep.book(BOOK)))).map(textOf).join('\n');
    const asTyped = (await chapterDocs(await openEpub(plain.book(BOOK)))).map(textOf).join('\n');
    assert.ok(typeset.includes('“I can sweep,” Pell said'), 'curly double quotes');
    assert.ok(typeset.includes('chandler’s'), 'apostrophe');
    assert.ok(!/["']/.test(typeset), 'no straight quote left');
    assert.ok(asTyped.includes('"I can sweep," Pell said'));
    assert.ok(asTyped.includes('reading this far -- one'));
  });
});
