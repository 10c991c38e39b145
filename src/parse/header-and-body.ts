import type { Diagnostic } from '../diagnostics/diagnostic.js';
import type { SourceFile } from '../model/source.js';
import { challengePageFound, isChallengeText } from './challenge-page.js';
import { leadingHeadings, readFormat, withoutMarkCharacters, type ImageLookup } from './formats/index.js';
import { readOldText } from './old-text.js';
import type { HeaderField } from './header.js';
import { readDownloaderText } from './downloader-text.js';
import { parseLeadingHeader } from './inline-header.js';
import { toLines, type SourceLine } from './lines.js';
import { removeSiteJunk } from './site-junk.js';

export interface HeaderAndBody {
  /** What the format says (front matter, page fields), then the `Key: value` block the text opens with. */
  fields: HeaderField[];
  /** The headings the source marked above that block (a page's chapter title), then the body after it. */
  lines: SourceLine[];
  /** The file holds no story at all (a challenge page): reported, and no book is made from it. */
  noStory?: boolean;
  /** The part a posted part says it is (`Subject: … 2/3`, `Part 2 of 3`): its place in its story. */
  part?: number;
  diagnostics: Diagnostic[];
}

/**
 * A file read by its format, its site leftovers removed (unless `keepJunk`), and its header block
 * taken off the top: the one reading that parsing (parse-story.ts) and a file's facts
 * (source-facts.ts) share, so both see the same title and author.
 */
export function readHeaderAndBody(
  sourceFile: SourceFile,
  options: { keepJunk?: boolean; images?: ImageLookup } = {},
): HeaderAndBody {
  const { file, diagnostics } = withoutMarkCharacters(sourceFile);
  const reading = readFormat(file, options.images);
  if (reading) diagnostics.push(...reading.diagnostics);
  // A chapter heading the page gives comes before any inline header the body starts with.
  const lead = reading ? leadingHeadings(reading.lines) : 0;
  let lines = reading ? reading.lines.slice(lead) : toLines(file.text);
  if (!reading && isChallengeText(lines)) {
    return {
      fields: [],
      lines: [],
      noStory: true,
      diagnostics: [...diagnostics, challengePageFound(file.path, 'text')],
    };
  }
  // A Gutenberg frame or a news post's headers come off before anything reads the top as a header.
  const old = readOldText(lines, file.path);
  lines = old.lines;
  diagnostics.push(...old.diagnostics);
  // A downloader's text file (FanFicFare's TXT): its title page is the header.
  const downloaded = reading ? undefined : readDownloaderText(lines, file.path, options.keepJunk);
  if (downloaded) {
    lines = downloaded.lines;
    diagnostics.push(...downloaded.diagnostics);
  }
  if (!options.keepJunk) {
    const cleaned = removeSiteJunk(lines, file.path);
    lines = cleaned.lines;
    diagnostics.push(...cleaned.diagnostics);
  }
  const header = parseLeadingHeader(lines);
  const body = lines.slice(header.bodyStart);
  const part = old.part === undefined ? {} : { part: old.part };
  if (!reading)
    return {
      fields: [...old.fields, ...(downloaded?.fields ?? []), ...header.fields],
      lines: body,
      ...part,
      diagnostics,
    };
  return {
    // A Gutenberg header names the book better than the page's `<title>` does.
    fields: [
      ...reading.fields.filter((f) => !old.fields.some((o) => o.key === f.key)),
      ...old.fields,
      ...header.fields,
    ],
    ...part,
    lines: [...reading.lines.slice(0, lead), ...body],
    ...(reading.noStory ? { noStory: true } : {}),
    diagnostics,
  };
}
