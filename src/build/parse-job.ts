import { cleanStory } from '../clean/clean-story.js';
import type { BuildOptions } from '../config/options.js';
import type { StorySource } from '../model/source.js';
import type { Story, StoryStats } from '../model/story.js';
import { parseStory } from '../parse/parse-story.js';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { chapterPrint } from './book-record.js';
import { shrinkImages } from './shrink-images.js';

/** What parsing a story needs: its text as read, and the options that change what it becomes. */
export interface ParseJob {
  source: StorySource;
  options: Pick<BuildOptions, 'keepJunk' | 'notes' | 'typography'>;
}

/** A parsed and cleaned story with what the build keeps of it while its chapters wait (story-store.ts), or why there is none. */
export type ParsedStory =
  { story: Story; stats: StoryStats; diagnostics: Diagnostic[] } | { story?: undefined; diagnostics: Diagnostic[] };

/**
 * parse → clean, huge pictures scaled down, words counted and chapters fingerprinted: all a story's
 * CPU work before grouping, with no I/O, so it runs on a worker as well as here (workers/pool.ts).
 */
export async function parseJob(job: ParseJob): Promise<ParsedStory> {
  const parsed = parseStory(job.source, { keepJunk: job.options.keepJunk });
  if (!parsed.story) return { diagnostics: parsed.diagnostics };
  const cleaned = cleanStory(parsed.story, job.options);
  // sharp unusable on this machine: the pictures go in as they are, as covers would fail and say so.
  const shrinking = await shrinkImages(cleaned.story).catch(() => ({ story: cleaned.story, diagnostics: [] }));
  const story = shrinking.story;
  return {
    story,
    diagnostics: [...parsed.diagnostics, ...cleaned.diagnostics, ...shrinking.diagnostics],
    stats: statsOf(story),
  };
}

function statsOf(story: Story): StoryStats {
  // Each chapter's print counts its words: the story's are their sum, not counted a second time.
  const prints = story.chapters.map(chapterPrint);
  return { words: prints.reduce((n, p) => n + p.words, 0), chapters: story.chapters.length, prints };
}
