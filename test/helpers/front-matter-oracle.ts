import type { Book, ChangeMark } from '../../src/model/book.js';
import type { Story } from '../../src/model/story.js';
import { parseEmphasis } from '../../src/parse/emphasis.js';
import { coverAlternative } from '../../src/render/cover-page.js';
import { storyLanguage } from '../../src/render/story-language.js';
import { xhtmlDocument } from '../../src/render/xhtml.js';
import type { XmlNode } from '../../src/render/xml.js';
import { appendHeading, appendInlines } from './xmlbuilder2-xhtml.js';

/**
 * The title page, disclaimer, summary and cover page as ficbind wrote them with xmlbuilder2 before
 * the streaming writer: the oracle the property test holds front-matter.ts and cover-page.ts to,
 * byte for byte.
 */

const STYLESHEET = '../style.css';

export function renderTitlePageWithXmlbuilder2(book: Book, story: Story, mark?: ChangeMark): string {
  const { meta } = story;
  const language = storyLanguage(book, story);
  return xhtmlDocument({ title: meta.title, language, stylesheet: STYLESHEET }, (body) => {
    const section = body.ele('section', { 'epub:type': 'titlepage', class: 'titlepage' });
    appendHeading(section.ele('h1', { class: 'title' }), meta.title, mark);
    section.ele('p', { class: 'author' }).txt(`by ${meta.author}`);
    if (meta.series) {
      const { name, part, total } = meta.series;
      const line = section.ele('p', { class: 'series' });
      if (part !== undefined) line.txt(`Part ${part}${total !== undefined ? ` of ${total}` : ''} in `);
      line.ele('i').txt(name);
    }
    if (meta.url) {
      const source = section.ele('p', { class: 'source' });
      source.txt('Source: ');
      source.ele('a', { href: meta.url }).txt(meta.url);
    }
    const details: Array<[string, string | undefined]> = [
      ['Rating', meta.rating],
      ['Pairing', meta.pairing],
      ['Timeline', meta.timeline],
      ['Category', meta.category],
      ['Warnings', meta.warnings],
      ['Fandom', meta.fandoms?.join(', ')],
      ['Relationships', meta.relationships?.join(', ')],
      ['Characters', meta.characters?.join(', ')],
      ...meta.extra.map((e): [string, string] => [e.key, e.value]),
    ];
    const present = details.filter((d): d is [string, string] => d[1] !== undefined && d[1] !== '');
    if (present.length === 0) return;
    const list = section.ele('dl', { class: 'details' });
    for (const [key, value] of present) {
      list.ele('dt').txt(key);
      list.ele('dd').txt(value);
    }
  });
}

export function renderDisclaimerWithXmlbuilder2(book: Book, story: Story): string {
  return textPage(book, story, 'Disclaimer', story.meta.disclaimer ?? '', {
    'epub:type': 'copyright-page',
    class: 'disclaimer',
  });
}

export function renderSummaryWithXmlbuilder2(book: Book, story: Story): string {
  return textPage(book, story, 'Summary', story.meta.summary ?? '', {
    'epub:type': 'abstract',
    role: 'doc-abstract',
    class: 'summary',
  });
}

export function renderCoverPageWithXmlbuilder2(book: Book, imageHref: string): string {
  return xhtmlDocument({ title: 'Cover', language: book.language, stylesheet: STYLESHEET }, (body) => {
    body
      .ele('section', { 'epub:type': 'cover', class: 'cover' })
      .ele('img', { src: imageHref, alt: coverAlternative(book) });
  });
}

function textPage(book: Book, story: Story, heading: string, text: string, attributes: Record<string, string>): string {
  return xhtmlDocument(
    { title: `${story.meta.title}: ${heading}`, language: storyLanguage(book, story), stylesheet: STYLESHEET },
    (body: XmlNode) => {
      const section = body.ele('section', attributes);
      section.ele('h2').txt(heading);
      appendInlines(section.ele('p'), parseEmphasis(text));
    },
  );
}
