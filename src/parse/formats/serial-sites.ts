import type { AnyNode, Document, Element } from 'domhandler';
import { parseChapterHeading } from '../chapter-heading.js';
import { closest, findAll, findFirst, hasClass, isElement, textOf } from './html-dom.js';
import type { LeftOut, PageField, PageStory, StoryPart } from './html-sites.js';

/**
 * Pages of web serials (Royal Road, XenForo threadmarks and reader mode, Wattpad, LiveJournal
 * and Dreamwidth, Tumblr, WordPress): where each keeps its chapter text, its title and author,
 * and the chrome around it that is left out and reported. Tried in this order, before the
 * generic forum shape.
 */
export const SERIAL_SHAPES: ReadonlyArray<(doc: Document) => PageStory | undefined> = [
  royalRoadShape,
  threadmarksShape,
  wattpadShape,
  journalShape,
  tumblrShape,
  wordpressShape,
];

/** A kind of page chrome: what the report calls it, and how to know it. */
interface Chrome {
  what: string;
  is: (el: Element) => boolean;
}

const byClass =
  (...names: string[]) =>
  (el: Element): boolean =>
    names.some((name) => hasClass(el, name));
const byId =
  (...ids: string[]) =>
  (el: Element): boolean =>
    ids.includes(el.attribs['id'] ?? '');
const named = (name: string) => (el: Element) => el.name === name;
const href = (el: Element): string => el.attribs['href'] ?? '';

// One item of a navigation line: "« Previous Chapter", "Next part >", "Table of Contents".
const NAV_ITEM =
  '(?:[«‹<←]+\\s*)?(?:(?:next|previous|prev|last|first)(?:\\s+(?:chapter|part|page|post|entry|episode))?|(?:table\\s+of\\s+)?contents|index|chapter\\s+list|home)(?:\\s*[»›>→]+)?';
const NAV_LINE = new RegExp(`^${NAV_ITEM}(?:\\s*[|·•/–—-]?\\s*${NAV_ITEM})*$`, 'i');

/** A paragraph (or button row) that is only links to other chapters: navigation, not story. */
function isNavigationBlock(el: Element): boolean {
  if (!['p', 'div', 'center', 'nav'].includes(el.name)) return false;
  if (!findFirst(el, named('a'))) return false;
  const text = textOf(el);
  return text.length <= 120 && NAV_LINE.test(text);
}

// Chrome most blog and serial pages share, named by the classes and ids their themes give it.
const COMMON_CHROME: readonly Chrome[] = [
  { what: 'comments', is: (el) => byId('comments', 'respond')(el) || byClass('comments-area', 'comment-list')(el) },
  { what: 'share buttons', is: byClass('sharedaddy', 'share-buttons', 'sharing', 'share-tools') },
  { what: 'related posts', is: (el) => byClass('jp-relatedposts')(el) || byId('jp-relatedposts')(el) },
  { what: 'navigation links', is: (el) => byClass('nav-links', 'post-navigation', 'nav-buttons')(el) },
  { what: 'navigation links', is: isNavigationBlock },
  {
    what: 'a sidebar',
    is: (el) => el.name === 'aside' || byId('sidebar', 'secondary')(el) || byClass('widget-area', 'sidebar')(el),
  },
  { what: 'an author box', is: byClass('author-info', 'author-bio', 'author-box') },
];

/**
 * The chrome of a page, outermost first and each once, never an element that holds story text
 * (a sidebar rule must not take the column the chapter sits in).
 */
function chromeOf(doc: Document, parts: readonly StoryPart[], rules: readonly Chrome[]): LeftOut[] {
  const bodies = parts.map((p) => p.body).filter((b): b is Element => b.type !== 'root');
  const holdsStory = (el: Element) => bodies.some((body) => closest(body, (e) => e === el) !== undefined);
  const found: LeftOut[] = [];
  const stack: AnyNode[] = [...doc.children].reverse();
  while (stack.length > 0) {
    const node = stack.pop() as AnyNode;
    if (!isElement(node) || node.name === 'head' || node.name === 'script' || node.name === 'style') continue;
    const rule = holdsStory(node) ? undefined : rules.find((r) => r.is(node));
    if (rule) {
      found.push({ element: node, what: rule.what });
      continue;
    }
    for (let i = node.children.length - 1; i >= 0; i--) stack.push(node.children[i] as AnyNode);
  }
  return found;
}

