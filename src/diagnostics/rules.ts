/**
 * Every kind of diagnostic ficbind gives, declared once: its severity, what it reports (one line)
 * and the hint a user acts on. A call site names the rule and passes the facts (file, line, the
 * text it saw); it cannot choose another severity or write its own hint. A `{name}` in a hint is
 * filled from the facts the call site passes, and the type makes it pass them.
 * docs/diagnostics.md lists them all, with an example each (`npm run docs:diagnostics`).
 */

import type { Severity } from '../model/diagnostic.js';

export interface RuleSpec {
  severity: Severity;
  description: string;
  hint?: string;
}

const INSTALL_JAVA =
  'Debian/Ubuntu: apt-get install -y default-jre-headless; macOS: brew install openjdk (then link it as brew explains, so that "java -version" works).';

export const RULES = {
  // --- config ---------------------------------------------------------------------------------
  'config/excluded': {
    severity: 'info',
    description: "A story the config file's `exclude` patterns leave out of the build.",
  },
  'config/identifier-shared': {
    severity: 'error',
    description: 'The config file pins one identifier for two books; the second gets one from what it is instead.',
    hint: 'Give each book its own identifier in the config file.',
  },

  // --- input: finding the stories -------------------------------------------------------------
  'input/unreadable': {
    severity: 'error',
    description: 'A file or folder of the input cannot be read (a link whose target is gone, no permission).',
    hint: 'Check that the file exists and that you may read it; fix or remove a link whose target is gone.',
  },
  'input/skipped': {
    severity: 'info',
    description: 'An entry of the input that is neither a regular file nor a folder (a socket, a device); skipped.',
  },
  'input/link-loop': {
    severity: 'warning',
    description: 'A folder that links back to the input folder or above it; skipped, so no story is read twice.',
  },
  'input/empty-folder': {
    severity: 'warning',
    description: 'A folder of the input that holds no chapter files; skipped.',
  },
  'input/nested-folder': {
    severity: 'info',
    description: 'A folder inside a chapter folder: chapter folders are read one level deep, so it is skipped.',
  },
  'input/binary': {
    severity: 'error',
    description: 'A story file that holds binary data (an image, a PDF, an archive), not text; no book is made.',
    hint: 'Check that the file is the saved story and not an image or archive renamed to .txt.',
  },
  'input/changed': {
    severity: 'error',
    description: 'A file of a story was removed or became unreadable between finding and reading it.',
    hint: 'Build again once the files are in place.',
  },
  'input/no-stories': {
    severity: 'warning',
    description: 'The input folder holds no story file and no chapter folder.',
    hint: 'Put story files (.txt, .html, .md) or folders of chapter files in this folder.',
  },
  'input/series-folder': {
    severity: 'info',
    description: 'A folder of distinct stories, read as the stories of one series rather than chapters.',
  },
  'input/chapter-files': {
    severity: 'info',
    description: 'Files at the top of the input that are chapters of one story, joined in chapter order.',
    hint: 'Put them in a folder of their own to keep this order for good, or rename them if they are separate stories.',
  },

  // --- encoding: bytes to text ----------------------------------------------------------------
  'encoding/fallback': {
    severity: 'info',
    description: 'A file that is not UTF-8, read in the legacy encoding it was detected to be.',
    hint: 'If accents or quotes look wrong in the book, save the file as UTF-8.',
  },
  'encoding/declaration-ignored': {
    severity: 'info',
    description: 'The encoding a file declares (HTML meta, Gutenberg header) does not fit its bytes; ignored.',
    hint: 'Correct or remove the declaration if the file was converted to another encoding.',
  },
  'encoding/replacement-character': {
    severity: 'warning',
    description: 'A line holds U+FFFD: text damaged before ficbind read it (broken bytes, a bad conversion).',
    hint: 'Compare this line with the original story and fix the file if you can.',
  },
  'encoding/illegal-character': {
    severity: 'warning',
    description: 'Characters no XML document may hold (control characters, lone surrogates), removed.',
    hint: 'These are control characters or broken surrogates, usually left by a bad copy or conversion.',
  },
  'encoding/undefined-byte': {
    severity: 'warning',
    description: 'Bytes that mean nothing in the legacy encoding a file is read in, removed.',
    hint: 'The file may be in another encoding; save it as UTF-8 if letters look wrong in the book.',
  },

  // --- reading the formats --------------------------------------------------------------------
  'text/private-use': {
    severity: 'warning',
    description: 'Private-use characters U+E000–U+E005 (which ficbind uses as marks), removed from the input.',
    hint: 'These come from a font-specific symbol or a broken conversion; check the text around the line.',
  },
  'format/html-story': {
    severity: 'info',
    description: "Where in a saved web page the story text was found (the site's story block, or the whole page).",
  },
  'format/title-heading': {
    severity: 'info',
    description: "A Markdown heading opening the body that repeats the front matter's title, left out.",
  },
  'format/title-block': {
    severity: 'info',
    description:
      "A saved page's title heading or byline, read as the story's title or author and left out of its text.",
  },
  'format/front-matter': {
    severity: 'warning',
    description: "A Markdown file's front matter that is not a YAML map, read as a text header instead.",
    hint: 'Write it as `key: value` lines between two `---` lines; quote values holding a colon.',
  },
  'html/image-left-out': {
    severity: 'info',
    description:
      "An image left out of the book, with why and its alt text: a saved page's image, or one an EPUB does not hold (remote, missing, not a JPEG, PNG, GIF or WebP).",
    hint: 'ficbind keeps only the image files inside an EPUB and never fetches one; if the picture matters to the story, describe it in the text.',
  },
  'html/left-out': {
    severity: 'info',
    description:
      "A saved page's own chrome (a serial's comments, chapter navigation, share buttons, sidebars, author boxes; the row of site links opening a plain page), left out of the book.",
    hint: 'This is part of the site, not of the story; if story text was taken for it, copy that text into a .txt file beside the page.',
  },

  // --- reading an EPUB (parse/epub/) ----------------------------------------------------------
  'epub/not-a-zip': {
    severity: 'error',
    description: 'A `.epub` file that is not a zip: damaged, cut short, or another kind of file named `.epub`.',
    hint: 'Download the book again, or open it in a reader to see whether it works at all.',
  },
  'epub/no-package': {
    severity: 'error',
    description: 'An EPUB without `META-INF/container.xml` or without the package document it names; no book is made.',
    hint: 'The file is not a complete EPUB: download it again, or open and save it in calibre to repair it.',
  },
  'epub/encrypted': {
    severity: 'error',
    description: 'An EPUB whose text is encrypted (DRM, `META-INF/encryption.xml`); ficbind cannot read it.',
    hint: 'Use a DRM-free copy of the story (archives such as AO3 and FanFicFare give them).',
  },
  'epub/missing-document': {
    severity: 'warning',
    description: 'A page the EPUB lists in its reading order (spine) that is not in the file: its text is missing.',
    hint: 'The EPUB is damaged: download it again; the book made now lacks that page.',
  },
  'epub/not-text': {
    severity: 'info',
    description: 'A page of the reading order that is not XHTML (an image, an SVG), left out of the book.',
    hint: 'ficbind makes books of text only; if the page matters to the story, describe it in the text.',
  },
  'epub/front-matter': {
    severity: 'info',
    description:
      "A page of the EPUB that is the book's own (cover, title page, info block, contents, update log, AO3's preface), not a chapter; its facts are read as the story's metadata.",
  },
  // Pictures kept from an EPUB (build/shrink-images.ts).
  'epub/image-resized': {
    severity: 'info',
    description:
      'A picture of an EPUB input larger than 1600 px or 1 MB, scaled down (same format) so readers show it quickly.',
  },
  'epub/image-no-alt': {
    severity: 'info',
    description:
      'A picture of an EPUB input with no text alternative (no alt, no SVG title): kept, with alt="" so screen readers pass it by.',
    hint: "If the picture shows something the story needs, give it an alt text in the EPUB (calibre's editor does this) and build again.",
  },
  'epub/image-unreadable': {
    severity: 'warning',
    description:
      'A picture of an EPUB input whose file cannot be read as the image it starts as; left out of the book.',
    hint: 'Open the EPUB in a reader or calibre to see the picture; if it matters to the story, replace the broken file or describe it in the text.',
  },

  // --- parsing a story ------------------------------------------------------------------------
  'story/challenge-page': {
    severity: 'error',
    description: 'A "checking your browser" challenge page saved instead of the story; no book is made.',
    hint: 'Open the story in a browser, wait for the page to load, and save it again.',
  },
  'story/no-story-page': {
    severity: 'error',
    description:
      'A saved page that holds no story (a login wall, an adult-content check, an error page, a search or listing page); no book is made.',
    hint: 'Open the story itself in a browser (logged in, if the site asks), wait for it to load, and save it again; or remove the file.',
  },
  'story/empty': {
    severity: 'error',
    description: 'A story source with no story text (only a header, or an empty page); no book is made.',
    hint: 'Check that the file holds the story itself and not only a header or a saved web page shell.',
  },
  'header/missing': {
    severity: 'warning',
    description: 'A story without a header block: title from its first line or file name, author "Unknown".',
    hint: 'Add "Title: …" and "Author: …" lines at the top of the file, then a blank line.',
  },
  'header/repeated': {
    severity: 'info',
    description: 'A header field that holds one value (title, author, language, series) given twice.',
  },
  'header/date': {
    severity: 'info',
    description: 'A published date ficbind cannot read: shown as written, but it does not order the series.',
    hint: 'Write the date as 2021-04-02 or April 2, 2021.',
  },
  'chapters/contents': {
    severity: 'info',
    description: 'A table of contents in the story text, kept as text rather than made into chapters.',
    hint: 'The book has its own table of contents; delete this list from the file if you do not want it shown as well.',
  },
  'emphasis/unbalanced': {
    severity: 'warning',
    description:
      'An emphasis marker (`*` or `_`) that never closes, or closes only on a later line; the text is kept as written.',
    hint: 'If the text should be emphasised, put both markers around it on one line; otherwise remove the stray "{marker}".',
  },

  // --- web-page leftovers (--keep-junk keeps them) --------------------------------------------
  'junk/reader-toolbar': {
    severity: 'info',
    description: "A site reader's toolbar line (font, size, skin), removed.",
  },
  'junk/navigation': {
    severity: 'info',
    description: 'A navigation line (next, previous, chapter list, arrows), removed.',
  },
  'junk/downloader': {
    severity: 'info',
    description: "A downloader's own line (FanFicFare's table of contents, its `End file.` mark), removed.",
  },
  'junk/image-host-caption': {
    severity: 'info',
    description: "An image host's caption (Photobucket and the like) left from a missing picture, removed.",
  },
  'junk/review-prompt': {
    severity: 'info',
    description: 'A line that only asks for reviews, follows or favourites, removed.',
  },
  'junk/repeated-disclaimer': {
    severity: 'info',
    description: 'A disclaimer that only points to an earlier chapter, removed.',
  },

  // --- old texts: Project Gutenberg frames, Usenet and mailing-list posts ----------------------
  'gutenberg/header': {
    severity: 'info',
    description:
      "A Project Gutenberg text's header up to its START line (and the producers' credits under it), removed; its title, author, release date and language are read as metadata.",
  },
  'gutenberg/licence': {
    severity: 'info',
    description: "A Project Gutenberg text's END lines and the licence after them, removed.",
  },
  'gutenberg/page-numbers': {
    severity: 'info',
    description:
      "The print edition's page-number markers (`[Pg 12]`) of a Project Gutenberg HTML edition, removed and counted.",
  },
  'news/header': {
    severity: 'info',
    description:
      "A posted part's news or mail header (`From:`, `Newsgroups:`, `Subject:`, `Message-ID:`…), removed from the text; author, title, date and groups are read as metadata.",
  },
  'news/signature': {
    severity: 'info',
    description: 'A signature at the end of a posted part (a `-- ` line and what follows), removed.',
  },
  'news/repost-note': {
    severity: 'info',
    description: 'A note saying a part is posted again (`REPOST:`, `[Reposted because…]`), removed.',
  },
  'news/bbs-ad': {
    severity: 'info',
    description: "A bulletin board's advertisement or origin line (`* Origin: …`, a BBS and its number), removed.",
  },

  // --- cleaning -------------------------------------------------------------------------------
  'notes/dropped': {
    severity: 'info',
    description: "An author's note left out of the book (--notes drop), with its text.",
    hint: "Use --notes keep (the default) or --notes end to keep author's notes.",
  },

  // --- grouping stories into books ------------------------------------------------------------
  'book/same-identity': {
    severity: 'warning',
    description:
      'Two books that are the same by what they are (title and author, or address): the later in path order gets an identifier of its own.',
    hint: 'If it is one story saved twice, remove one copy; if they are different stories, give one another title, or pin its identifier in the config file.',
  },

  'book/series-by-authors': {
    severity: 'info',
    description:
      'Stories of different authors that name a series of the same name, with no folder or co-author joining them: one book per author, not one series.',
    hint: 'If they are one series, list its stories under "series" in the config file with the title "{name}".',
  },

  // --- covers ---------------------------------------------------------------------------------
  'cover/too-large': {
    severity: 'warning',
    description: 'A cover image over 10 MB; not used.',
    hint: 'Use an image under 10 MB (1600×2400 pixels is plenty for any reader).',
  },
  'cover/not-an-image': {
    severity: 'warning',
    description: 'A cover file that is not a JPEG or PNG image; not used.',
    hint: 'Save the cover as .jpg or .png.',
  },
  'cover/unreadable': {
    severity: 'warning',
    description: 'A cover file that cannot be read; not used.',
  },
  'cover/system-fonts': {
    severity: 'info',
    description: "A generated cover drawing characters the bundled fonts lack with this machine's fonts.",
    hint: 'Put an image in covers/ for a cover that is the same on every machine.',
  },

  // --- writing books --------------------------------------------------------------------------
  'cache/lost': {
    severity: 'error',
    description: "A story's chapters, set aside in the cache or spill folder, were gone when its book was made.",
    hint: 'Run the build again: the story is parsed anew.',
  },
  'cache/write-failed': {
    severity: 'warning',
    description: 'The build cache could not be saved; the books are written all the same.',
    hint: 'The books are fine; the next build will redo the work. Use --no-cache to build without it.',
  },
  'output/not-made': {
    severity: 'error',
    description: "Making a book's bytes failed (drawing its cover, most likely); the other books are written.",
    hint: 'If drawing its cover failed (sharp or resvg unusable on this machine), build with --no-cover or put an image in covers/.',
  },
  'output/write-failed': {
    severity: 'error',
    description: 'A book could not be written to the output folder.',
    hint: 'Check that the output folder exists and is writable, and that the disk is not full.',
  },
  'output/over-size': {
    severity: 'warning',
    description:
      'A book (or volume) larger than --max-book-size: the size is estimated before the book is made, and a volume holds at least one chapter.',
    hint: 'A very long chapter or a large cover image can go over: give a larger size, or a smaller cover image.',
  },
  'output/record-failed': {
    severity: 'warning',
    description: 'The record of the books written (`.ficbind-books.json` in the output folder) could not be saved.',
    hint: 'The books are fine; the next build cannot say what changed, and will not remove books it no longer makes.',
  },

  // --- checking books (ficbind check, build --check) ------------------------------------------
  'check/no-such-file': {
    severity: 'error',
    description: 'A book given to check that does not exist.',
    hint: 'Pass the path of an .epub file.',
  },
  'check/not-a-file': {
    severity: 'error',
    description: 'A path given to check that is a folder or other non-file.',
    hint: 'Pass the path of an .epub file, not a folder.',
  },
  'check/unreadable': {
    severity: 'error',
    description: 'A book given to check that cannot be read.',
  },
  'check/not-a-zip': {
    severity: 'error',
    description: 'A file given to check that is not a zip archive, so not an EPUB.',
    hint: 'An .epub is a zip archive; this file is damaged, truncated or of another kind.',
  },
  'epubcheck/java-missing': {
    severity: 'error',
    description: 'EPUBCheck needs a Java runtime and there is none; said once per run, not per book.',
    hint: `Install a Java runtime (11 or newer) and run again. ${INSTALL_JAVA}`,
  },
  'epubcheck/failed': {
    severity: 'error',
    description: 'EPUBCheck ran but gave no report (the JVM did not start, or stopped).',
    hint: `EPUBCheck 5.1.0 needs Java 11 or newer; check that "java -version" works. ${INSTALL_JAVA}`,
  },
  'ace/not-installed': {
    severity: 'error',
    description:
      'The accessibility check (`ficbind check --accessibility`) needs Ace by DAISY, and it is not installed; said once per run.',
    hint: 'Install Ace by DAISY: npm install -g @daisy/ace-cli (it downloads a Chrome for its checks; to use one you have, set PUPPETEER_EXECUTABLE_PATH to it, e.g. /usr/bin/chromium).',
  },
  'ace/no-browser': {
    severity: 'error',
    description: 'Ace is installed but could not start the browser it checks documents in.',
    hint: 'Ace needs Chrome or Chromium: run "npx puppeteer browsers install chrome", or set PUPPETEER_EXECUTABLE_PATH to an installed one (e.g. /usr/bin/chromium).',
  },
  'ace/failed': {
    severity: 'error',
    description: 'Ace started but could not check the book (it could not read it, or stopped).',
    hint: 'Run EPUBCheck on the book first (ficbind check): Ace stops on books it cannot parse. Ace alone (ace -o report BOOK.epub) shows its log.',
  },
  'reader/mimetype': {
    severity: 'error',
    description: "The zip's first entry is not `mimetype`, or it is compressed: readers cannot tell it is an EPUB.",
    hint: 'Rebuild the book, or zip mimetype first and uncompressed: zip -X0 book.epub mimetype && zip -rX9 book.epub META-INF EPUB',
  },
  'reader/xml-declaration': {
    severity: 'warning',
    description: 'An XHTML, OPF or NCX document without an XML declaration naming its encoding.',
    hint: 'Start the file with <?xml version="1.0" encoding="UTF-8"?>; some readers (Send to Kindle among them) guess the encoding wrong without it.',
  },
  'reader/language': {
    severity: 'warning',
    description: 'The package document has no dc:language, or one that is not a BCP 47 tag.',
    hint: 'Set the book\'s language to a BCP 47 tag such as en, de or pt-BR (ficbind: a "Language:" header line or --lang).',
  },
  'reader/file-name-space': {
    severity: 'warning',
    description: 'A file inside the book whose name holds a space, which Send to Kindle and some readers reject.',
    hint: 'Rename the file (use - or _ instead of spaces) and update every reference to it.',
  },
  'reader/img-src-alt': {
    severity: 'warning',
    description: 'An `img` without `src` or without `alt`.',
    hint: 'Give every image a src and an alt text describing it (alt="" for a purely decorative one).',
  },
  'reader/link-to-body': {
    severity: 'warning',
    description: 'A link to the id of a `body` element, which some readers cannot follow.',
    hint: 'Link to the file itself (without "#{fragment}") or to an element inside its body.',
  },
  'reader/spine-order': {
    severity: 'warning',
    description: 'A table of contents entry out of reading order, or linking to a document not in the spine.',
    hint: 'Make the table of contents follow the reading order (the spine), and list only documents in the spine.',
  },
  // --- shelf, serve and send: books already written -------------------------------------------
  'shelf/unreadable-book': {
    severity: 'warning',
    description: 'A file in the output folder that is not a readable EPUB; left out of the catalog and the shelf page.',
    hint: 'Build it again, or move it out of the folder; the other books are served.',
  },
  'send/too-large-for-kindle': {
    severity: 'error',
    description: 'A book larger than Send to Kindle takes (50 MB a document); not mailed.',
    hint: 'Split it: build with --book story (one book per story), or copy it over USB with ficbind send /media/…/Kindle.',
  },
  'send/mail-failed': {
    severity: 'error',
    description: 'The SMTP server refused or dropped a message to Send to Kindle; nothing more was sent.',
    hint: "Check {smtpSetting} (server, port, login; many providers want an app password) and that the sender is on Amazon's approved list. Nothing more was sent.",
  },
  'send/no-kindle-converter': {
    severity: 'error',
    description: "A Kindle over USB, and calibre's ebook-convert (which makes AZW3) is not installed; nothing copied.",
    hint: 'Install calibre (apt-get install calibre, or calibre-ebook.com), or mail the books with: ficbind send --kindle you@kindle.com',
  },
  'send/damaged-record': {
    severity: 'warning',
    description:
      'The record of the books ficbind copied to a device cannot be read; every file already there is left alone.',
    hint: 'Delete the record to start afresh; books of the same name already here are then skipped, not replaced.',
  },
  'send/not-ours': {
    severity: 'warning',
    description:
      'A file of the same name is on the device and ficbind did not write it (or it changed since); left as it is.',
    hint: 'Rename or remove it on the device to send "{title}" again.',
  },
  'send/convert-failed': {
    severity: 'error',
    description: "A book could not be turned into the device's format (KEPUB or AZW3); the other books are sent.",
    hint: 'Check the book with "ficbind check"; the other books are sent.',
  },
} as const satisfies Record<string, RuleSpec>;

