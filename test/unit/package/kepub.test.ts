import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Element } from '@xmldom/xmldom';
import { addKoboSpans, toKepub } from '../../../src/package/kepub.js';
import { generateCover } from '../../../src/build/make-book.js';
import { renderBook } from '../../../src/render/render-book.js';
import { all, parseXml } from '../../helpers/epub.js';
import { sampleBook } from '../../helpers/sample-books.js';

const page = (body: string): string =>
  `<?xml version="1.0" encoding="UTF-8"?>\n<!DOCTYPE html>\n<html xmlns="http://www.w3.org/1999/xhtml" xmlns:epub="http://www.idpf.org/2007/ops" lang="en" xml:lang="en"><head><meta charset="UTF-8"/><title>T</title></head><body>${body}</body></html>\n`;

const bodyText = (xhtml: string): string => all(parseXml(xhtml), 'body')[0]!.textContent ?? '';
const spans = (xhtml: string): Array<{ id: string; text: string; parent: string }> =>
  all(parseXml(xhtml), 'span')
    .filter((s) => s.getAttribute('class') === 'koboSpan')
    .map((s) => ({
      id: s.getAttribute('id') ?? '',
      text: s.textContent ?? '',
      parent: (s.parentNode as Element).localName ?? '',
    }));

describe('addKoboSpans', () => {
  it('numbers sentences per paragraph as kobo.P.S, from 1', () => {
    const out = addKoboSpans(page('<section><h2>One</h2><p>First one. Second one! Third?</p><p>Next.</p></section>'));
    assert.deepEqual(
      spans(out).map((s) => [s.id, s.text]),
      [
        ['kobo.1.1', 'One'],
        ['kobo.2.1', 'First one.'],
        ['kobo.2.2', 'Second one!'],
        ['kobo.2.3', 'Third?'],
        ['kobo.3.1', 'Next.'],
      ],
    );
  });

  it('wraps the body in div#book-columns > div#book-inner', () => {
    const doc = parseXml(addKoboSpans(page('<section><p>Text.</p></section>')));
    const body = all(doc, 'body')[0]!;
    const columns = body.firstChild as Element;
    assert.equal(columns.localName, 'div');
    assert.equal(columns.getAttribute('id'), 'book-columns');
    assert.equal(body.childNodes.length, 1);
    const inner = columns.firstChild as Element;
    assert.equal(inner.getAttribute('id'), 'book-inner');
    assert.equal((inner.firstChild as Element).localName, 'section');
  });

  it('keeps emphasis: spans go inside <em>, never across it, and the text is unchanged', () => {
    const source = page('<p>She said <em>no. Never again.</em> Then she left. <em>Why</em>?</p>');
    const out = addKoboSpans(source);
    assert.equal(bodyText(out), bodyText(source));
    assert.deepEqual(
      spans(out).map((s) => [s.id, s.text, s.parent]),
      [
        ['kobo.1.1', 'She said', 'p'],
        ['kobo.1.2', 'no.', 'em'],
        ['kobo.1.3', 'Never again.', 'em'],
        ['kobo.1.4', 'Then she left.', 'p'],
        ['kobo.1.5', 'Why', 'em'],
        ['kobo.1.6', '?', 'p'],
      ],
    );
    for (const em of all(parseXml(out), 'em'))
      assert.ok(
        Array.from(em.childNodes).every((c) => (c as Element).localName === 'span' || !(c.textContent ?? '').trim()),
      );
  });

  it('keeps every character: entities, non-Latin scripts, verse line breaks, whitespace', () => {
    const source = page(
      '<p>Fish &amp; chips &lt;3. “Quoted,” he said… then left.</p><p>你好。世界！</p><p class="verse">Line one<br/>\nline two.</p><p>   </p><p>עברית. טקסט.</p>',
    );
    const out = addKoboSpans(source);
    assert.equal(bodyText(out), bodyText(source));
    assert.ok(out.includes('Fish &amp; chips &lt;3.'));
    assert.equal(all(parseXml(out), 'br').length, 1);
    assert.deepEqual(
      spans(out)
        .filter((s) => /[你世]/.test(s.text))
        .map((s) => s.text),
      ['你好。', '世界！'],
      'CJK sentences end at 。 and ！',
    );
  });

  it('leaves non-XHTML content (SVG) and the head alone', () => {
    const out = addKoboSpans(
      page('<p>Before.</p><svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><text>Label</text></svg>'),
    );
    assert.deepEqual(
      spans(out).map((s) => s.text),
      ['Before.'],
    );
    assert.ok(out.includes('<title>T</title>'));
  });

  it('keeps the XML declaration and doctype that readers need', () => {
    const out = addKoboSpans(page('<p>x</p>'));
    assert.ok(out.startsWith('<?xml version="1.0" encoding="UTF-8"?>\n<!DOCTYPE html>\n<html'), out.slice(0, 80));
  });
});

describe('toKepub', () => {
  it('adds spans to chapters and front matter, but not to the nav or the cover page; nothing else changes', async () => {
    const sample = await sampleBook('The Lantern Road');
    const files = renderBook({ ...sample, cover: (await generateCover(sample)).cover });
    const kepub = toKepub(files);
    assert.deepEqual(
      kepub.map((f) => f.path),
      files.map((f) => f.path),
    );
    for (const [index, file] of kepub.entries()) {
      const before = files[index]!;
      const changed = file.data !== before.data;
      const isContent = /\/text\/(?!cover\.)[^/]+\.xhtml$/.test(file.path);
      assert.equal(changed, isContent, `${file.path} ${changed ? 'changed' : 'unchanged'}`);
      if (isContent) {
        assert.equal(bodyText(file.data as string), bodyText(before.data as string), `${file.path}: same text`);
        assert.ok(spans(file.data as string).length > 0, `${file.path} has spans`);
      }
    }
  });
});
