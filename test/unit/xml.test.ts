import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { xmlDocument } from '../../src/render/xml.js';
import { parseXml, textOf } from '../helpers/epub.js';

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
    assert.match(xml, /^<\?xml version="1\.0" encoding="UTF-8"\?><!DOCTYPE html><html xmlns="http:\/\/www\.w3\.org\/1999\/xhtml"><\/html>\n$/);
  });
});
