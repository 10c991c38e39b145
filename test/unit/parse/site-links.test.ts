import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { parseDocument } from 'htmlparser2';
import type { Element } from 'domhandler';
import { leadingSiteLinks } from '../../../src/parse/formats/site-links.js';

/** The source of each row found at the start of the page's `<body>`. */
function rowsOf(body: string): string[] {
  const html = `<!DOCTYPE html><html><head><title>t</title></head><body>${body}</body></html>`;
  const doc = parseDocument(html, { withStartIndices: true, withEndIndices: true });
  const element = (doc.children[1] as Element).children[1] as Element;
  return leadingSiteLinks(element).map((row) => html.slice(row.startIndex!, row.endIndex! + 1));
}

describe('leadingSiteLinks', () => {
  it('finds rows of short links at the start, whatever separates them', () => {
    assert.deepEqual(
      rowsOf(
        '<div><a href="/">Home</a> · <a href="/s">Stories</a></div><hr>' +
          '<p>[<a href="/a">Authors</a>] [<a href="/c">Contact the author</a>]</p>' +
          '<ul><li><a href="/">Home</a></li><li><a href="/l">Links</a></li></ul><h1>Title</h1>' +
          '<p><a href="/">Home</a> | <a href="/s">Stories</a></p>',
      ),
      [
        '<div><a href="/">Home</a> · <a href="/s">Stories</a></div>',
        '<p>[<a href="/a">Authors</a>] [<a href="/c">Contact the author</a>]</p>',
        '<ul><li><a href="/">Home</a></li><li><a href="/l">Links</a></li></ul>',
      ],
    );
  });

  it('keeps prose with links, a single link, and a list of the page’s own chapters', () => {
    for (const body of [
      '<p>The men in the <a href="/g#q">quarry</a> sang to keep the <a href="/g#h">hammers</a> in time.</p>',
      '<p><a href="/">Home</a></p><p>Story.</p>',
      '<ul><li><a href="#c1">Chapter 1</a></li><li><a href="#c2">Chapter 2</a></li></ul>',
      '<p><a href="/a">The whole of the first chapter of this story</a> | <a href="/b">Next</a></p>',
      'Some text first <p><a href="/">Home</a> | <a href="/s">Stories</a></p>',
    ])
      assert.deepEqual(rowsOf(body), [], body);
  });
});
