import type { Book, ChangeMark } from '../model/book.js';
import { parseEmphasis } from '../parse/emphasis.js';
import type { Story } from '../model/story.js';
import { markText } from './xhtml.js';
import { writeXhtmlDocument, type Attributes } from './xhtml-writer.js';
import { storyLanguage } from './story-language.js';

const STYLESHEET = '../style.css';

/**
 * Title page: title, author, series and part, then whichever details the header gave. The front
 * matter is written by the streaming writer like the chapters: every story of a build has these
 * pages, and xmlbuilder2's tree cost more than the pages are worth (docs/decisions.md, "XML writer").
 */
export function renderTitlePage(book: Book, story: Story, mark?: ChangeMark): string {
  const { meta } = story;
  const language = storyLanguage(book, story);
  return writeXhtmlDocument({ title: meta.title, language, stylesheet: STYLESHEET }, (body) => {
    body.start('section', { 'epub:type': 'titlepage', class: 'titlepage' });
    body.start('h1', { class: 'title' });
    // A `(New)` or `(Updated)` mark before the title, as the contents show it too.
    if (mark) body.element('span', markText(mark), { class: 'change-mark' }).text(' ');
    body.text(meta.title).end();
    body.element('p', `by ${meta.author}`, { class: 'author' });
    if (meta.series) {
      const { name, part, total } = meta.series;
      body.start('p', { class: 'series' });
      if (part !== undefined) body.text(`Part ${part}${total !== undefined ? ` of ${total}` : ''} in `);
      body.element('i', name).end();
    }
    if (meta.url)
      body.start('p', { class: 'source' }).text('Source: ').element('a', meta.url, { href: meta.url }).end();
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
    if (present.length > 0) {
      body.start('dl', { class: 'details' });
      for (const [key, value] of present) body.element('dt', key).element('dd', value);
      body.end();
    }
    body.end();
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

function textPage(book: Book, story: Story, heading: string, text: string, attributes: Attributes): string {
  return writeXhtmlDocument(
    { title: `${story.meta.title}: ${heading}`, language: storyLanguage(book, story), stylesheet: STYLESHEET },
    (body) => {
      body.start('section', attributes).element('h2', heading).start('p');
      // Plain runs as text, emphasised runs as `<em>`.
      for (const inline of parseEmphasis(text)) {
        if (inline.kind === 'em') body.element('em', inline.text);
        else body.text(inline.text);
      }
      body.end().end();
    },
  );
}
