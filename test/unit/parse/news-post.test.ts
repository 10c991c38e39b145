import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Block } from '../../../src/model/story.js';
import { parseStory } from '../../../src/parse/parse-story.js';

// Invented posts of the shapes mailing lists and news readers saved in the late 1990s.
const MAILING_LIST_POST = [
  'Path: news.example.net!feed1.example.org!not-for-mail',
  'Date: Tue, 17 Feb 1998 02:11:09 -0800',
  'From: Elowen Caddy <ecaddy@listhost.example.com>',
  'Sender: owner-quayside-fic@listhost.example.com',
  'To: quayside-fic@listhost.example.com',
  'Subject: [FIC] Tidewatch, part 1/2 (R)',
  'Message-ID: <3.0.3.32.19980217021109.00a1b2c3@listhost.example.com>',
  '',
  'Title: Tidewatch',
  'Author: Elowen Caddy',
  'Pairing: Jenna/Rook',
  'Rating: R for language',
  'Summary: The storm came in the night the harbourmaster',
  '   retired, and nobody had told the sea.',
  'Archive: Yes to the list archive, anyone else just ask.',
  '',
  'The storm came in before midnight, and by one the whole quay was under',
  'a foot of grey water that moved like something thinking.',
  '',
  '--',
  'Elowen Caddy * ecaddy@listhost.example.com',
];

function parsePost(lines: readonly string[]) {
  const path = 'tidewatch-a.txt';
  const parsed = parseStory({ path, files: [{ path, text: `${lines.join('\n')}\n`, modified: 1 }] });
  const shown = (block: Block): string =>
    block.kind === 'paragraph' ? block.inlines.map((i) => ('text' in i ? i.text : '')).join('') : block.kind;
  return { story: parsed.story, text: parsed.story?.chapters.flatMap((c) => c.blocks.map(shown)).join('\n') ?? '' };
}

describe('news and mailing-list posts', () => {
  it('reads a fic header written with capitalised words (Title:, Pairing:) after the news header as metadata', () => {
    const { story, text } = parsePost(MAILING_LIST_POST);
    assert.equal(story?.meta.title, 'Tidewatch');
    assert.equal(story?.meta.author, 'Elowen Caddy');
    assert.equal(story?.meta.pairing, 'Jenna/Rook');
    assert.equal(
      story?.meta.summary,
      'The storm came in the night the harbourmaster retired, and nobody had told the sea.',
    );
    assert.doesNotMatch(text, /Pairing|Archive:|Title:/);
    assert.match(text, /^The storm came in before midnight/);
  });

  it("keeps a story's own opening `Note:` line after the news header as text", () => {
    const post = [
      ...MAILING_LIST_POST.slice(0, 8),
      'Note: the kettle was still warm.',
      '',
      ...MAILING_LIST_POST.slice(16),
    ];
    const { text } = parsePost(post);
    assert.match(text, /^Note: the kettle was still warm\./);
  });
});

describe('a post without a fic header', () => {
  it('takes its title from the subject without the part number, its comma or the rating', () => {
    for (const subject of [
      '[FIC] Tidewatch, part 1/2 (R)',
      'NEW: Tidewatch 1/2 [PG]',
      'Tidewatch (PG-13) (Part 1 of 2)',
    ]) {
      const post = [
        ...MAILING_LIST_POST.slice(0, 5),
        `Subject: ${subject}`,
        ...MAILING_LIST_POST.slice(6, 8),
        ...MAILING_LIST_POST.slice(16),
      ];
      assert.equal(parsePost(post).story?.meta.title, 'Tidewatch', subject);
    }
  });

  it('keeps words in brackets that are no rating', () => {
    const post = [
      ...MAILING_LIST_POST.slice(0, 5),
      'Subject: Tidewatch (X-Files crossover) 1/2',
      ...MAILING_LIST_POST.slice(6, 8),
      ...MAILING_LIST_POST.slice(16),
    ];
    assert.equal(parsePost(post).story?.meta.title, 'Tidewatch (X-Files crossover)');
  });
});
