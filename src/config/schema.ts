import { z } from 'zod';
import { buildOptionsSchema, type BuildOptions } from './options.js';

/** Paths in the config are relative to the input folder, `/`-separated, as `ficbind list` shows them. */
const sourcePath = z.string().min(1, 'expected a path relative to the input folder');

// Characters XML 1.0 forbids: C0 controls but tab, LF and CR, and U+FFFE/U+FFFF. Story text has
// them removed when it is decoded (read/decode.ts); a title typed into the config is refused.
// eslint-disable-next-line no-control-regex
const NOT_IN_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/;

/** Text a book shows (a title, an author): no character that no reader can show. */
const shownText = z
  .string()
  .min(1)
  .refine((text) => !NOT_IN_XML.test(text), {
    message: 'holds a control character that no reader can show (an invisible one, pasted with the text?); remove it',
  });

/** A book's identifier as the config pins it: any text without line breaks, e.g. `urn:uuid:…` or `urn:isbn:…`. */
const bookIdentifier = z
  .string()
  .trim()
  .min(1, 'expected an identifier, e.g. urn:uuid:… (the one the book has now)')
  .regex(/^[^\r\n]+$/, 'expected an identifier on one line');

const storyOverride = z
  .object({
    title: shownText.optional(),
    author: shownText.optional(),
    language: z.string().min(1).optional(),
    /** Cover image for the book this story is (or opens), relative to the config file. */
    cover: z.string().min(1).optional(),
    /** The `dc:identifier` of the book this story is (alone), kept whatever its title becomes. */
    identifier: bookIdentifier.optional(),
  })
  .strict();

const seriesEntry = z
  .object({
    /** The series' title: the book's title and the name readers shelve it under. */
    title: shownText,
    /** A series name as the stories give it, to rename (case and punctuation do not matter). */
    match: z.string().min(1).optional(),
    /** Its stories, in reading order; overrides every part number and "sequel to". */
    stories: z.array(sourcePath).min(1).optional(),
    cover: z.string().min(1).optional(),
    language: z.string().min(1).optional(),
    /** The `dc:identifier` of the series book, kept whatever its name becomes. */
    identifier: bookIdentifier.optional(),
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
    ...buildOptionsSchema.pick({ book: true, language: true, maxBookSize: true }).partial().shape,
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

/** The build options a config file sets (`book`, `language`, `maxBookSize`), for resolveOptions. */
export function optionsInConfig(config: Config): Partial<BuildOptions> {
  return { book: config.book, language: config.language, maxBookSize: config.maxBookSize };
}
