import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { xmlDocument } from '../../../src/render/xml.js';
import { parseXml, textOf } from '../../helpers/epub.js';

describe('xmlDocument (every XML ficbind writes)', () => {
  const literal = ['&nbsp;', '&amp;', '&#169;', '&#xA9;', '& alone', 'a&b;', '<b>', '"quoted"', "it's", ']]>'];

  for (const value of literal) {
    it(`keeps ${JSON.stringify(value)} literal in text and attributes`, () => {
      const document = xmlDocument('urn:test', 'root', { title: value });
      document.root.ele('p', { 'data-x': value }).txt(value);
      const xml = document.end({ prettyPrint: false });
      const doc = parseXml(xml); // throws on an undefined entity such as &nbsp;
      const p = doc.getElementsByTagName('p')[0]!;
      assert.equal(textOf(p), value.trim());
      assert.equal(p.getAttribute('data-x'), value);
      assert.equal(doc.documentElement?.getAttribute('title'), value);
    });
  }

  it('starts with an XML declaration naming the encoding, and a doctype when asked', () => {
    const xml = xmlDocument('http://www.w3.org/1999/xhtml', 'html', {}, 'html').end({ prettyPrint: false });
    assert.match(
      xml,
      /^<\?xml version="1\.0" encoding="UTF-8"\?><!DOCTYPE html><html xmlns="http:\/\/www\.w3\.org\/1999\/xhtml"><\/html>\n$/,
    );
  });

  it('escapes <, > and " in attribute values and < and > in text, leaving other characters as written', () => {
    const document = xmlDocument('urn:test', 'root', {});
    document.root.ele('p', { title: '<a href="x">' }).txt('<b> "q" \'s\' ]]> 😀 שלום');
    assert.equal(
      document.end({ prettyPrint: false }),
      '<?xml version="1.0" encoding="UTF-8"?><root xmlns="urn:test"><p title="&lt;a href=&quot;x&quot;&gt;">&lt;b&gt; "q" \'s\' ]]&gt; 😀 שלום</p></root>\n',
    );
  });

  it('closes empty XHTML elements, writes void ones as <br />, and empty elements elsewhere as <x/>', () => {
    const xhtml = xmlDocument('http://www.w3.org/1999/xhtml', 'html', {}, 'html');
    const body = xhtml.root.ele('body');
    body.ele('p');
    body.ele('br');
    body.ele('ol').ele('li').txt('');
    assert.equal(
      xhtml.end({ prettyPrint: false }),
      '<?xml version="1.0" encoding="UTF-8"?><!DOCTYPE html><html xmlns="http://www.w3.org/1999/xhtml"><body><p></p><br /><ol><li></li></ol></body></html>\n',
    );
    const svg = xmlDocument('http://www.w3.org/2000/svg', 'svg', { width: '10' });
    svg.root.ele('rect', { fill: '#000' });
    assert.equal(
      svg.end({ prettyPrint: false }),
      '<?xml version="1.0" encoding="UTF-8"?><svg xmlns="http://www.w3.org/2000/svg" width="10"><rect fill="#000"/></svg>\n',
    );
  });

  it('indents a pretty-printed document, with text-only elements on one line and prefixed elements declared once', () => {
    const dc = 'http://purl.org/dc/elements/1.1/';
    const document = xmlDocument('http://www.idpf.org/2007/opf', 'package', { version: '3.0' });
    const metadata = document.root.ele('metadata', { 'xmlns:dc': dc });
    metadata.eleNs(dc, 'dc:title', { id: 'title' }).txt('Salt & Static');
    metadata.eleNs(dc, 'dc:description').txt('');
    metadata.ele('meta', { name: 'calibre:series', content: 'Tides' });
    document.root.ele('spine');
    assert.equal(
      document.end({ prettyPrint: true }),
      [
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<package xmlns="http://www.idpf.org/2007/opf" version="3.0">',
        '  <metadata xmlns:dc="http://purl.org/dc/elements/1.1/">',
        '    <dc:title id="title">Salt &amp; Static</dc:title>',
        '    <dc:description/>',
        '    <meta name="calibre:series" content="Tides"/>',
        '  </metadata>',
        '  <spine/>',
        '</package>',
        '',
      ].join('\n'),
    );
  });

  it("keeps each node's children in the order they were added, whenever that was, and mixed content unindented", () => {
    const document = xmlDocument('http://www.w3.org/1999/xhtml', 'html', {}, 'html');
    const body = document.root.ele('body');
    const first = body.ele('p');
    body.ele('p').txt('second');
    first.txt('first ').ele('em').txt('and');
    first.txt(' more');
    assert.equal(
      document.end({ prettyPrint: false }),
      '<?xml version="1.0" encoding="UTF-8"?><!DOCTYPE html><html xmlns="http://www.w3.org/1999/xhtml"><body><p>first <em>and</em> more</p><p>second</p></body></html>\n',
    );
  });
});
