import { create } from 'xmlbuilder2';

type Builder = ReturnType<typeof create>;
export type Attributes = Record<string, string>;

/**
 * xmlbuilder2 leaves `&` alone when it looks like an entity (`&amp;`, `&nbsp;`, `&#169;`;
 * oozcitak/xmlbuilder2#117), so a story that says "&nbsp;" would come out as an undefined entity
 * and a broken document. Every string reaches it through here with its ampersands escaped first,
 * which xmlbuilder2 then keeps as they are.
 */
const escapeAmpersands = (value: string): string => value.replaceAll('&', '&amp;');

function escapeAttributes(attributes: Attributes): Attributes {
  return Object.fromEntries(Object.entries(attributes).map(([name, value]) => [name, escapeAmpersands(value)]));
}

/** A node of an XML document being built. All XML in ficbind is written through this. */
export class XmlNode {
  constructor(private readonly node: Builder) {}

  /** A child element in the parent's namespace. */
  ele(name: string, attributes: Attributes = {}): XmlNode {
    return new XmlNode(this.node.ele(name, escapeAttributes(attributes)));
  }

  /** A child element in another namespace (e.g. `dc:title`). */
  eleNs(namespace: string, name: string, attributes: Attributes = {}): XmlNode {
    return new XmlNode(this.node.ele(namespace, name, escapeAttributes(attributes)));
  }

  /** Appends text, taken literally. */
  txt(text: string): this {
    this.node.txt(escapeAmpersands(text));
    return this;
  }
}

export interface XmlDocument {
  root: XmlNode;
  /** Serialises with the XML declaration; indented only where no element holds mixed content. */
  end(options: { prettyPrint: boolean }): string;
}

/** A new document: XML declaration with encoding, optional `<!DOCTYPE name>`, and its root element. */
export function xmlDocument(
  namespace: string,
  rootName: string,
  attributes: Attributes,
  doctype?: string,
): XmlDocument {
  let document: Builder = create({ version: '1.0', encoding: 'UTF-8' });
  if (doctype) document = document.dtd({ name: doctype });
  const root = document.ele(namespace, rootName, escapeAttributes(attributes));
  return { root: new XmlNode(root), end: ({ prettyPrint }) => `${root.end({ prettyPrint })}\n` };
}
