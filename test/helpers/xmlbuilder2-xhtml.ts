import type { ChangeMark } from '../../src/model/book.js';
import type { Inline } from '../../src/model/story.js';
import { markText } from '../../src/render/xhtml.js';
import type { XmlNode } from '../../src/render/xml.js';

/**
 * The pieces of content the pages shared when xmlbuilder2 wrote them; the oracles
 * (chapter-oracle.ts, front-matter-oracle.ts) are built of them.
 */

/** Writes paragraph content: plain runs as text, emphasised runs as `<em>`. */
export function appendInlines(parent: XmlNode, inlines: readonly Inline[]): void {
  for (const inline of inlines) {
    if (inline.kind === 'em') parent.ele('em').txt(inline.text);
    else parent.txt(inline.text);
  }
}

/** A heading's text, after a `(New)` or `(Updated)` mark when it has one, as the contents show it too. */
export function appendHeading(heading: XmlNode, text: string, mark: ChangeMark | undefined): void {
  if (mark) {
    heading.ele('span', { class: 'change-mark' }).txt(markText(mark));
    heading.txt(' ');
  }
  heading.txt(text);
}
