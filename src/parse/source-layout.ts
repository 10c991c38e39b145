import { slug } from '../text/slug.js';
import { diagnostic, type Diagnostic } from '../diagnostics/diagnostic.js';
import type { FoundFile, SourceFacts, SourceFile, StorySource } from '../model/source.js';
import { compareNatural } from '../text/natural-order.js';
import { parseChapterHeading } from './chapter-heading.js';
import { NUMBER_PATTERN } from './numbers.js';
import { splitPageMarker } from './page-marker.js';

export interface SourceLayout<F extends FoundFile = SourceFile> {
  sources: Array<StorySource<F>>;
  diagnostics: Diagnostic[];
}

/** What a file says about itself (source-facts.ts): its text is not needed, only this. */
type Facts<F extends FoundFile> = (file: F) => SourceFacts;

/**
 * What discovery found as files and folders → what is one story. A folder of distinct stories
 * (each with its own title) is a series folder: each file is a story (`Folder/file`, which
 * grouping reads as that series). Top-level files that are chapters of one story (`Story Chapter
 * 2.html`, `story-ch2.txt`, pages of one archive story, or one title and author with differing
 * chapter numbers) become one story in chapter order. Pure; each decision is reported.
 */
export function arrangeSources<F extends FoundFile>(
  sources: ReadonlyArray<StorySource<F>>,
  facts: Facts<F>,
): SourceLayout<F> {
  const diagnostics: Diagnostic[] = [];
  const arranged: Array<StorySource<F>> = [];
  const singles: Array<StorySource<F>> = [];
  for (const source of sources) {
    if (!isFolder(source)) singles.push(source);
    else if (isSeriesFolder(source.files, facts)) {
      arranged.push(...source.files.map((file) => ({ path: file.path, files: [file] })));
      const titles = source.files.map((f) => `"${facts(f).title}"`).join(', ');
      diagnostics.push(
        diagnostic(
          'input/series-folder',
          source.path,
          `this folder holds ${source.files.length} distinct stories (${titles}); each is read as a story of one series`,
        ),
      );
    } else arranged.push(source);
  }
  const joined = joinChapterFiles(singles, facts, new Set(sources.map((s) => s.path.toLowerCase())));
  arranged.push(...joined.sources);
  diagnostics.push(...joined.diagnostics);
  return { sources: arranged.sort((a, b) => compareNatural(a.path, b.path)), diagnostics };
}

function isFolder(source: StorySource<FoundFile>): boolean {
  return source.files.length !== 1 || source.path !== source.files[0]?.path;
}

/**
 * Distinct stories, not chapters: every file declares a title, the titles differ (chapter
 * markers aside) and none is a chapter heading, no file is named like a chapter (`ch2.txt`), and
 * the files do not open with a run of different chapter numbers.
 */
export function isSeriesFolder<F extends FoundFile>(files: readonly F[], facts: Facts<F>): boolean {
  if (files.length < 2) return false;
  const read = files.map(facts);
  if (read.some((f) => f.title === undefined || f.nameChapter !== undefined || isChapterTitle(f.title))) return false;
  const titles = new Set(read.map((f) => slug(withoutChapterMarker(f.title as string))));
  if (titles.size !== files.length || titles.has('')) return false;
  const chapters = read.map((f) => f.chapter).filter((n) => n !== undefined);
  return !(chapters.length === files.length && new Set(chapters).size === files.length);
}

// `Title - Chapter 2`, `Title, ch. 3: The Storm`, `Title (2/5)` → `Title`.
const CHAPTER_MARKER = new RegExp(
  `[\\s:,;–—-]*(?:\\(|\\[)?\\s*(?:(?:chapter|ch\\.?)\\s*${NUMBER_PATTERN}\\b.*|\\d+\\s*/\\s*\\d+\\s*[)\\]]?)$`,
  'i',
);

export function withoutChapterMarker(title: string): string {
  return title.replace(CHAPTER_MARKER, '').trim();
}

interface Candidate<F extends FoundFile> {
  file: F;
  facts: SourceFacts;
}

type Grouping = (c: Candidate<FoundFile>) => { key: string; chapter: number } | undefined;

/** The story's title a page shows, as its group compares it. */
type TitleOf = (title: string) => string;

