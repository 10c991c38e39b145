/**
 * Writes docs/diagnostics.md from the rule registry (src/diagnostics/rules.ts) and the examples
 * below: `npm run docs:diagnostics`. test/unit/diagnostics/rules.test.ts fails when the file is
 * not what this makes, so registry and documentation cannot drift apart.
 */

import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { formatDiagnostic, ruleHint } from '../src/diagnostics/diagnostic.js';
import { ACE_FAMILY, EPUBCHECK_FAMILY, RULES, type RuleId, type RuleSpec } from '../src/diagnostics/rules.js';
import type { Diagnostic } from '../src/model/diagnostic.js';

/** An invented example of a rule's message, as its call site words it. */
interface Example {
  file: string;
  line?: number;
  column?: number;
  message: string;
  /** The facts a hint with `{name}` placeholders is filled with. */
  facts?: Record<string, string>;
}

const BOOK = 'out/The Harbour Light.epub';

export const EXAMPLES: Record<RuleId, Example> = {
  'config/excluded': { file: 'drafts/unfinished.txt', message: 'left out by "exclude" in stories/ficbind.config.json' },
  'config/identifier-shared': {
    file: 'harbour-songs.txt',
    message:
      'the config file gives "Harbour Songs" the identifier urn:uuid:11111111-2222-8333-8444-555555555555, which it already gives "The Harbour Light"; this book gets one from what it is instead',
  },
  'book/same-identity': {
    file: 'harbour-light (1).html',
    message:
      '"The Harbour Light" by Odile Ferrant is the same book, by title, author and address, as the one made from harbour-light.html; this one gets an identifier of its own',
  },
  'book/series-by-authors': {
    file: 'coffee-shop-au-1.txt',
    message:
      'the series "Coffee Shop AU" is named by stories of different authors (Ada Vell; Rook Tamsin): made 2 books of it, one per author',
    facts: { name: 'Coffee Shop AU' },
  },
  'input/unreadable': {
    file: 'gone.txt',
    message: "cannot read it: ENOENT: no such file or directory, stat 'stories/gone.txt'",
  },
  'input/skipped': { file: 'ficbind.sock', message: 'not a regular file or folder; skipped' },
  'input/link-loop': { file: 'loop', message: 'this folder links back to the input folder; skipped' },
  'input/empty-folder': { file: 'notes', message: 'folder holds no chapter files (.txt, .html, .md); skipped' },
  'input/nested-folder': {
    file: 'garden/drafts',
    message: 'chapter folders are read one level deep; this subfolder is skipped',
  },
  'input/binary': { file: 'cover.txt', message: 'this looks like a binary file, not text; no book made from it' },
  'input/changed': {
    file: 'garden',
    message:
      'a file of this story could not be read again while building (changed or removed meanwhile?); no book made from it',
  },
  'input/no-stories': { file: 'stories', message: 'no stories found' },
  'input/series-folder': {
    file: 'Seasons',
    message:
      'this folder holds 2 distinct stories ("Summer Rain", "Autumn Wind"); each is read as a story of one series',
  },
  'input/chapter-files': {
    file: 'Orchard',
    message:
      'joined 2 files into one story by their names, in chapter order: Orchard Chapter 1.txt, Orchard Chapter 2.txt',
  },
  'encoding/fallback': { file: 'ferryman.txt', message: 'not valid UTF-8; read as Windows-1252' },
  'encoding/declaration-ignored': {
    file: 'sevilla.html',
    line: 4,
    message: 'the file declares its encoding as "iso-8859-1", but the text is UTF-8; read as UTF-8',
  },
  'encoding/replacement-character': {
    file: 'damaged.txt',
    line: 6,
    message:
      '1 character(s) here are unreadable (U+FFFD "�"): broken bytes in the file, or damage from an earlier conversion',
  },
  'encoding/illegal-character': {
    file: 'controls.txt',
    line: 4,
    message: 'removed 2 character(s) XML cannot hold (U+0000, U+0007)',
  },
  'encoding/undefined-byte': {
    file: 'ferryman.txt',
    line: 12,
    message: 'removed 1 byte(s) that mean nothing in Windows-1252',
  },
  'text/private-use': {
    file: 'symbols.txt',
    line: 9,
    message: 'removed 2 private-use characters (U+E000–U+E005) that no reader can show',
  },
  'gutenberg/header': {
    file: 'pg-merrow-light.txt',
    line: 1,
    message:
      'removed the Project Gutenberg header (lines 1–27, 27 lines); read from it: title, author, published, language, credits',
  },
  'gutenberg/licence': {
    file: 'pg-merrow-light.txt',
    line: 312,
    message: 'removed the Project Gutenberg end lines and licence (lines 312–660, 349 lines)',
  },
  'gutenberg/page-numbers': {
    file: 'pg-merrow-light.html',
    line: 64,
    message: 'removed 212 page-number markers of the print edition ([Pg 1] to [Pg 212], lines 64–3020)',
  },
  'news/header': {
    file: 'harbour-lights-2.txt',
    line: 1,
    message: 'removed a news header (lines 1–9, 9 lines); read from it: from, subject, date, newsgroups, message-id',
  },
  'news/signature': {
    file: 'harbour-lights-2.txt',
    line: 88,
    message: 'removed a signature (lines 88–91, 4 lines)',
  },
  'news/repost-note': { file: 'harbour-lights-2.txt', line: 20, message: 'removed a repost note (line 20)' },
  'news/bbs-ad': {
    file: 'harbour-lights-2.txt',
    line: 93,
    message: 'removed a bulletin board advertisement (lines 93–94, 2 lines)',
  },
  'format/html-story': { file: 'harbour.html', message: 'story text read from .userstuff (an AO3-style page)' },
  'format/title-heading': {
    file: 'harbour.md',
    line: 6,
    message: 'left out the heading "The Harbour Light": it repeats the title',
  },
  'format/title-block': {
    file: 'harbour2.html',
    line: 9,
    message: 'left out "by Tessa Crane" from the text: the byline, author Tessa Crane, is shown on the title page',
  },
  'format/front-matter': {
    file: 'harbour.md',
    line: 3,
    message:
      'the front matter is not a YAML map (Implicit map keys need to be followed by map values); read as a text header',
  },
  'epub/not-a-zip': {
    file: 'harbour-light.epub',
    message: 'this .epub is not a zip file (damaged, or not an EPUB); no book made from it',
  },
  'epub/no-package': {
    file: 'harbour-light.epub',
    message: 'it has no META-INF/container.xml; no book made from it',
  },
  'epub/encrypted': {
    file: 'harbour-light.epub',
    message: 'its text is encrypted (DRM, META-INF/encryption.xml); ficbind cannot read it and made no book from it',
  },
  'epub/missing-document': {
    file: 'harbour-light.epub/OEBPS/file0003.xhtml',
    message:
      'the book lists this page in its reading order, but it is not in the file; its text is missing from the book',
  },
  'epub/not-text': {
    file: 'harbour-light.epub/OEBPS/images/map.svg',
    message: 'a page of type image/svg+xml in the reading order is left out; ficbind reads XHTML pages',
  },
  'epub/front-matter': {
    file: 'harbour-light.epub/OEBPS/title_page.xhtml',
    message:
      "the book's title page, not a chapter; read for the story's metadata (Status, Published, Updated, Words, Chapters)",
  },
  'epub/image-resized': {
    file: 'harbour-light.epub/OEBPS/chapter-3.xhtml',
    line: 24,
    message: 'the picture OEBPS/images/harbour.jpg, 4032×3024 px (3.1 MB), is scaled down to 1600×1200 px (412 KB)',
  },
  'epub/image-no-alt': {
    file: 'harbour-light.epub/OEBPS/chapter-3.xhtml',
    line: 31,
    message: 'the picture ../images/gull.png has no text alternative; it is kept with alt=""',
  },
  'epub/image-unreadable': {
    file: 'harbour-light.epub/OEBPS/chapter-3.xhtml',
    line: 24,
    message:
      'the picture OEBPS/images/harbour.jpg cannot be read as a JPEG (a damaged file); left out, its alt text was "the harbour at dusk"',
  },
  'html/image-left-out': {
    file: 'harbour.html',
    line: 40,
    message:
      'an image (https://example.com/harbour-map.png) is left out of the book: ficbind keeps only the images of an EPUB; its alt text was "map of the harbour"',
  },
  'html/left-out': {
    file: 'Chapter 12 - The Well.html',
    line: 214,
    message: 'left out comments: "Thanks for the chapter! Can not wait for the next one. Reply Like"',
  },
  'story/challenge-page': {
    file: 'chapter-3.html',
    message: 'this is a "checking your browser" challenge page saved instead of the story; no book made from it',
  },
  'story/no-story-page': {
    file: 'the-harbour-wall.html',
    message:
      'this is a login wall ("This work is only available to registered users of the Archive."), not a story; no book made from it',
  },
  'story/empty': { file: 'header-only.txt', message: 'no story text found; no book made from it' },
  'header/missing': {
    file: 'an-untitled-night.txt',
    line: 1,
    message: 'no header block; title "An Untitled Night" taken from the file name, author set to "Unknown"',
  },
  'header/repeated': {
    file: 'tide-clock.txt',
    line: 3,
    message: 'a second "Author" field; the first is used and this one is shown as extra information',
  },
  'header/date': {
    file: 'tide-clock.txt',
    line: 4,
    message:
      '"Published: last spring" is not a date ficbind reads; it is shown as written but does not order the series',
  },
  'chapters/contents': {
    file: 'keeper.txt',
    line: 5,
    message:
      'lines 5–9 are a table of contents (Chapter 1 / Chapter 2 / Chapter 3); kept as text, not made into chapters',
  },
  'emphasis/unbalanced': {
    file: 'tide-clock.txt',
    line: 14,
    message: 'a "*" opens emphasis that never closes in its paragraph; the text is kept as written, without emphasis',
    facts: { marker: '*' },
  },
  'junk/reader-toolbar': {
    file: 'harbour.txt',
    line: 2,
    message: 'removed reader toolbar: "full 3/4 1/2 skin light dark"',
  },
  'junk/navigation': { file: 'harbour.txt', line: 88, message: 'removed navigation links: "Next Chapter >>"' },
  'junk/downloader': {
    file: 'salt-road.txt',
    line: 58,
    message: 'removed FanFicFare\'s end mark: "End file."',
  },
  'junk/image-host-caption': {
    file: 'harbour.txt',
    line: 31,
    message: 'removed image-host caption: "Photobucket"',
  },
  'junk/review-prompt': { file: 'harbour.txt', line: 90, message: 'removed review or follow prompt: "Please review!"' },
  'junk/repeated-disclaimer': {
    file: 'harbour-ch2.txt',
    line: 3,
    message: 'removed disclaimer pointing to an earlier chapter: "Disclaimer: see chapter 1"',
  },
  'notes/dropped': {
    file: 'harbour.txt',
    line: 30,
    message: 'author\'s note left out: "A/N: Thanks for reading! The next chapter comes on Friday."',
  },
  'cover/too-large': { file: 'covers/the-harbour-light.png', message: 'this cover is 50.0 MB; it is not used' },
  'cover/not-an-image': {
    file: 'covers/the-harbour-light.jpg',
    message: 'this cover is not a JPEG or PNG image; it is not used',
  },
  'cover/unreadable': {
    file: 'covers/the-harbour-light.png',
    message: 'cannot read the cover: EISDIR: illegal operation on a directory, read',
  },
  'cover/system-fonts': {
    file: 'hoshi.txt',
    message: "the generated cover draws 星の灯台山田 with this machine's fonts",
  },
  'cache/lost': {
    file: 'harbour.txt',
    message:
      'its chapters, set aside while the build ran, were gone when its book was made (was the cache or temporary folder changed meanwhile?); the book was not written',
  },
  'cache/write-failed': {
    file: '.ficbind-cache',
    message: 'could not save the build cache: ENOSPC: no space left on device, write',
  },
  'output/not-made': {
    file: BOOK,
    message: 'could not make the book: Could not load the "sharp" module using the linux-x64 runtime',
  },
  'output/over-size': {
    file: 'out/The Harbour Light, Vol. 2.epub',
    message: 'the book is 21.4 MB, over the 20 MB of --max-book-size',
  },
  'output/record-failed': {
    file: 'out',
    message:
      "could not save the record of the books written: EACCES: permission denied, open 'out/.ficbind-books.json.4242.tmp'",
  },
  'output/write-failed': {
    file: BOOK,
    message: "could not write the book: EACCES: permission denied, open 'out/.The Harbour Light.epub.4242.tmp'",
  },
  'check/no-such-file': { file: 'out/missing.epub', message: 'no such file' },
  'check/not-a-file': { file: 'out', message: 'not a file' },
  'check/unreadable': {
    file: 'out/huge.epub',
    message: 'cannot read the file: File size (3221225472) is greater than 2 GiB',
  },
  'check/not-a-zip': { file: 'story.txt', message: 'not an EPUB: it cannot be read as a zip archive' },
  'epubcheck/java-missing': {
    file: BOOK,
    message: 'EPUBCheck needs a Java runtime, and no "java" command was found',
  },
  'epubcheck/failed': {
    file: BOOK,
    message:
      'EPUBCheck could not check the book: java exited with code 1 without a report: Error occurred during initialization of VM Too small maximum heap',
  },
  'ace/not-installed': {
    file: BOOK,
    message: 'the accessibility check needs Ace by DAISY, and it is not installed',
  },
  'ace/no-browser': {
    file: BOOK,
    message: 'Ace could not start a browser: Could not find Chrome (ver. 148.0.7778.97).',
  },
  'ace/failed': {
    file: BOOK,
    message: 'Ace could not check the book: Failed to parse the package document',
  },
  'reader/mimetype': {
    file: BOOK,
    message: 'mimetype must be the first entry in the zip, but the first entry is "META-INF/container.xml"',
  },
  'reader/xml-declaration': {
    file: `${BOOK}/EPUB/toc.ncx`,
    line: 1,
    column: 1,
    message: 'the XML declaration does not name the encoding',
  },
  'reader/language': {
    file: `${BOOK}/EPUB/package.opf`,
    line: 5,
    column: 5,
    message: 'dc:language "English (UK)" is not a BCP 47 language tag',
  },
  'reader/file-name-space': {
    file: `${BOOK}/EPUB/images/my cover.png`,
    message: 'the file name contains a space, which some readers and Send to Kindle reject',
  },
  'reader/img-src-alt': {
    file: `${BOOK}/EPUB/text/the-harbour-light-c001.xhtml`,
    line: 12,
    column: 7,
    message: 'img without alt',
  },
  'reader/link-to-body': {
    file: `${BOOK}/EPUB/nav.xhtml`,
    line: 14,
    column: 9,
    message:
      'the link "text/the-harbour-light-c001.xhtml#top" targets the body element of EPUB/text/the-harbour-light-c001.xhtml',
    facts: { fragment: 'top' },
  },
  'reader/spine-order': {
    file: `${BOOK}/EPUB/nav.xhtml`,
    line: 15,
    column: 9,
    message:
      'contents entry "The Far Shore" comes after "First Light", but EPUB/text/s02-title.xhtml comes before that in the spine',
  },
  'shelf/unreadable-book': { file: 'out/Notes.epub', message: 'not a zip archive; left out of the catalog' },
  'send/too-large-for-kindle': {
    file: 'out/The Long Saga.epub',
    message: '61.2 MB is more than Send to Kindle takes (50.0 MB a document): not mailed',
  },
  'send/mail-failed': {
    file: 'smtp.example.org',
    message: 'could not send message 1 of 2: Invalid login: 535 Authentication failed',
    facts: { smtpSetting: 'FICBIND_SMTP_URL' },
  },
  'send/no-kindle-converter': {
    file: '/media/reader/Kindle',
    message:
      "a Kindle does not open EPUB files copied over USB, and calibre's ebook-convert (which makes AZW3) is not installed",
  },
  'send/damaged-record': {
    file: '/media/reader/KOBOeReader/.ficbind-sent.json',
    message: 'the record of books ficbind copied here cannot be read; every file already here is left as it is',
  },
  'send/not-ours': {
    file: '/media/reader/KOBOeReader/The Harbour Light.kepub.epub',
    message:
      'The Harbour Light.kepub.epub is already there and ficbind did not write it (or it changed since): left as it is',
    facts: { title: 'The Harbour Light' },
  },
  'send/convert-failed': {
    file: 'out/The Harbour Light.epub',
    message: 'could not make the copy for the device: ebook-convert exited with code 1',
  },
};

