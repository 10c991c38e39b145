import type { StoryInfo } from '../model/story.js';
import { slug } from '../text/slug.js';

/**
 * The stories that share a series name, split into the series they really are: two authors'
 * unrelated "Coffee Shop AU" series are two books, not one. Stories stay together when they share
 * an author (co-authors count: "Ada Vell & Rook Tamsin" shares with "Ada Vell"), sit in one
 * series folder (the user put them there), or when `joined` says the config file names the series.
 * A story whose author is not known joins the first series in path order. Pure.
 */
export function splitSeriesByAuthor<S extends StoryInfo>(members: readonly S[], joined: boolean): S[][] {
  if (joined || members.length < 2) return [[...members]];
  const parent = members.map((_, index) => index);
  const root = (i: number): number => (parent[i] === i ? i : (parent[i] = root(parent[i] as number)));
  const union = (a: number, b: number): void => {
    const [x, y] = [root(a), root(b)];
    if (x !== y) parent[Math.max(x, y)] = Math.min(x, y);
  };
  const firstWith = new Map<string, number>();
  members.forEach((story, index) => {
    const folder = story.source.includes('/') ? story.source.slice(0, story.source.lastIndexOf('/')) : undefined;
    for (const key of [...authorKeys(story.meta.author), ...(folder ? [`folder:${folder}`] : [])]) {
      const earlier = firstWith.get(key);
      if (earlier === undefined) firstWith.set(key, index);
      else union(earlier, index);
    }
  });
  const unknown = members.map((story) => authorKeys(story.meta.author).length === 0);
  const named = members.map((_, index) => index).filter((index) => !unknown[index]);
  if (named.length === 0) return [[...members]];
  const home = root(named.reduce((a, b) => (members[a]!.source <= members[b]!.source ? a : b)));
  const withAuthor = new Set(named.map(root));
  const groups = new Map<number, S[]>();
  members.forEach((story, index) => {
    const group = withAuthor.has(root(index)) ? root(index) : home;
    groups.set(group, [...(groups.get(group) ?? []), story]);
  });
  return [...groups.values()];
}

/** Each author a story names, as a key: `Ada Vell & Rook Tamsin` → two; `Unknown` or nothing → none. */
function authorKeys(author: string): string[] {
  return author
    .split(/\s*(?:,|&|\band\b|;|\/)\s*/i)
    .map((name) => slug(name))
    .filter((key) => key !== '' && key !== 'unknown' && key !== 'anonymous')
    .map((key) => `author:${key}`);
}
