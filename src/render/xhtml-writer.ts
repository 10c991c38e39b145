import type { XhtmlOptions } from './xhtml.js';

const XHTML_NS = 'http://www.w3.org/1999/xhtml';
const OPS_NS = 'http://www.idpf.org/2007/ops';

/** Elements written as `<name />`: XHTML's void elements, which never have content. */
export type VoidElement = 'br' | 'hr' | 'img' | 'link' | 'meta';
/** Elements written with a start and an end tag, even when empty (`<p></p>`), as XHTML requires. */
export type ContainerElement =
  | 'a'
  | 'body'
  | 'dd'
  | 'div'
  | 'dl'
  | 'dt'
  | 'em'
  | 'h1'
  | 'h2'
  | 'head'
  | 'html'
  | 'i'
  | 'p'
  | 'section'
  | 'span'
  | 'title';
export type Attributes = Readonly<Record<string, string>>;

const TEXT_SPECIAL = /[&<>]/;
const ATTRIBUTE_SPECIAL = /[&<>"]/;
const TEXT_SPECIAL_ALL = /[&<>]/g;
const ATTRIBUTE_SPECIAL_ALL = /[&<>"]/g;
const ENTITIES: Readonly<Record<string, string>> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' };
const entityOf = (character: string): string => ENTITIES[character]!;

/**
 * The one escaping function: every text and attribute value reaches the output through here.
 * The same characters as xmlbuilder2 escape (`"` only in attributes), so the bytes match it.
 */
function escapeXml(value: string, context: 'text' | 'attribute'): string {
  const special = context === 'text' ? TEXT_SPECIAL : ATTRIBUTE_SPECIAL;
  // Most runs of prose hold none of these: skip the replacement and its new string.
  if (!special.test(value)) return value;
  return value.replace(context === 'text' ? TEXT_SPECIAL_ALL : ATTRIBUTE_SPECIAL_ALL, entityOf);
}

/**
 * Writes XHTML straight into a string as it is called, with no tree in between: the chapters carry
 * nearly every byte of a book, and building a DOM for them cost more than the rest of a build.
 * Markup comes only from element names (fixed by type) and escaped values, so content cannot
 * become markup. Unclosed elements are an error at the end, not a malformed document.
 */
export class XhtmlWriter {
  private markup = '';
  private readonly open: ContainerElement[] = [];

  /** Opens a container element; `close()` ends it. */
  start(name: ContainerElement, attributes?: Attributes): this {
    this.markup += `<${name}${attributesOf(attributes)}>`;
    this.open.push(name);
    return this;
  }

  /** Closes the element opened last. */
  end(): this {
    const name = this.open.pop();
    if (name === undefined) throw new Error('XhtmlWriter: end() without an open element');
    this.markup += `</${name}>`;
    return this;
  }

  /** A container element holding only this text (`<em>…</em>`, `<title>…</title>`). */
  element(name: ContainerElement, text: string, attributes?: Attributes): this {
    return this.start(name, attributes).text(text).end();
  }

  /** A void element (`<br />`). */
  empty(name: VoidElement, attributes?: Attributes): this {
    this.markup += `<${name}${attributesOf(attributes)} />`;
    return this;
  }

  /** Text, taken literally. */
  text(text: string): this {
    this.markup += escapeXml(text, 'text');
    return this;
  }

  /** The markup written; every element must be closed. */
  finish(): string {
    if (this.open.length > 0) throw new Error(`XhtmlWriter: <${this.open.join('>, <')}> left open`);
    return this.markup;
  }
}

function attributesOf(attributes: Attributes | undefined): string {
  if (attributes === undefined) return '';
  let written = '';
  for (const name in attributes) written += ` ${name}="${escapeXml(attributes[name]!, 'attribute')}"`;
  return written;
}

/**
 * An XHTML5 content document, the same bytes as `xhtmlDocument` in xhtml.ts writes with xmlbuilder2
 * (a property test holds the two together); `fill` writes the body.
 */
export function writeXhtmlDocument(options: XhtmlOptions, fill: (body: XhtmlWriter) => void): string {
  const writer = new XhtmlWriter();
  writer.start('html', { xmlns: XHTML_NS, 'xmlns:epub': OPS_NS, lang: options.language, 'xml:lang': options.language });
  writer.start('head');
  writer.empty('meta', { charset: 'UTF-8' });
  writer.element('title', options.title);
  writer.empty('link', { rel: 'stylesheet', type: 'text/css', href: options.stylesheet });
  writer.end();
  writer.start('body');
  fill(writer);
  writer.end().end();
  return `<?xml version="1.0" encoding="UTF-8"?><!DOCTYPE html>${writer.finish()}\n`;
}