const EPUBCHECK_EXAMPLE: Diagnostic = {
  file: `${BOOK}/EPUB/package.opf`,
  line: 19,
  column: 25,
  rule: `${EPUBCHECK_FAMILY.prefix}RSC-005`,
  severity: 'error',
  message:
    'Error while parsing file: character content of element "dc:description" invalid; must be a string with length at least 1',
};

const ACE_EXAMPLE: Diagnostic = {
  file: `${BOOK}/EPUB/text/cover.xhtml`,
  rule: `${ACE_FAMILY.prefix}image-alt`,
  severity: 'error',
  message: 'Element does not have an alt attribute (Ace, critical) at img',
  hint: 'Images must have alternative text: http://kb.daisy.org/publishing/docs/html/images.html',
};

/**
 * Rules no test raises, each with the reason; rules.test.ts fails when one of these is named by a
 * test after all (then it belongs off this list) or is no longer registered.
 */
export const NOT_RAISED_BY_TESTS: Partial<Record<RuleId, string>> = {
  'output/not-made':
    'making a book fails only when the machine cannot run the cover libraries (sharp or resvg) or ficbind has a bug; no input provokes it without replacing a module.',
};

// Sections of the document, by the part of the id before the slash.
const SECTIONS: ReadonlyArray<[title: string, prefixes: readonly string[]]> = [
  ['Config file', ['config']],
  ['Finding the stories', ['input']],
  ['Encodings', ['encoding']],
  ['Reading the formats', ['text', 'format', 'html']],
  ['Reading EPUBs', ['epub']],
  ['Parsing a story', ['story', 'header', 'chapters', 'emphasis']],
  ['Web-page leftovers (`--keep-junk` keeps them)', ['junk']],
  ['Old texts: Project Gutenberg frames, Usenet and mailing-list posts', ['gutenberg', 'news']],
  ["Author's notes", ['notes']],
  ['Grouping stories into books', ['book']],
  ['Covers', ['cover']],
  ['Writing the books', ['cache', 'output']],
  ['Checking books (`ficbind check`, `build --check`)', ['check', 'epubcheck', 'reader']],
  ['Checking accessibility (`ficbind check --accessibility`)', ['ace']],
  ['Serving and sending books (`ficbind serve`, `ficbind send`)', ['shelf', 'send']],
];

