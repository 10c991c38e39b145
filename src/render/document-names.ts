import { createHash } from 'node:crypto';
import { storyIdentity } from '../group/identifier.js';
import type { Story } from '../model/story.js';
import { archiveStory } from '../parse/story-address.js';
import { slug } from '../text/slug.js';

const KEY_LENGTH = 40;
const ARCHIVE_PREFIX: Readonly<Record<string, string>> = {
  'archiveofourown.org': 'ao3',
  'fanfiction.net': 'ffn',
  'fictionpress.com': 'fp',
};

/**
 * The key each story's documents are named by (`the-far-shore-c002.xhtml`), from what the story
 * is: its archive id, else its title. A story keeps its key when others are added, removed or
 * moved around it, so readers that keep a position by document (Kobo) find it again. Stories
 * of one book whose titles give one key are told apart by a hash of their identity, all of them
 * alike, so which one came first does not matter.
 */
export function storyKeys(stories: ReadonlyArray<Pick<Story, 'meta'>>): string[] {
  const bases = stories.map((story) => baseKey(story));
  const count = new Map<string, number>();
  for (const base of bases) count.set(base, (count.get(base) ?? 0) + 1);
  const used = new Set<string>();
  return stories.map((story, index) => {
    const base = bases[index] as string;
    let key = (count.get(base) ?? 0) > 1 ? `${base}-${shortHash(storyIdentity(story.meta))}` : base;
    // The same story twice in one book (only a config file can do that): numbered in book order.
    for (let n = 2; used.has(key); n++) key = `${base}-${shortHash(storyIdentity(story.meta))}-${n}`;
    used.add(key);
    return key;
  });
}

/** The name of a chapter's document: its story's key and its place in the story (from 0), never padded past 3 digits. */
export function chapterDocumentName(storyKey: string, place: number): string {
  return `${storyKey}-c${String(place + 1).padStart(3, '0')}`;
}

/** `ao3-123456`, else the title as ASCII letters, digits and dashes, starting with a letter (an XML name). */
function baseKey(story: Pick<Story, 'meta'>): string {
  const archive = story.meta.url === undefined ? undefined : archiveStory(story.meta.url);
  if (archive) {
    const [site = '', id = ''] = archive.id.split(/\/(?:s|works)\//);
    return `${ARCHIVE_PREFIX[site] ?? 's'}-${id}`;
  }
  let key = slug(story.meta.title)
    .replace(/[^a-z0-9-]+/g, '')
    .replace(/-{2,}/g, '-')
    .replace(/^-|-$/g, '');
  if (key.length > KEY_LENGTH) key = key.slice(0, KEY_LENGTH).replace(/-[^-]*$/, '') || key.slice(0, KEY_LENGTH);
  if (key === '') return `s-${shortHash(storyIdentity(story.meta))}`;
  return /^[a-z]/.test(key) ? key : `s-${key}`;
}

function shortHash(text: string): string {
  return createHash('sha256').update(text).digest('hex').slice(0, 8);
}
