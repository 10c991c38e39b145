import type { SeriesRef, StoryInfo } from '../model/story.js';
import { slug } from '../text/slug.js';

export interface SequelLinks<S extends StoryInfo> {
  /** The stories, a sequel without a series of its own now in the series of the story it follows. */
  stories: S[];
  /** Sequel source → source of the story it follows. */
  follows: Map<string, string>;
}

// "a sequel to TITLE", "a continuation of TITLE", "the follow-up to TITLE", "follows on from TITLE".
const SEQUEL_PHRASE = /\b(?:sequel|continuation|follow[- ]?up)\s+(?:to|of)\s+|\bfollows\s+on\s+from\s+/gi;
// Plain "follows" is everyday prose ("she follows the river"): only with the title in quotes or emphasis.
const FOLLOWS_QUOTED = /\bfollows\s+(?=["“'‘*_])/gi;
// Header keys whose value is the title itself: `Sequel to: …`, `Follows: …`, `Continuation of: …`.
const SEQUEL_KEY = /^(?:sequel(?:\s+to)?|follows|continuation(?:\s+of)?|prequel\s+is)$/i;
// Words between the phrase and the title: "a sequel to my story First Light".
const LEAD_WORDS = /^(?:(?:my|our|the|her|his|their|story|fic|fanfic|work|one-?shot)-)*/;

/**
 * "sequel to TITLE" (and the like) in a story's summary or header links it to the story of that
 * title (matched by slug, so case, quotes and punctuation do not matter). A sequel without a
 * series joins the series of the story it follows, as the next part when that part is free; when
 * neither has one, both form a series named after the first story's title. Pure: the stories
 * given are not changed.
 */
export function linkSequels<S extends StoryInfo>(stories: readonly S[]): SequelLinks<S> {
  const follows = new Map<string, string>();
  // Each title's slug once: comparing every story with every other must not slug n² times.
  const titled = stories.flatMap((story) => {
    const title = withoutLeadWords(slug(story.meta.title));
    return title === '' ? [] : [{ story, title }];
  });
  for (const story of stories) {
    const before = findPredecessor(story, titled);
    if (before) follows.set(story.source, before.source);
  }
  if (follows.size === 0) return { stories: [...stories], follows };

  const bySource = new Map(stories.map((s) => [s.source, s]));
  const taken = new Map<string, Set<number>>();
  const take = (series: SeriesRef) => {
    if (series.part === undefined) return;
    const parts = taken.get(slug(series.name)) ?? new Set<number>();
    parts.add(series.part);
    taken.set(slug(series.name), parts);
  };
  for (const story of stories) if (story.meta.series) take(story.meta.series);

  const assigned = new Map<string, SeriesRef | undefined>();
  const resolving = new Set<string>();
  const seriesOf = (source: string): SeriesRef | undefined => {
    if (assigned.has(source)) return assigned.get(source);
    const story = bySource.get(source) as S;
    const before = follows.get(source);
    if (story.meta.series || before === undefined || resolving.has(source)) return story.meta.series;
    resolving.add(source);
    let joined = seriesOf(before);
    if (!joined) {
      // Neither has a series: the story followed starts one named after itself.
      joined = { name: (bySource.get(before) as S).meta.title, part: 1 };
      take(joined);
      assigned.set(before, joined);
    }
    const next = joined.part === undefined ? undefined : joined.part + 1;
    const own: SeriesRef =
      next !== undefined && !taken.get(slug(joined.name))?.has(next)
        ? { name: joined.name, part: next }
        : { name: joined.name };
    take(own);
    assigned.set(source, own);
    resolving.delete(source);
    return own;
  };
  for (const source of follows.keys()) seriesOf(source);
  const linked = stories.map((story) => {
    const series = assigned.get(story.source);
    return series && !story.meta.series ? { ...story, meta: { ...story.meta, series } } : story;
  });
  return { stories: linked, follows };
}

/** A story with its title as matched: slug, lead words removed (never empty). */
interface TitledStory<S extends StoryInfo> {
  story: S;
  title: string;
}

/** The story this one says it follows, or undefined. */
function findPredecessor<S extends StoryInfo>(story: S, titled: readonly TitledStory<S>[]): S | undefined {
  const mentions = mentionedTitles(story);
  if (mentions.length === 0) return undefined;
  const others = titled.filter((t) => t.story !== story && t.story.source !== story.source);
  for (const mention of mentions) {
    const found = bestTitleMatch(mention, others, story.meta.author);
    if (found) return found;
  }
  return undefined;
}

/** Text that starts with the title a story says it follows: the rest of the sentence after each phrase. */
function mentionedTitles(story: StoryInfo): string[] {
  const mentions: string[] = [];
  const texts = [
    story.meta.summary ?? '',
    ...story.meta.extra.filter((f) => !SEQUEL_KEY.test(f.key.trim())).map((f) => f.value),
  ];
  for (const field of story.meta.extra) if (SEQUEL_KEY.test(field.key.trim())) mentions.push(field.value);
  for (const text of texts) {
    for (const phrase of [SEQUEL_PHRASE, FOLLOWS_QUOTED]) {
      for (const match of text.matchAll(phrase)) mentions.push(text.slice((match.index ?? 0) + match[0].length));
    }
  }
  return mentions;
}

/**
 * The story whose title the mention starts with (whole words, by slug, a leading "the" or "my
 * story" optional); the longest title wins, then one by the same author.
 */
function bestTitleMatch<S extends StoryInfo>(
  mention: string,
  candidates: readonly TitledStory<S>[],
  author: string,
): S | undefined {
  const said = withoutLeadWords(slug(mention.replace(/[*_]/g, ' ')));
  let best: S | undefined;
  let bestLength = 0;
  for (const { story: candidate, title } of candidates) {
    if (!(said === title || said.startsWith(`${title}-`))) continue;
    const better =
      title.length > bestLength ||
      (title.length === bestLength && candidate.meta.author === author && best?.meta.author !== author);
    if (better) {
      best = candidate;
      bestLength = title.length;
    }
  }
  return best;
}

function withoutLeadWords(text: string): string {
  return text.replace(LEAD_WORDS, '');
}
