import path from 'node:path';
import type { BuildPlan } from '../build/build.js';
import { countBySeverity } from '../diagnostics/count.js';
import { formatDiagnostic } from '../diagnostics/diagnostic.js';
import type { FoundSource } from '../model/source.js';
import { formatOf } from '../parse/formats/index.js';
import { plural } from '../text/plural.js';
import { countChapterWords, countWords } from '../parse/count-words.js';
import type { Story } from '../model/story.js';

/** The plan as data: series → stories → chapters, with words, formats and encodings. */
export function planJson(plan: BuildPlan): object {
  const sources = new Map(plan.sources.map((s) => [s.path, s]));
  return {
    ...(plan.configFile ? { config: plan.configFile } : {}),
    shape: plan.options.book,
    books: plan.books.map((book) => ({
      file: path.join(plan.options.out, `${book.fileName}.epub`),
      identifier: book.identifier,
      title: book.title,
      authors: book.authors,
      language: book.language,
      ...(book.series ? { series: book.series } : {}),
      words: book.stories.reduce((n, s) => n + countWords(s), 0),
      stories: book.stories.map((story) => storyJson(story, sources.get(story.source))),
    })),
    diagnostics: plan.diagnostics,
  };
}

function storyJson(story: Story, source: FoundSource | undefined): object {
  return {
    source: story.source,
    title: story.meta.title,
    author: story.meta.author,
    ...(story.meta.series ? { series: story.meta.series } : {}),
    ...pick(story.meta, ['language', 'summary', 'tags', 'published', 'url']),
    words: countWords(story),
    files: (source?.files ?? []).map((f) => ({
      path: f.path,
      format: formatOf(f.path),
      encoding: f.encoding ?? 'utf-8',
    })),
    chapters: story.chapters.map((c) => ({
      title: c.title ?? story.meta.title,
      file: c.file,
      line: c.line,
      words: countChapterWords(c),
    })),
  };
}

/** The metadata a story has of these keys, absent ones left out. */
function pick<K extends keyof Story['meta']>(meta: Story['meta'], keys: readonly K[]): Partial<Pick<Story['meta'], K>> {
  return Object.fromEntries(keys.filter((key) => meta[key] !== undefined).map((key) => [key, meta[key]])) as Partial<
    Pick<Story['meta'], K>
  >;
}

/** The plan for a person: one block per book, its stories in order with their chapters, then the diagnostics. */
export function formatPlan(plan: BuildPlan): string {
  const sources = new Map(plan.sources.map((s) => [s.path, s]));
  const lines: string[] = [];
  if (plan.configFile) lines.push(`config: ${plan.configFile}`, '');
  for (const book of plan.books) {
    const storyWords = book.stories.map(countWords);
    const words = storyWords.reduce((n, w) => n + w, 0);
    const series = book.series
      ? `  [series: ${book.series.name}${book.stories.length === 1 && book.series.part ? `, part ${book.series.part}` : ''}]`
      : '';
    lines.push(`${book.title} — ${book.authors.join(', ')}${series}`);
    lines.push(
      `  → ${path.join(plan.options.out, `${book.fileName}.epub`)}  (${plural(book.stories.length, 'story', 'stories')}, ${plural(words, 'word')}, ${book.language})`,
    );
    book.stories.forEach((story, i) => {
      const files = sources.get(story.source)?.files ?? [];
      const formats = [...new Set(files.map((f) => `${formatOf(f.path)}, ${f.encoding ?? 'utf-8'}`))].join('; ');
      const part = story.meta.series?.part !== undefined ? `part ${story.meta.series.part}: ` : '';
      lines.push(
        `  ${i + 1}. ${part}${story.meta.title} — ${story.meta.author}  (${story.source}; ${formats}; ${plural(storyWords[i] as number, 'word')})`,
      );
      for (const chapter of story.chapters)
        lines.push(`       ${chapter.title ?? story.meta.title}  (${plural(countChapterWords(chapter), 'word')})`);
    });
    lines.push('');
  }
  lines.push(...plan.diagnostics.map(formatDiagnostic));
  const { errors, warnings } = countBySeverity(plan.diagnostics);
  lines.push(
    `${plural(plan.books.length, 'book')} planned, ${plural(errors, 'error')}, ${plural(warnings, 'warning')}`,
  );
  return lines.join('\n');
}
