import { compareNatural } from '../text/natural-order.js';
import type { StoryInfo } from '../model/story.js';
import { numberInTitle } from '../parse/title-number.js';

const NONE = Number.MAX_SAFE_INTEGER;

/**
 * Reading order of stories in one series, strongest evidence first: the explicit part number,
 * then the published date, then a number in the title (`Book 2`, `II`, `Part Three`), then the
 * source's name. A story missing a piece of evidence comes after those that have it.
 */
export function compareInSeries(a: StoryInfo, b: StoryInfo): number {
  return (
    (a.meta.series?.part ?? NONE) - (b.meta.series?.part ?? NONE) ||
    compareDates(a.meta.published, b.meta.published) ||
    (numberInTitle(a.meta.title) ?? NONE) - (numberInTitle(b.meta.title) ?? NONE) ||
    compareNatural(a.source, b.source)
  );
}

function compareDates(a: string | undefined, b: string | undefined): number {
  if (a === b) return 0;
  if (a === undefined) return 1;
  if (b === undefined) return -1;
  return a < b ? -1 : 1;
}

/**
 * The stories of one series in reading order; a sequel (`follows`: sequel source → the source of
 * the story it follows) comes right after the story it follows when that story is among them.
 */
export function orderSeries<S extends StoryInfo>(
  stories: readonly S[],
  follows: ReadonlyMap<string, string> = new Map(),
): S[] {
  const ordered = [...stories].sort(compareInSeries);
  const present = new Set(ordered.map((s) => s.source));
  const sequelsOf = new Map<string, S[]>();
  for (const story of ordered) {
    const before = follows.get(story.source);
    if (before !== undefined && before !== story.source && present.has(before))
      sequelsOf.set(before, [...(sequelsOf.get(before) ?? []), story]);
  }
  const placed = new Set<string>();
  const result: S[] = [];
  const place = (story: S): void => {
    if (placed.has(story.source)) return;
    placed.add(story.source);
    result.push(story);
    for (const sequel of sequelsOf.get(story.source) ?? []) place(sequel);
  };
  const isPlacedBySequelLink = (story: S) => {
    const before = follows.get(story.source);
    return before !== undefined && before !== story.source && present.has(before);
  };
  for (const story of ordered) if (!isPlacedBySequelLink(story)) place(story);
  // Stories that only follow each other in a loop have no first one: they keep the sorted order.
  for (const story of ordered) place(story);
  return result;
}
