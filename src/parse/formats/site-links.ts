import type { AnyNode, Document, Element } from 'domhandler';
import { findAll, isElement, textOf } from './html-dom.js';

// What may stand between a row's links: `Home | Stories · Authors / Contact`, `[Home] [Stories]`.
const SEPARATORS = /^[\s|·•:/\\\-–—»«<>[\](),*~]*$/;
// A site link names a page in a few words (`Home`, `Contact the author`); a sentence is prose.
const MAX_LINK_CHARACTERS = 30;
const MAX_LINK_WORDS = 4;
// Elements at the start that show no text (a rule, a break, a spacer) do not end the search.
const SILENT = new Set(['hr', 'br', 'img', 'nav', 'header', 'script', 'style', 'noscript']);

/**
 * The rows of site links a plain page shows before its title heading, or at the very start of its
 * main text (`Home | Stories | Authors | Contact`, a `<ul>` of such links): page chrome, not
 * story. Only rows at the start count, and only rows of two or more short links with nothing but
 * separators between them: a paragraph of prose holding a link is story, and so is a list of the
 * story's own chapters within the page (`#chapter-2`), which chapters/contents reads.
 */
export function leadingSiteLinks(body: Element | Document): Element[] {
  const rows: Element[] = [];
  for (const node of body.children) {
    if (node.type === 'text' && node.data.trim() !== '') break;
    if (!isElement(node)) continue;
    if (isLinkRow(node)) rows.push(node);
    else if (!SILENT.has(node.name) && textOf(node) !== '') break;
  }
  return rows;
}

function isLinkRow(el: Element): boolean {
  const links = findAll(el, (e) => e.name === 'a' && e.attribs['href'] !== undefined);
  if (links.length < 2 || links.every((a) => (a.attribs['href'] ?? '').startsWith('#'))) return false;
  const short = (text: string) => text.length <= MAX_LINK_CHARACTERS && text.split(' ').length <= MAX_LINK_WORDS;
  return links.every((a) => short(textOf(a))) && SEPARATORS.test(textOutsideLinks(el));
}

/** The text of `el` that is in no link. */
function textOutsideLinks(el: Element): string {
  const parts: string[] = [];
  const stack: AnyNode[] = [...el.children];
  while (stack.length > 0) {
    const node = stack.pop() as AnyNode;
    if (node.type === 'text') parts.push(node.data);
    else if (isElement(node) && node.name !== 'a') stack.push(...node.children);
  }
  return parts.join(' ');
}
