import { DOMParser, XMLSerializer, type Document, type Element, type Node } from '@xmldom/xmldom';
import type { EpubFile } from '../model/epub.js';

/**
 * The Kobo variant of a book (`NAME.kepub.epub`), as Kobo's own converter and kepubify make it:
 * every sentence of a content document in `<span class="koboSpan" id="kobo.P.S">` (paragraph P,
 * sentence S, both from 1), and the body's content inside `div#book-columns > div#book-inner`.
 * Kobo's reader uses the spans for positions, highlights and reading statistics. Only text nodes
 * are wrapped, so a span never crosses an element: emphasis and links stay as they were, and the
 * text is the same, character for character.
 */
export function toKepub(files: readonly EpubFile[]): EpubFile[] {
  const content = contentDocuments(files);
  return files.map((file) =>
    content.has(file.path) ? { path: file.path, data: addKoboSpans(text(file.data), file.path) } : file,
  );
}

const XHTML_NS = 'http://www.w3.org/1999/xhtml';
const OPF_NS = 'http://www.idpf.org/2007/opf';
const OPS_NS = 'http://www.idpf.org/2007/ops';
const ELEMENT_NODE = 1;
const TEXT_NODE = 3;

/** The spine's XHTML documents but the navigation document and the cover page, by path in the zip. */
function contentDocuments(files: readonly EpubFile[]): Set<string> {
  const byPath = new Map(files.map((f) => [f.path, f]));
  const container = byPath.get('META-INF/container.xml');
  if (!container) return new Set();
  const rootfile = parse(text(container.data), 'META-INF/container.xml').getElementsByTagName('rootfile')[0];
  const opfPath = rootfile?.getAttribute('full-path');
  const opf = opfPath ? byPath.get(opfPath) : undefined;
  if (!opfPath || !opf) return new Set();
  const base = opfPath.includes('/') ? opfPath.slice(0, opfPath.lastIndexOf('/') + 1) : '';
  const documents = new Set<string>();
  for (const item of Array.from(parse(text(opf.data), opfPath).getElementsByTagNameNS(OPF_NS, 'item'))) {
    if (item.getAttribute('media-type') !== 'application/xhtml+xml') continue;
    if ((item.getAttribute('properties') ?? '').split(/\s+/).includes('nav')) continue;
    const path = base + decodeURIComponent(item.getAttribute('href') ?? '');
    const file = byPath.get(path);
    if (file && !isCoverPage(parse(text(file.data), path))) documents.add(path);
  }
  return documents;
}

function isCoverPage(doc: Document): boolean {
  return Array.from(doc.getElementsByTagNameNS(XHTML_NS, 'body')[0]?.getElementsByTagName('*') ?? []).some((e) =>
    (e.getAttributeNS(OPS_NS, 'type') ?? '').split(/\s+/).includes('cover'),
  );
}

// Elements whose text is a paragraph of its own for numbering, as Kobo counts them.
const BLOCKS = new Set([
  'p',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'li',
  'dt',
  'dd',
  'blockquote',
  'div',
  'td',
  'th',
  'caption',
  'figcaption',
  'pre',
  'address',
  'section',
  'body',
]);
// Text that must stay bare: not rendered as prose, or not allowed to hold a span.
const LEAVE_ALONE = new Set(['script', 'style', 'textarea', 'option']);
const sentences = new Intl.Segmenter(undefined, { granularity: 'sentence' });

/** One content document with Kobo's spans and wrappers. Text, elements and attributes are otherwise kept. */
export function addKoboSpans(xhtml: string, name = 'document'): string {
  const doc = parse(xhtml, name);
  const body = doc.getElementsByTagNameNS(XHTML_NS, 'body')[0];
  if (!body) return xhtml;
  let paragraph = 0;
  let sentence = 0;
  let currentBlock: Element | undefined;
  for (const node of textNodes(body)) {
    const value = node.nodeValue ?? '';
    if (value.trim() === '') continue;
    const block = nearestBlock(node);
    if (block !== currentBlock) {
      currentBlock = block;
      paragraph++;
      sentence = 0;
    }
    const replacement = doc.createDocumentFragment();
    for (const { segment } of sentences.segment(value)) {
      // Whitespace between sentences (or a node's leading space) stays outside the spans.
      const [, leading = '', core = '', trailing = ''] = /^(\s*)([\s\S]*?)(\s*)$/.exec(segment) ?? [];
      if (leading) replacement.appendChild(doc.createTextNode(leading));
      if (core) {
        const span = doc.createElementNS(XHTML_NS, 'span');
        span.setAttribute('class', 'koboSpan');
        span.setAttribute('id', `kobo.${paragraph}.${++sentence}`);
        span.appendChild(doc.createTextNode(core));
        replacement.appendChild(span);
      }
      if (trailing) replacement.appendChild(doc.createTextNode(trailing));
    }
    node.parentNode?.replaceChild(replacement, node);
  }
  wrapBody(doc, body);
  const serialised = new XMLSerializer().serializeToString(doc);
  return xhtml.endsWith('\n') && !serialised.endsWith('\n') ? `${serialised}\n` : serialised;
}

/** Text nodes under `root` in document order, skipping those in elements that must stay bare or are not XHTML (SVG, MathML). */
function textNodes(root: Element): Node[] {
  const found: Node[] = [];
  const visit = (node: Node): void => {
    for (const child of Array.from(node.childNodes)) {
      if (child.nodeType === TEXT_NODE) found.push(child);
      else if (child.nodeType === ELEMENT_NODE) {
        const element = child as Element;
        if (element.namespaceURI === XHTML_NS && !LEAVE_ALONE.has(element.localName ?? '')) visit(element);
      }
    }
  };
  visit(root);
  return found;
}

function nearestBlock(node: Node): Element | undefined {
  for (let parent = node.parentNode; parent; parent = parent.parentNode) {
    if (parent.nodeType === ELEMENT_NODE && BLOCKS.has((parent as Element).localName ?? '')) return parent as Element;
  }
  return undefined;
}

/** `<body><div id="book-columns"><div id="book-inner">…</div></div></body>`, as kepubify writes it. */
function wrapBody(doc: Document, body: Element): void {
  const columns = doc.createElementNS(XHTML_NS, 'div');
  columns.setAttribute('id', 'book-columns');
  const inner = doc.createElementNS(XHTML_NS, 'div');
  inner.setAttribute('id', 'book-inner');
  while (body.firstChild) inner.appendChild(body.firstChild);
  columns.appendChild(inner);
  body.appendChild(columns);
}

function parse(source: string, name: string): Document {
  const errors: string[] = [];
  const doc = new DOMParser({
    onError: (level, message) => {
      if (level !== 'warning') errors.push(message);
    },
  }).parseFromString(source, 'application/xml');
  if (errors.length > 0) throw new Error(`kepub: ${name} is not well-formed XML: ${errors.join('; ')}`);
  return doc;
}

function text(data: string | Uint8Array): string {
  return typeof data === 'string' ? data : new TextDecoder().decode(data);
}