function field(key: string, element: Element | undefined, value = element ? textOf(element) : ''): PageField[] {
  return element && value !== '' ? [{ key, value, element }] : [];
}

// A rule of the page's own style sheet that hides what it selects: `.cmFkNGQ1{ display: none; speak: never; }`.
const HIDING_RULE = /([^{}]+)\{[^{}]*\b(?:display\s*:\s*none|speak\s*:\s*never)[^{}]*\}/gi;

/**
 * Elements the page's style hides from its readers: Royal Road plants a notice against copying in
 * each chapter, under a class made up for the page that its `<style>` sets to `display: none`.
 */
function hiddenByStyle(doc: Document): (el: Element) => boolean {
  const css = findAll(doc, named('style'))
    .map((style) => textOf(style))
    .join('\n');
  const classes = new Set<string>();
  for (const rule of css.replace(/\/\*[\s\S]*?\*\//g, '').matchAll(HIDING_RULE))
    for (const selector of (rule[1] as string).split(','))
      if (/^\s*\.[\w-]+\s*$/.test(selector)) classes.add(selector.trim().slice(1));
  return (el) =>
    [...classes].some((name) => hasClass(el, name)) || /display\s*:\s*none/i.test(el.attribs['style'] ?? '');
}

const withoutBy = (text: string) => text.replace(/^(?:by|posted by|written by)\s+/i, '');

/** Royal Road: `.chapter-content`, author's note boxes around it, the fiction's header above. */
function royalRoadShape(doc: Document): PageStory | undefined {
  const content = findFirst(doc, byClass('chapter-content'));
  if (!content) return undefined;
  const header = findFirst(doc, byClass('fic-header'));
  const chapterTitle = header && findFirst(header, named('h1'));
  const fields = [
    ...field('Title', header && findFirst(header, named('h2'))),
    ...field('Author', header && findFirst(header, (el) => el.name === 'a' && /\/profile\//.test(href(el)))),
  ];
  // The author's notes are the author speaking: kept, as notes, where the page has them.
  const notes = findAll(doc, byClass('author-note-portlet'));
  const before = (el: Element) => (el.startIndex ?? 0) < (content.startIndex ?? 0);
  const parts: StoryPart[] = [
    ...notes.filter(before).map((body) => ({ body, exclude: [], note: '' })),
    { body: content, exclude: [] },
    ...notes.filter((n) => !before(n)).map((body) => ({ body, exclude: [], note: '' })),
  ];
  if (chapterTitle) (parts[0] as StoryPart).heading = { text: textOf(chapterTitle), element: chapterTitle };
  const chrome: Chrome[] = [
    { what: 'comments', is: byClass('comments-container') },
    { what: "text the page's style hides from readers", is: hiddenByStyle(doc) },
    ...COMMON_CHROME,
  ];
  return { found: '.chapter-content (a Royal Road chapter)', parts, fields, leftOut: chromeOf(doc, parts, chrome) };
}

/**
 * XenForo threads (SpaceBattles, SufficientVelocity) saved as threadmarked pages or in reader
 * mode: each threadmarked post is a chapter named by its threadmark; other posts are replies.
 */
function threadmarksShape(doc: Document): PageStory | undefined {
  // XenForo 2 posts are `article.message` with `.threadmarkLabel` and `.bbWrapper`; the XenForo 1
  // pages the sites served until 2019 have `li.message` with `.threadmarkTitle` and `blockquote.messageText`.
  const posts = findAll(doc, (el) => (el.name === 'article' || el.name === 'li') && hasClass(el, 'message'));
  const label = (post: Element) => findFirst(post, byClass('threadmarkLabel', 'threadmarkTitle'));
  const text = (post: Element) =>
    findFirst(post, byClass('bbWrapper')) ??
    findFirst(post, (el) => el.name === 'blockquote' && hasClass(el, 'messageText'));
  const marked = posts.filter((post) => label(post) && text(post));
  if (marked.length === 0) return undefined;
  const parts: StoryPart[] = marked.map((post) => {
    const heading = label(post) as Element;
    return {
      body: text(post) as Element,
      exclude: [],
      heading: { text: textOf(heading), element: heading },
    };
  });
  const first = marked[0] as Element;
  const fields = [
    ...field(
      'Title',
      findFirst(doc, (el) => el.name === 'h1' && hasClass(el, 'p-title-value')),
    ),
    ...field('Author', first, first.attribs['data-author'] ?? ''),
  ];
  const replies = posts.filter((post) => !marked.includes(post));
  const chrome: Chrome[] = [
    { what: 'a reply', is: (el) => replies.includes(el) },
    { what: 'a signature', is: byClass('message-signature', 'signature') },
    { what: 'threadmark navigation', is: byClass('threadmark-control') },
    { what: 'page navigation', is: byClass('pageNav', 'PageNav') },
    ...COMMON_CHROME,
  ];
  const leftOut = chromeOf(doc, parts, chrome).map((c) =>
    c.what === 'a reply' ? { ...c, what: `a reply by ${c.element.attribs['data-author'] ?? 'someone'}` } : c,
  );
  return { found: `${marked.length} threadmarked posts (a XenForo thread)`, parts, fields, leftOut };
}

/** Wattpad: the part's paragraphs carry `data-p-id`, inside the reading panel's `pre`. */
function wattpadShape(doc: Document): PageStory | undefined {
  const paragraphs = findAll(doc, (el) => el.name === 'p' && el.attribs['data-p-id'] !== undefined);
  if (paragraphs.length === 0) return undefined;
  const bodies: Element[] = [];
  for (const p of paragraphs) {
    const body = closest(p, byClass('panel-reading')) ?? (p.parent as Element);
    if (!bodies.includes(body)) bodies.push(body);
  }
  const parts: StoryPart[] = bodies.map((body) => ({ body, exclude: [] }));
  const partTitle = findFirst(doc, byClass('part-title'));
  if (partTitle) (parts[0] as StoryPart).heading = { text: textOf(partTitle), element: partTitle };
  const author = findFirst(doc, byClass('author-info__username'));
  const fields = [
    ...field('Title', findFirst(doc, byClass('story-info__title'))),
    ...field('Author', author, author ? withoutBy(textOf(author)) : ''),
  ];
  const chrome: Chrome[] = [
    { what: 'comments', is: byClass('story-comments', 'comments') },
    { what: 'vote and share buttons', is: byClass('part-actions') },
    { what: 'a link to the next part', is: byClass('next-part') },
    ...COMMON_CHROME,
  ];
  return { found: 'the paragraphs of a Wattpad part', parts, fields, leftOut: chromeOf(doc, parts, chrome) };
}

/** LiveJournal and Dreamwidth: an entry's `.entry-content`, posted by a journal user. */
function journalShape(doc: Document): PageStory | undefined {
  const poster = findFirst(doc, byClass('ljuser', 'i-ljuser'));
  const content = poster && findFirst(doc, byClass('entry-content', 'b-singlepost-bodywrapper'));
  if (!poster || !content) return undefined;
  const entry = closest(content, byClass('entry', 'b-singlepost')) ?? doc;
  const author = findFirst(entry, byClass('poster', 'entry-poster', 'b-singlepost-author')) ?? poster;
  const fields = [
    ...field('Title', findFirst(entry, byClass('entry-title', 'b-singlepost-title'))),
    ...field('Author', author, withoutBy(textOf(findFirst(author, byClass('ljuser', 'i-ljuser')) ?? author))),
  ];
  const tags = findFirst(entry, byClass('tag', 'ljtags'));
  if (tags) fields.push(...field('Tags', tags, textOf(tags).replace(/^tags\s*:\s*/i, '')));
  const parts: StoryPart[] = [{ body: content, exclude: [] }];
  const chrome: Chrome[] = [
    { what: 'comments', is: (el) => byClass('comment-thread', 'comment-wrapper', 'b-tree')(el) },
    { what: 'entry links (reply, link, track)', is: byClass('entry-interaction-links', 'b-singlepost-standout') },
    { what: 'the current mood and music', is: byClass('currents', 'metadata') },
    { what: 'journal navigation', is: byClass('navigation', 'topnav', 'page-top') },
    { what: 'tags', is: (el) => el === tags },
    ...COMMON_CHROME,
  ];
  const leftOut = chromeOf(doc, parts, chrome).filter((c) => c.what !== 'tags');
  return { found: '.entry-content (a LiveJournal or Dreamwidth entry)', parts, fields, leftOut };
}

/** Tumblr: a text post's body in a theme's `.post`, with its notes (likes, reblogs) below. */
function tumblrShape(doc: Document): PageStory | undefined {
  const isTumblr =
    findFirst(
      doc,
      (el) => hasClass(el, 'tmblr-iframe') || (el.name === 'a' && /tumblr\.com\/reblog\//.test(href(el))),
    ) !== undefined;
  const post = isTumblr ? findFirst(doc, byClass('post')) : undefined;
  if (!post) return undefined;
  const body = findFirst(post, byClass('body-text', 'post-body', 'post-content', 'text-body')) ?? post;
  const parts: StoryPart[] = [{ body, exclude: [] }];
  const blog = findFirst(doc, byClass('blog-title'));
  const fields = [
    ...field(
      'Title',
      findFirst(post, (el) => /^h[1-3]$/.test(el.name) && hasClass(el, 'title')),
    ),
    ...field('Author', blog),
  ];
  const tags = findAll(post, (el) => el.name === 'a' && hasClass(el, 'tag')).map((a) => textOf(a).replace(/^#/, ''));
  const tagList = findFirst(post, byClass('tags'));
  if (tagList && tags.length > 0) fields.push({ key: 'Tags', value: tags.join(', '), element: tagList });
  const chrome: Chrome[] = [
    { what: 'notes (likes and reblogs)', is: byClass('notes') },
    { what: 'reblog and like buttons', is: byClass('post-footer', 'post-meta') },
    { what: 'tags', is: (el) => el === tagList },
    ...COMMON_CHROME,
  ];
  const leftOut = chromeOf(doc, parts, chrome).filter((c) => c.what !== 'tags');
  return { found: 'the text post (a Tumblr page)', parts, fields, leftOut };
}

/**
 * WordPress: the post's `.entry-content`. A serial's post is a chapter of the site's story (its
 * title a chapter heading); any other post is the story itself.
 */
function wordpressShape(doc: Document): PageStory | undefined {
  const content = findFirst(doc, byClass('entry-content'));
  if (!content) return undefined;
  const post = closest(content, (el) => el.name === 'article' || hasClass(el, 'post')) ?? doc;
  const entryTitle = findFirst(post, byClass('entry-title'));
  const siteTitle = findFirst(doc, byClass('site-title'));
  // A serial's chapters are named by their number (`Chapter 4`) or only by arc and number (`Lock 1.2`),
  // in which case the "Next Chapter" links in the post are what tells them from a story of its own.
  const linksChapters = findFirst(content, (el) => isNavigationBlock(el) && /\bchapter\b/i.test(textOf(el)));
  const isChapter =
    entryTitle !== undefined &&
    (parseChapterHeading(textOf(entryTitle)) !== undefined || (siteTitle !== undefined && linksChapters !== undefined));
  const part: StoryPart = { body: content, exclude: [] };
  if (isChapter && entryTitle) part.heading = { text: textOf(entryTitle), element: entryTitle };
  const author = findFirst(post, (el) => el.attribs['rel'] === 'author' || hasClass(el, 'author'));
  const fields = [
    ...field('Title', isChapter ? siteTitle : entryTitle),
    ...field('Author', author, author ? withoutBy(textOf(author)) : ''),
  ];
  const chrome: Chrome[] = [{ what: 'post details', is: byClass('entry-meta', 'entry-footer') }, ...COMMON_CHROME];
  return { found: '.entry-content (a WordPress post)', parts: [part], fields, leftOut: chromeOf(doc, [part], chrome) };
}