export type RuleId = keyof typeof RULES;

/** The `{name}` facts a rule's hint is filled with: the call site must pass each. */
export type HintFacts<R extends RuleId> = Record<Placeholders<HintOf<R>>, string>;
type HintOf<R extends RuleId> = (typeof RULES)[R] extends { readonly hint: infer H extends string } ? H : '';
type Placeholders<S extends string> = S extends `${string}{${infer Name}}${infer Rest}`
  ? Name | Placeholders<Rest>
  : never;
/** True when the rule's hint names facts. */
export type HasHintFacts<R extends RuleId> = [Placeholders<HintOf<R>>] extends [never] ? false : true;

/** Impacts in Ace's report (axe-core's, and Ace's own checks of the package document). */
export type AceImpact = 'critical' | 'serious' | 'moderate' | 'minor';

/**
 * Ace by DAISY's findings are open-ended too: each keeps its check's name under `ace/` (e.g.
 * `ace/image-alt`, `ace/metadata-accessmode`), its impact mapped below, its text, and Ace's
 * help (what to do, and its Knowledge Base page) as the hint.
 */
export const ACE_FAMILY = {
  prefix: 'ace/',
  description: "A failed check of Ace by DAISY's report, under the check's own name (e.g. `ace/image-alt`).",
  hint: "Ace's help for the check, and the page of the DAISY Knowledge Base (or axe's) that explains it.",
  severity: { critical: 'error', serious: 'error', moderate: 'warning', minor: 'warning' },
} as const satisfies { prefix: string; description: string; hint: string; severity: Record<AceImpact, Severity> };

/** Severities in EPUBCheck's JSON report. */
export type EpubcheckSeverity = 'FATAL' | 'ERROR' | 'WARNING' | 'INFO' | 'USAGE';

/**
 * EPUBCheck's own messages are open-ended: each keeps its id under `epubcheck/` (e.g.
 * `epubcheck/RSC-005`), its severity mapped below (INFO and USAGE are not reported), its text,
 * and EPUBCheck's suggestion as the hint when it makes one.
 */
export const EPUBCHECK_FAMILY = {
  prefix: 'epubcheck/',
  description: "A message of EPUBCheck's report, under EPUBCheck's own id (e.g. `epubcheck/RSC-005`).",
  hint: "EPUBCheck's suggestion, when it makes one.",
  severity: { FATAL: 'error', ERROR: 'error', WARNING: 'warning', INFO: undefined, USAGE: undefined },
} as const satisfies {
  prefix: string;
  description: string;
  hint: string;
  severity: Record<EpubcheckSeverity, Severity | undefined>;
};
