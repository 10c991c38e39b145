import type { Book, ChangeMark } from '../model/book.js';
import { parseEmphasis } from '../parse/emphasis.js';
import type { Story } from '../model/story.js';
import { appendHeading, appendInlines, xhtmlDocument } from './xhtml.js';
import type { XmlNode } from './xml.js';
import { storyLanguage } from './story-language.js';

const STYLESHEET = '../style.css';

/** Title page: title, author, series and part, then whichever details the header gave. */
export function renderTitlePage(book: Book, story: Story, mark?: ChangeMark): string {
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

/** Disclaimer page; only planned when the story has a disclaimer. */
export function renderDisclaimer(book: Book, story: Story): string {
  return textPage(book, story, 'Disclaimer', story.meta.disclaimer ?? '', {
    'epub:type': 'copyright-page',
    class: 'disclaimer',
  });
}

/** Summary page; only planned when the story has a summary. */
export function renderSummary(book: Book, story: Story): string {
  return textPage(book, story, 'Summary', story.meta.summary ?? '', {
    'epub:type': 'abstract',
    role: 'doc-abstract',
    class: 'summary',
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
