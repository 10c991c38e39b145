import picomatch from 'picomatch';
import { slug } from '../text/slug.js';
import type { Book } from '../model/book.js';
import { diagnostic, type Diagnostic } from '../diagnostics/diagnostic.js';
import type { FoundSource } from '../model/source.js';
import type { StoryInfo } from '../model/story.js';
import { ConfigError } from './parse-config.js';
import type { Config } from './schema.js';

/** Sources the config's `exclude` patterns leave out, each reported. */
export function excludeSources(
  sources: readonly FoundSource[],
  config: Config,
  configFile: string,
): { sources: FoundSource[]; diagnostics: Diagnostic[] } {
  const patterns = config.exclude ?? [];
  if (patterns.length === 0) return { sources: [...sources], diagnostics: [] };
  const matches = picomatch(patterns, { dot: true });
  const diagnostics: Diagnostic[] = [];
  const kept = sources.filter((source) => {
    const excluded = matches(source.path) || matches(`${source.path}/`) || source.files.every((f) => matches(f.path));
    if (excluded)
      diagnostics.push(diagnostic('config/excluded', source.path, `left out by "exclude" in ${configFile}`));
    return !excluded;
  });
  return { sources: kept, diagnostics };
}

/** Every story path the config names must be a story ficbind found: a typo would otherwise do nothing, silently. */
export function checkConfigPaths(config: Config, sources: readonly FoundSource[], configFile: string): void {
  const known = new Set(sources.map((s) => s.path));
  const problems: string[] = [];
  (config.series ?? []).forEach((entry, i) =>
    (entry.stories ?? []).forEach((member, j) => {
      if (!known.has(member)) problems.push(`  series[${i}].stories[${j}]: no story "${member}" in the input folder`);
    }),
  );
  for (const member of Object.keys(config.stories ?? {})) {
    if (!known.has(member))
      problems.push(`  stories[${JSON.stringify(member)}]: no story "${member}" in the input folder`);
  }
  if (problems.length > 0) {
    throw new ConfigError(
      `${configFile}: names stories that are not there; nothing was built\n${problems.join('\n')}\nUse the paths "ficbind list" shows (relative to the input folder).`,
    );
  }
}

/**
 * The config's word over the stories: titles, authors and languages per story; series members
 * and their order (part numbers follow the list); series renamed by `match`.
 */
export function applyConfig<S extends StoryInfo>(stories: readonly S[], config: Config): S[] {
  return stories.map((story) => {
    const meta = { ...story.meta };
    const override = config.stories?.[story.source];
    if (override?.title) meta.title = override.title;
    if (override?.author) meta.author = override.author;
    if (override?.language) meta.language = override.language;
    for (const entry of config.series ?? []) {
      const part = entry.stories?.indexOf(story.source) ?? -1;
      const renamed =
        entry.match !== undefined && meta.series !== undefined && slug(meta.series.name) === slug(entry.match);
      if (part >= 0) meta.series = { name: entry.title, part: part + 1, total: entry.stories?.length ?? part + 1 };
      else if (renamed && meta.series) meta.series = { ...meta.series, name: entry.title };
      else continue;
      if (entry.language && !override?.language) meta.language = entry.language;
    }
    return { ...story, meta };
  });
}

/**
 * A `header/missing` warning says a story's title and author were guessed. Where the config names
 * both, nothing was guessed: the warning goes. Where it names one, the warning says only the other.
 */
export function withConfigAnswers(diagnostics: readonly Diagnostic[], config: Config): Diagnostic[] {
  return diagnostics.flatMap((said) => {
    if (said.rule !== 'header/missing') return [said];
    const [, override] =
      Object.entries(config.stories ?? {}).find(
        ([source]) => said.file === source || said.file.startsWith(`${source}/`),
      ) ?? [];
    if (!override?.title && !override?.author) return [said];
    if (override.title && override.author) return [];
    const guessed = override.title
      ? `gives its title "${override.title}"; author set to "Unknown"`
      : `gives its author "${override.author ?? ''}"; its title is taken from its first line or file name`;
    return [{ ...said, message: `no header block; the config file ${guessed}` }];
  });
}

/** The identifier the config pins for a book: its series entry's for a series book, its story's for a book of one story. */
export function configIdentifier(
  book: Pick<Book<StoryInfo>, 'stories' | 'series'>,
  config: Config,
): string | undefined {
  if (book.stories.length > 1) {
    const name = book.series?.name;
    return (config.series ?? []).find((entry) => name !== undefined && slug(entry.title) === slug(name))?.identifier;
  }
  return config.stories?.[book.stories[0]?.source ?? '']?.identifier;
}

/** Whether the config file has a series entry of this name (by title, or by the name it renames). */
export function namesSeries(config: Config, name: string): boolean {
  return (config.series ?? []).some(
    (entry) => slug(entry.title) === slug(name) || (entry.match !== undefined && slug(entry.match) === slug(name)),
  );
}

/** The cover the config names for a book: its series entry's, else its first story's. Relative to the config file. */
export function configCover(book: Book<StoryInfo>, config: Config): string | undefined {
  const series = (config.series ?? []).find(
    (entry) => book.series !== undefined && slug(entry.title) === slug(book.series.name) && book.stories.length > 1,
  );
  return series?.cover ?? config.stories?.[book.stories[0]?.source ?? '']?.cover;
}