const familyOf = (rule: string): string => rule.slice(0, rule.indexOf('/'));

function example(rule: RuleId): string {
  const { facts, ...at } = EXAMPLES[rule];
  const spec: RuleSpec = RULES[rule];
  const hint = ruleHint(rule, facts);
  return formatDiagnostic({ ...at, rule, severity: spec.severity, ...(hint ? { hint } : {}) });
}

const indented = (text: string): string =>
  text
    .split('\n')
    .map((line) => `    ${line}`)
    .join('\n');

function ruleSection(rule: RuleId): string {
  const spec: RuleSpec = RULES[rule];
  return [
    `### \`${rule}\``,
    '',
    `**${spec.severity}**: ${spec.description}`,
    '',
    `Hint: ${spec.hint ?? '(none)'}`,
    '',
    indented(example(rule)),
    '',
  ].join('\n');
}

/** The whole of docs/diagnostics.md. */
export function diagnosticsDoc(): string {
  const rules = Object.keys(RULES) as RuleId[];
  const unsorted = rules.filter((rule) => !SECTIONS.some(([, prefixes]) => prefixes.includes(familyOf(rule))));
  if (unsorted.length > 0) throw new Error(`no section of the document takes ${unsorted.join(', ')}`);
  const untested = Object.entries(NOT_RAISED_BY_TESTS).map(([rule, why]) => `    - \`${rule}\`: ${why}`);
  const parts = [
    '# Diagnostics',
    '',
    '<!-- Made by `npm run docs:diagnostics` from src/diagnostics/rules.ts and scripts/diagnostics-doc.ts; edit those, not this file. -->',
    '',
    'Every message ficbind gives names its rule. The rule fixes the severity and the hint; the message says',
    'what was seen, where. A report prints `file:line:column: severity: message [rule]` and the hint on the',
    'next line; `--json` gives the same fields (`file`, `line`, `column`, `rule`, `severity`, `message`,',
    '`hint`, and `removed` for text left out of a book).',
    '',
    '- **error**: that input makes no book, or that book failed a check; the run exits 1.',
    '- **warning**: the book is made, but something needs a look; `--strict` makes the run exit 1.',
    '- **info**: what ficbind decided for you; shown in full reports, not with `--quiet` nor by `ficbind check`.',
    '',
    '## How this list is kept true',
    '',
    '- `src/diagnostics/rules.ts` declares each rule once. `RuleId` is the union of its ids: raising an',
    '  unregistered rule, choosing a severity or writing a hint at a call site does not compile',
    '  (`npm run typecheck`).',
    '- `test/unit/diagnostics/rules.test.ts` (unit tier, no JVM) fails when:',
    '  - this file is not what `npm run docs:diagnostics` makes from the registry (a rule added, removed',
    '    or changed, and the documentation not made again);',
    '  - an id written in src as the rule of `diagnostic(…)` or of a junk rule is not registered (the',
    '    typecheck catches it too, but tests run through tsx, which does not check types);',
    '  - a registered rule is named nowhere in src outside the registry: registered, never raised;',
    "  - a registered rule is named by no test (a `.ts` file under `test/`, or a fixture folder's",
    '    `expected.json`), or no test names an id of the `epubcheck/*` family. Naming is what the test can',
    '    see: it does not prove that the naming line is an assertion that the rule was raised; reviews do.',
    '  - Left out of that last check, each for a reason, and the test fails once a test names one:',
    ...untested,
    '',
    '## All rules',
    '',
    '| rule | severity | what it reports |',
    '| --- | --- | --- |',
    ...rules.map((rule) => {
      const spec: RuleSpec = RULES[rule];
      return `| \`${rule}\` | ${spec.severity} | ${spec.description.replace(/\|/g, '\\|')} |`;
    }),
    `| \`${EPUBCHECK_FAMILY.prefix}*\` | per EPUBCheck | ${EPUBCHECK_FAMILY.description} |`,
    `| \`${ACE_FAMILY.prefix}*\` | per Ace | ${ACE_FAMILY.description} |`,
    '',
  ];
  for (const [title, prefixes] of SECTIONS) {
    parts.push(`## ${title}`, '');
    for (const rule of rules.filter((r) => prefixes.includes(familyOf(r)))) parts.push(ruleSection(rule));
    if (prefixes.includes('epubcheck')) {
      const mapped = Object.entries(EPUBCHECK_FAMILY.severity)
        .map(([theirs, ours]) => `${theirs} → ${ours ?? 'not reported'}`)
        .join(', ');
      parts.push(
        `### \`${EPUBCHECK_FAMILY.prefix}*\``,
        '',
        `**per EPUBCheck** (${mapped}): ${EPUBCHECK_FAMILY.description} The message is EPUBCheck's, at its first place, with the number of other places.`,
        '',
        `Hint: ${EPUBCHECK_FAMILY.hint}`,
        '',
        indented(formatDiagnostic(EPUBCHECK_EXAMPLE)),
        '',
      );
    }
    if (prefixes.includes('ace')) {
      const mapped = Object.entries(ACE_FAMILY.severity)
        .map(([theirs, ours]) => `${theirs} → ${ours}`)
        .join(', ');
      parts.push(
        `### \`${ACE_FAMILY.prefix}*\``,
        '',
        `**per Ace** (${mapped}): ${ACE_FAMILY.description} The message is Ace's, on the document it concerns, with its impact and the CSS selector of the element.`,
        '',
        `Hint: ${ACE_FAMILY.hint}`,
        '',
        indented(formatDiagnostic(ACE_EXAMPLE)),
        '',
      );
    }
  }
  return `${parts.join('\n').trimEnd()}\n`;
}

export const DOC_PATH = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../docs/diagnostics.md');

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  await writeFile(DOC_PATH, diagnosticsDoc());
  process.stdout.write(`wrote ${path.relative(process.cwd(), DOC_PATH)}\n`);
}
