import { createHash } from 'node:crypto';
import type { StoryMeta } from '../model/story.js';
import { slug } from '../text/slug.js';

/**
 * What a story is, whatever it holds: the address it was saved from when it names one (an archive
 * story's address names it across retitles), else its title and author. Chapters, dates, files and
 * the machine play no part, so a story keeps its identity as it grows.
 */
export function storyIdentity(meta: Pick<StoryMeta, 'title' | 'author' | 'url'>): string {
  if (meta.url !== undefined) return `url\n${addressKey(meta.url)}`;
  return `story\n${nameKey(meta.title)}\n${nameKey(meta.author)}`;
}

/**
 * What a series is: its name and its main author(s) — the author of most of its stories, or all
 * of those tied — so a co-written part joining a series does not make it another book.
 */
export function seriesIdentity(name: string, authorsByStory: readonly string[]): string {
  const counts = new Map<string, number>();
  for (const author of authorsByStory) counts.set(nameKey(author), (counts.get(nameKey(author)) ?? 0) + 1);
  const most = Math.max(0, ...counts.values());
  const main = [...counts].filter(([, n]) => n === most).map(([author]) => author);
  return `series\n${nameKey(name)}\n${main.sort().join('\n')}`;
}

/** A `urn:uuid:` from an identity (name-based, RFC 9562 version 8 layout over a SHA-256). */
export function identifierFor(identity: string): string {
  const bytes = createHash('sha256').update(identity).digest().subarray(0, 16);
  bytes[6] = ((bytes[6] as number) & 0x0f) | 0x80; // version 8: custom, hash-based
  bytes[8] = ((bytes[8] as number) & 0x3f) | 0x80; // RFC variant
  const hex = bytes.toString('hex');
  return `urn:uuid:${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** Case, accents and punctuation do not make another name; a name of punctuation only is kept as written. */
function nameKey(text: string): string {
  return slug(text) || text.normalize('NFC').trim().toLowerCase();
}

/** `https://www.Example.org/s/1/` and `http://example.org/s/1` name one place. */
function addressKey(url: string): string {
  return url
    .trim()
    .replace(/^[a-z][a-z0-9+.-]*:\/\//i, '')
    .replace(/#.*$/, '')
    .replace(/^(?:www\.)?([^/?]*)/i, (_, host: string) => host.toLowerCase())
    .replace(/\/+$/, '');
}
