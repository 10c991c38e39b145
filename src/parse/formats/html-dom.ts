import type { AnyNode, Element, ParentNode } from 'domhandler';

/** Small DOM queries over htmlparser2 trees, all iterative: pages nest 10 000 deep. */

export function isElement(node: AnyNode): node is Element {
  return node.type === 'tag' || node.type === 'script' || node.type === 'style';
}

/** Every element under `root`, in document order. */
export function* elements(root: ParentNode): Generator<Element> {
  const stack: AnyNode[] = [...root.children].reverse();
  while (stack.length > 0) {
    const node = stack.pop() as AnyNode;
    if (!isElement(node)) continue;
    yield node;
    for (let i = node.children.length - 1; i >= 0; i--) stack.push(node.children[i] as AnyNode);
  }
}

export function findFirst(root: ParentNode, test: (el: Element) => boolean): Element | undefined {
  for (const el of elements(root)) if (test(el)) return el;
  return undefined;
}

export function findAll(root: ParentNode, test: (el: Element) => boolean): Element[] {
  return [...elements(root)].filter(test);
}

export function hasClass(el: Element, name: string): boolean {
  const classes = el.attribs['class'];
  return classes !== undefined && classes.split(/\s+/).includes(name);
}

export function closest(el: Element, test: (el: Element) => boolean): Element | undefined {
  for (let node: ParentNode | null = el; node; node = node.parent) {
    if (isElement(node as AnyNode) && test(node as Element)) return node as Element;
  }
  return undefined;
}

/** The element after `el` among its siblings, text between them skipped. */
export function nextElement(el: Element): Element | undefined {
  for (let node = el.next; node; node = node.next) if (isElement(node)) return node;
  return undefined;
}

/** The element before `el` among its siblings, text between them skipped. */
export function previousElement(el: Element): Element | undefined {
  for (let node = el.prev; node; node = node.prev) if (isElement(node)) return node;
  return undefined;
}

// Elements whose content is never text a reader sees.
const HIDDEN = new Set([
  'script',
  'style',
  'noscript',
  'template',
  'select',
  'option',
  'textarea',
  'button',
  'svg',
  'math',
  'iframe',
  'object',
  'head',
]);

/** The visible text of an element, white space collapsed (for metadata, never for story text). */
export function textOf(root: ParentNode): string {
  const parts: string[] = [];
  const stack: AnyNode[] = [...root.children].reverse();
  while (stack.length > 0) {
    const node = stack.pop() as AnyNode;
    if (node.type === 'text') parts.push(node.data);
    if (!isElement(node) || HIDDEN.has(node.name)) continue;
    if (node.name === 'br' || node.name === 'p' || node.name === 'div') parts.push(' ');
    for (let i = node.children.length - 1; i >= 0; i--) stack.push(node.children[i] as AnyNode);
  }
  return parts.join('').replace(/\s+/g, ' ').trim();
}
