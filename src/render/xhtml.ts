import type { ChangeMark } from '../model/book.js';
import { xmlDocument, type XmlNode } from './xml.js';

const XHTML_NS = 'http://www.w3.org/1999/xhtml';
const OPS_NS = 'http://www.idpf.org/2007/ops';

export interface XhtmlOptions {
  title: string;
  language: string;
  /** Path from the document to the stylesheet. */
  stylesheet: string;
}

/**
 * An XHTML5 content document with XML declaration, doctype and language set; `fill` writes the body.
 * Not pretty-printed: indentation inside paragraphs would add spaces to the text.
 */
export function xhtmlDocument(options: XhtmlOptions, fill: (body: XmlNode) => void): string {
  const document = xmlDocument(
    XHTML_NS,
    'html',
    { 'xmlns:epub': OPS_NS, lang: options.language, 'xml:lang': options.language },
    'html',
  );
  const html = document.root;
  const head = html.ele('head');
  head.ele('meta', { charset: 'UTF-8' });
  head.ele('title').txt(options.title);
  head.ele('link', { rel: 'stylesheet', type: 'text/css', href: options.stylesheet });
  fill(html.ele('body'));
  return document.end({ prettyPrint: false });
}

/** What a change mark shows: `(New)`, `(Updated)`. */
export function markText(mark: ChangeMark): string {
  return mark === 'new' ? '(New)' : '(Updated)';
}
