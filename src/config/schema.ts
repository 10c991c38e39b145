import { z } from 'zod';
import { buildOptionsSchema, type BuildOptions } from './options.js';

/** Paths in the config are relative to the input folder, `/`-separated, as `ficbind list` shows them. */
const sourcePath = z.string().min(1, 'expected a path relative to the input folder');

const storyOverride = z
  .object({
    title: z.string().min(1).optional(),
    author: z.string().min(1).optional(),
    language: z.string().min(1).optional(),
    /** Cover image for the book this story is (or opens), relative to the config file. */
    cover: z.string().min(1).optional(),
  })
  .strict();

const seriesEntry = z
  .object({
    /** The series' title: the book's title and the name readers shelve it under. */
    title: z.string().min(1),
    /** A series name as the stories give it, to rename (case and punctuation do not matter). */
    match: z.string().min(1).optional(),
    /** Its stories, in reading order; overrides every part number and "sequel to". */
    stories: z.array(sourcePath).min(1).optional(),
    cover: z.string().min(1).optional(),
    language: z.string().min(1).optional(),
  })
  .strict()
  .refine((entry) => entry.match !== undefined || entry.stories !== undefined, {
    message: 'give "stories" (the members in order) or "match" (a series name to rename)',
  });

/** `ficbind.config.json` / `.yaml`: everything it says overrides what ficbind finds in the stories. */
export const configSchema = z
  .object({
    $schema: z.string().optional(),
    // The build options a config may set, checked as the command line's are; a typed flag still wins.
    ...buildOptionsSchema.pick({ book: true, language: true }).partial().shape,
    /** Files or folders to leave out, as glob patterns relative to the input folder. */
    exclude: z.array(z.string().min(1)).optional(),
    series: z.array(seriesEntry).optional(),
    /** Per story (by its path relative to the input folder). */
    stories: z.record(sourcePath, storyOverride).optional(),
  })
  .strict();

export type Config = z.infer<typeof configSchema>;
export type SeriesEntry = z.infer<typeof seriesEntry>;
export type StoryOverride = z.infer<typeof storyOverride>;

/** The build options a config file sets (`book`, `language`), for resolveOptions. */
export function optionsInConfig(config: Config): Partial<BuildOptions> {
  return { book: config.book, language: config.language };
}