// Strongest evidence first; a file joins at most one story.
const GROUPINGS: ReadonlyArray<[string, Grouping, TitleOf?]> = [
  [
    'their names',
    (c) =>
      c.facts.nameChapter ? { key: slug(c.facts.nameChapter.stem), chapter: c.facts.nameChapter.number } : undefined,
  ],
  [
    'their page addresses',
    (c) =>
      c.facts.archiveId && c.facts.chapter !== undefined
        ? { key: c.facts.archiveId, chapter: c.facts.chapter }
        : undefined,
  ],
  [
    // Posted parts each repeat the story's header and say which part they are.
    'their titles, authors and part numbers',
    (c) =>
      c.facts.title && c.facts.author && c.facts.part !== undefined
        ? { key: `${slug(withoutChapterMarker(c.facts.title))}\0${slug(c.facts.author)}`, chapter: c.facts.part }
        : undefined,
  ],
  [
    'their titles, authors and chapter headings',
    (c) =>
      c.facts.title && c.facts.author && c.facts.chapter !== undefined
        ? { key: `${slug(withoutChapterMarker(c.facts.title))}\0${slug(c.facts.author)}`, chapter: c.facts.chapter }
        : undefined,
  ],
  [
    'their numbered names and the title and author their pages show',
    (c) => {
      const numbered = numberedName(c.file.path);
      // A title of punctuation alone (`...`) names nothing two pages could agree on.
      const title = slug(storyTitleOfPage(c.facts.title ?? ''));
      return numbered && title !== ''
        ? { key: [slug(numbered.stem), title, slug(c.facts.author ?? '')].join('\0'), chapter: numbered.number }
        : undefined;
    },
    // Numbered pages may each name their part (`The Lantern Road, Part 2`): the story's title is the rest.
    storyTitleOfPage,
  ],
];

function storyTitleOfPage(title: string): string {
  return splitPageMarker(title).title;
}

// `harbour1.html`, `harbour-02.htm`, `harbour_3.txt`: a stem and a page number.
const NUMBERED_NAME = /^(.*?\p{L}[^/]*?)[\s._-]*(\d{1,4})\.[^./]+$/u;

/**
 * A file name ending in a number. Alone it is no evidence (`notes.html` and `old-notes.html`
 * share nothing but letters; `draft2.txt` may be a second draft): files join by it only when
 * their pages also show one title, and one author where they show any.
 */
function numberedName(filePath: string): { stem: string; number: number } | undefined {
  const match = NUMBERED_NAME.exec(filePath.split('/').pop() ?? filePath);
  return match ? { stem: match[1] as string, number: Number(match[2]) } : undefined;
}

/** Top-level single files that are chapters of one story → one source each story, in chapter order. */
function joinChapterFiles<F extends FoundFile>(
  singles: ReadonlyArray<StorySource<F>>,
  facts: Facts<F>,
  takenPaths: ReadonlySet<string>,
): SourceLayout<F> {
  let remaining: Array<Candidate<F>> = singles.map((s) => ({ file: s.files[0] as F, facts: facts(s.files[0] as F) }));
  const sources: Array<StorySource<F>> = [];
  const diagnostics: Diagnostic[] = [];
  for (const [evidence, grouping, titleOf = withoutChapterMarker] of GROUPINGS) {
    const groups = new Map<string, Array<Candidate<F> & { chapter: number }>>();
    for (const candidate of remaining) {
      const found = grouping(candidate);
      if (found) groups.set(found.key, [...(groups.get(found.key) ?? []), { ...candidate, chapter: found.chapter }]);
    }
    const joined = new Set<F>();
    for (const members of groups.values()) {
      if (!areChaptersOfOneStory(members, titleOf)) continue;
      members.sort((a, b) => a.chapter - b.chapter || compareNatural(a.file.path, b.file.path));
      const files = members.map((m) => m.file);
      const stem = members[0]?.facts.nameChapter?.stem ?? '';
      const storyPath =
        evidence === 'their names' && stem !== '' && !takenPaths.has(stem.toLowerCase()) ? stem : (files[0] as F).path;
      sources.push({ path: storyPath, files });
      files.forEach((f) => joined.add(f));
      diagnostics.push(
        diagnostic(
          'input/chapter-files',
          storyPath,
          `joined ${files.length} files into one story by ${evidence}, in ${evidence.endsWith('part numbers') ? 'part' : 'chapter'} order: ${files.map((f) => f.path).join(', ')}`,
        ),
      );
    }
    remaining = remaining.filter((c) => !joined.has(c.file));
  }
  sources.push(...remaining.map((c) => ({ path: c.file.path, files: [c.file] })));
  return { sources, diagnostics };
}

/** Two or more files, each a different chapter, none declaring a title that another contradicts. */
function areChaptersOfOneStory(
  members: ReadonlyArray<Candidate<FoundFile> & { chapter: number }>,
  titleOf: TitleOf,
): boolean {
  if (members.length < 2) return false;
  if (new Set(members.map((m) => m.chapter)).size !== members.length) return false;
  const titles = new Set(members.flatMap((m) => (m.facts.title ? [slug(titleOf(m.facts.title))] : [])));
  return titles.size <= 1;
}

/** A title that names a chapter (`Chapter 2`, `Prologue`), not a larger unit: `Book One: The Gathering` is a story's title. */
function isChapterTitle(title: string): boolean {
  const heading = parseChapterHeading(title);
  return heading !== undefined && !/^(?:part|book|volume):/.test(heading.key);
}
