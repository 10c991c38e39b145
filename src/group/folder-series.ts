import { slug } from '../text/slug.js';
import type { SeriesRef, StoryInfo } from '../model/story.js';
import { titleFromFileName } from '../parse/title-line.js';
import { compareInSeries } from './series-order.js';

/**
 * Stories read from a series folder (discovery gives them the source `Folder/file`) form a series:
 * the one a story there names, else the folder's name. When no story there gives a part number,
 * parts follow the reading order (date, number in the title, file name). Pure.
 */
export function seriesFromFolders<S extends StoryInfo>(stories: readonly S[]): S[] {
  const folders = new Map<string, S[]>();
  for (const story of stories) {
    const cut = story.source.lastIndexOf('/');
    if (cut > 0) folders.set(story.source.slice(0, cut), [...(folders.get(story.source.slice(0, cut)) ?? []), story]);
  }
  if (folders.size === 0) return [...stories];
  const assigned = new Map<string, SeriesRef>();
  for (const [folder, members] of folders) {
    const named = members.find((s) => s.meta.series)?.meta.series?.name;
    const name = named ?? folderSeriesName(folder);
    const joining = members.filter((s) => !s.meta.series || slug(s.meta.series.name) === slug(name));
    const numbered = joining.some((s) => s.meta.series?.part !== undefined);
    [...joining].sort(compareInSeries).forEach((story, index) => {
      if (story.meta.series) return;
      assigned.set(story.source, numbered ? { name } : { name, part: index + 1, total: joining.length });
    });
  }
  return stories.map((story) => {
    const series = assigned.get(story.source);
    return series ? { ...story, meta: { ...story.meta, series } } : story;
  });
}

/** `The Moth Letters` as written; `the-moth-letters` made readable. */
function folderSeriesName(folder: string): string {
  const name = folder.split('/').pop() ?? folder;
  return /\s/.test(name) ? name.trim() : titleFromFileName(name);
}
