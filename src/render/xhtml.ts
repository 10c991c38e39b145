import { create } from 'xmlbuilder2';
import type { Inline } from '../story/model.js';

/** xmlbuilder2's node type, named through its public API. */
export type XMLBuilder = ReturnType<typeof create>;

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
export function xhtmlDocument(options: XhtmlOptions, fill: (body: XMLBuilder) => void): string {
  const html = create({ version: '1.0', encoding: 'UTF-8' })
    .dtd({ name: 'html' })
    .ele(XHTML_NS, 'html', { 'xmlns:epub': OPS_NS, lang: options.language, 'xml:lang': options.language });
  const head = html.ele('head');
  head.ele('meta', { charset: 'UTF-8' });
  head.ele('title').txt(options.title);
  head.ele('link', { rel: 'stylesheet', type: 'text/css', href: options.stylesheet });
  fill(html.ele('body'));
  return `${html.end({ prettyPrint: false })}\n`;
}

/** Writes paragraph content: plain runs as text, emphasised runs as `<em>`. */
export function appendInlines(parent: XMLBuilder, inlines: readonly Inline[]): void {
  for (const inline of inlines) {
    if (inline.kind === 'em') parent.ele('em').txt(inline.text);
    else parent.txt(inline.text);
  }
}
