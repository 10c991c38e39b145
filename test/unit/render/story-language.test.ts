import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Element } from '@xmldom/xmldom';
import { groupIntoBooks } from '../../../src/group/group.js';
import type { Book } from '../../../src/model/book.js';
import { parseStory } from '../../../src/parse/parse-story.js';
import { renderBook } from '../../../src/render/render-book.js';
import { all, parseXml } from '../../helpers/epub.js';

/** A series of stories, each with its own Language: line (or none), as one book. */
function seriesBook(languages: Array<string | undefined>): Book {
  const stories = languages.map((language, index) => {
    const header = [
      `Title: Harbour Song ${index + 1}`,
      'Author: Odile Varga',
      `Series: Harbour Songs, Part ${index + 1}`,
      ...(language ? [`Language: ${language}`] : []),
      'Summary: Boats come in at dusk.',
    ].join('\n');
    const text = `${header}\n\nChapter 1: Dusk\n\nThe nets were wet.\n\nChapter 2: Dawn\n\nThe nets were dry.\n`;
    const parsed = parseStory({
      path: `song-${index + 1}.txt`,
      files: [{ path: `song-${index + 1}.txt`, text, modified: 0 }],
    });
    return parsed.story!;
  });
  const books = groupIntoBooks(stories, { shape: 'series', language: 'en', modified: 0 });
  assert.equal(books.length, 1);
  return books[0]!;
}

function rendered(book: Book): Map<string, string> {
  return new Map(renderBook(book).map((f) => [f.path, typeof f.data === 'string' ? f.data : '']));
}

const htmlLanguage = (xhtml: string): [string | null, string | null] => {
  const html = parseXml(xhtml).documentElement!;
  return [html.getAttribute('lang'), html.getAttribute('xml:lang')];
};

/** Each story's pages, by its title, as the table of contents groups them (document names are the renderer's). */
function storyPages(files: Map<string, string>): Map<string, string[]> {
  const nav = parseXml(files.get('EPUB/nav.xhtml')!);
  const toc = all(nav, 'nav').find((n) => n.getAttribute('epub:type') === 'toc')!;
  const stories = all(toc, 'li').filter((li) => (li.parentNode as Element).parentNode === toc);
  return new Map(
    stories.map((li) => {
      const links = all(li, 'a');
      return [links[0]!.textContent ?? '', links.map((a) => `EPUB/${a.getAttribute('href')}`)];
    }),
  );
}

describe('a story in another language than its book', () => {
  const book = seriesBook(['en', 'de', undefined, 'not a language tag']);
  const files = rendered(book);

  it('its pages declare its language; a story naming none, or no valid one, has the book’s', () => {
    assert.equal(book.language, 'en');
    const pages = storyPages(files);
    assert.deepEqual([...pages.keys()], ['Harbour Song 1', 'Harbour Song 2', 'Harbour Song 3', 'Harbour Song 4']);
    for (const [title, paths] of pages) {
      assert.equal(paths.length, 4, `${title}: title page, summary and two chapters`);
      const expected = title === 'Harbour Song 2' ? 'de' : 'en';
      for (const path of paths) assert.deepEqual(htmlLanguage(files.get(path)!), [expected, expected], path);
    }
  });

  it('its entries in nav.xhtml say so, once, on the story’s item', () => {
    const nav = parseXml(files.get('EPUB/nav.xhtml')!);
    const toc = all(nav, 'nav').find((n) => n.getAttribute('epub:type') === 'toc')!;
    const marked = all(toc, 'li').filter((li) => li.hasAttribute('lang'));
    assert.equal(marked.length, 1);
    const item = marked[0] as Element;
    assert.equal(item.getAttribute('lang'), 'de');
    assert.equal(item.getAttribute('xml:lang'), 'de');
    assert.equal(item.getElementsByTagName('a')[0]?.textContent, 'Harbour Song 2');
  });

  it('its labels in toc.ncx carry xml:lang, the others none', () => {
    const ncx = parseXml(files.get('EPUB/toc.ncx')!);
    const labels = all(ncx, 'navLabel').map((label) => [
      label.getAttribute('xml:lang') || '',
      label.textContent?.trim(),
    ]);
    const german = labels.filter(([language]) => language === 'de').map(([, text]) => text);
    assert.deepEqual(german, ['Harbour Song 2', 'Summary', 'Chapter 1: Dusk', 'Chapter 2: Dawn']);
    assert.ok(labels.every(([language]) => language === '' || language === 'de'));
  });

  it('a book in one language is marked only on <html>, as before', () => {
    const plain = rendered(seriesBook(['en', undefined]));
    assert.ok(![...plain.values()].some((data) => /<(?:li|navLabel)[^>]* (?:xml:)?lang=/.test(data)));
  });
});
