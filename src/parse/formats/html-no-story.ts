import type { Document, Element } from 'domhandler';
import { diagnostic, type Diagnostic } from '../../diagnostics/diagnostic.js';
import { closest, elements, findFirst, textOf } from './html-dom.js';
import type { StoryPart } from './html-sites.js';

/** Why a saved page holds no story: a login wall, an error page, or a list of stories. */
export interface NoStory {
  kind: 'login wall' | 'adult-content warning' | 'error page' | 'search or listing page';
  /** What on the page says so, for the report. */
  evidence: string;
}

// What a login wall says: AO3's restricted works, and the wording of other sites.
const LOGIN_PHRASES =
  /\b(?:only available to registered users|(?:log|sign) ?in to (?:continue|read|view|access)|you (?:must|need to) (?:be logged in|log ?in|sign ?in)|please (?:log|sign) ?in\b|members only)/i;
// What a page says in place of a work it asks the reader to confirm first (AO3's adult-content check).
const ADULT_PHRASES =
  /\b(?:could have adult content|willing to see such content|(?:you must be|are you) (?:over |at least )?18\b)/i;
// What an error page says in its text when its title does not say it: `Story Not Found`,
// `Unable to locate story. Code 1.`, `The requested thread could not be found.`
const ERROR_NOTICE =
  /\b(?:(?:story|work|chapter|thread|page|post) (?:was |could )?not (?:be )?found|unable to locate (?:the |this )?(?:story|work|chapter|thread|page)|(?:story|work|chapter|thread) (?:has been|was) (?:deleted|removed))\b/i;
// What an error page puts in its title or first heading.
const ERROR_TITLE =
  /^(?:(?:error|http)\s*)?(?:4\d\d|5\d\d)\b|\b(?:page|work|story|chapter) (?:was )?not found\b|^not found$|\bservice (?:temporarily )?unavailable\b|\bbad gateway\b|\binternal server error\b|\bsomething went wrong\b/i;
// A link to a story of an archive: `/works/123`, `/s/123/1/`, `viewstory.php?sid=123`, `/threads/name.123/`.
const STORY_LINK = /(?:\/works\/|\/s\/|viewstory\.php\?sid=|\/story\/|\/threads\/[^/]*?\.)(\d+)/i;

// Below this many words of prose besides the notice, a page is the notice, not a story.
const NOTICE_WORDS = 100;
// A list of stories: at least this many, with fewer words of page than this for each.
const LISTED_STORIES = 5;
const WORDS_PER_LISTED_STORY = 150;

const countWords = (text: string): number => text.match(/[\p{L}\p{N}]+/gu)?.length ?? 0;

/**
 * A saved page that holds no story, by evidence: a login or error notice with little prose
 * besides it, or many links to stories with little text each (a search result, a tag or author
 * listing). A story that only mentions logging in, or is titled "Error 404", has its prose.
 */
export function findNoStory(doc: Document, parts: readonly StoryPart[]): NoStory | undefined {
  const storyText = parts.map((part) => textOf(part.body)).join(' ');
  const notice = findFirst(doc, (el) => isShortNotice(el, LOGIN_PHRASES));
  if (notice && countWords(storyText) - countWords(textOf(notice)) < NOTICE_WORDS)
    return { kind: 'login wall', evidence: `"${textOf(notice)}"` };
  const gate = findFirst(doc, (el) => isShortNotice(el, ADULT_PHRASES));
  if (gate && countWords(storyText) - countWords(textOf(gate)) < NOTICE_WORDS)
    return { kind: 'adult-content warning', evidence: `"${textOf(gate)}"` };
  const errorNotice = findFirst(doc, (el) => isShortNotice(el, ERROR_NOTICE));
  if (errorNotice && countWords(storyText) - countWords(textOf(errorNotice)) < NOTICE_WORDS)
    return { kind: 'error page', evidence: `"${textOf(errorNotice)}"` };
  const headings = ['title', 'h1'].flatMap((name) => {
    const el = findFirst(doc, (e) => e.name === name);
    return el ? [textOf(el)] : [];
  });
  const error = headings.find((text) => ERROR_TITLE.test(text));
  if (error !== undefined && countWords(storyText) < NOTICE_WORDS)
    return { kind: 'error page', evidence: `"${error}"` };
  const listed = new Set<string>();
  for (const el of elements(doc)) {
    const id = el.name === 'a' ? STORY_LINK.exec(el.attribs['href'] ?? '')?.[1] : undefined;
    if (id !== undefined) listed.add(id);
  }
  const pageWords = countWords(textOf(findFirst(doc, (el) => el.name === 'body') ?? doc));
  if (listed.size >= LISTED_STORIES && pageWords / listed.size < WORDS_PER_LISTED_STORY)
    return { kind: 'search or listing page', evidence: `links to ${listed.size} stories, ${pageWords} words in all` };
  return undefined;
}

/** An element whose own short text says `phrase` (a notice, not a paragraph of story that quotes it). */
function isShortNotice(el: Element, phrase: RegExp): boolean {
  if (closest(el, (e) => e.name === 'head' || e.name === 'script' || e.name === 'style')) return false;
  const text = textOf(el);
  return (
    text.length <= 300 && phrase.test(text) && !el.children.some((c) => c.type === 'tag' && phrase.test(textOf(c)))
  );
}

/** The one report: no book is made from the file. */
export function noStoryFound(file: string, found: NoStory): Diagnostic {
  return diagnostic(
    'story/no-story-page',
    file,
    `this is ${/^[ae]/.test(found.kind) ? 'an' : 'a'} ${found.kind} (${found.evidence}), not a story; no book made from it`,
  );
}
