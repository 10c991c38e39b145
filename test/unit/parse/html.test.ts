import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseEmphasis } from '../../../src/parse/emphasis.js';
import { EM_CLOSE, EM_OPEN } from '../../../src/parse/emphasis-marks.js';
import { htmlToLines, withLineMarks } from '../../../src/parse/formats/html-lines.js';
import { readHtml } from '../../../src/parse/formats/html.js';
import { parseStory } from '../../../src/parse/parse-story.js';
import { showBlock, showInlines } from '../../helpers/show-blocks.js';

const lines = (html: string) => htmlToLines(withLineMarks(html, 1), 1);
const texts = (html: string) => lines(html).map((l) => l.text);

function parseHtml(text: string, path = 'story.html') {
  const parsed = parseStory({ path, files: [{ path, text, modified: 1 }] });
  return {
    ...parsed,
    chapters: parsed.story?.chapters.map((c) => [c.title ?? null, c.blocks.map(showBlock)]),
    rules: parsed.diagnostics.map((d) => `${d.severity} ${d.rule}`),
  };
}

describe('HTML → lines', () => {
  it('makes paragraphs blank-separated, <br> a line end and <hr> a scene-break line', () => {
    assert.deepEqual(texts('<p>One.</p><p>Two<br>lines.</p><hr><div>Three.</div>'), [
      'One.',
      '',
      'Two',
      'lines.',
      '',
      '* * *',
      '',
      'Three.',
    ]);
  });

  it('makes a table row one line, its cells apart by a space, so a contents table reads as a list', () => {
    assert.deepEqual(
      texts(
        '<table><tr><td>CHAPTER I.</td><td>THE FROST</td><td>1</td></tr><tr><th>II.</th><td>SNOW</td></tr></table>',
      ),
      ['CHAPTER I. THE FROST 1', '', 'II. SNOW'],
    );
  });

  it('collapses source white space as a browser does, keeping no-break spaces', () => {
    assert.deepEqual(texts('<p>\n   Far   \n  away&nbsp;&nbsp;now\n</p>'), ['Far away\u00A0\u00A0now']);
  });

  it('decodes entities, numeric C1 references as browsers do (&#151; &#146;)', () => {
    assert.deepEqual(texts('<p>a&#151;b, don&#146;t, &mdash; &amp; &#x80;</p>'), ['a—b, don’t, — & €']);
  });

  it('marks emphasis explicitly, inside a word too, and never across a line end', () => {
    assert.deepEqual(texts('<p><i>un</i>believable<br><b>bold <i>and</i> more</b></p>'), [
      `${EM_OPEN}un${EM_CLOSE}believable`,
      `${EM_OPEN}bold ${EM_CLOSE}${EM_OPEN}and${EM_CLOSE}${EM_OPEN} more${EM_CLOSE}`,
    ]);
  });

  it('gives each line the source line it came from', () => {
    const read = lines('<div>\n<p>First</p>\n\n<p>Second<br>\nthird</p>\n</div>');
    assert.deepEqual(
      read.filter((l) => l.text !== '').map((l) => [l.text, l.number]),
      [
        ['First', 2],
        ['Second', 4],
        ['third', 5],
      ],
    );
  });

  it('lets nothing dangerous through: no script or style text, no attribute, no frame or form text', () => {
    const html = `<p onclick="alert(1)">Safe <a href="javascript:alert(2)">link</a> <img src="https://x.example/a.gif" alt="pixel"></p>
      <script>alert(3)</script><style>p{}</style><iframe src="https://x.example">frame</iframe><svg><script>alert(4)</script><text>svg</text></svg>
      <form><select><option>1. Chapter One</option></select><textarea>review</textarea><button>Send</button></form><p>End.</p>`;
    assert.deepEqual(texts(html), ['Safe link', '', 'End.']);
  });

  it('walks HTML nested 10 000 deep without running out of stack', () => {
    assert.deepEqual(texts(`${'<div><i>'.repeat(5_000)}deep${'</i></div>'.repeat(5_000)}`), [
      `${EM_OPEN}deep${EM_CLOSE}`,
    ]);
    const parsed = parseHtml(`${'<div>'.repeat(10_000)}<p>Deep down.</p>${'</div>'.repeat(10_000)}`);
    assert.deepEqual(parsed.chapters, [[null, ['Deep down.']]]);
    // How its time grows with depth is measured by `npm run bench:linear`, not asserted here.
  });
});

describe('explicit emphasis marks in parseEmphasis', () => {
  it('take emphasis anywhere, and still read *x* outside them', () => {
    assert.equal(
      showInlines(parseEmphasis(`${EM_OPEN}un${EM_CLOSE}believable and *so* on`)),
      '<un>believable and <so> on',
    );
  });

  it('join neighbouring emphasis and drop unpaired marks, so no mark reaches a book', () => {
    assert.deepEqual(parseEmphasis(`${EM_OPEN}a${EM_CLOSE}${EM_OPEN}b${EM_CLOSE}`), [{ kind: 'em', text: 'ab' }]);
    assert.equal(showInlines(parseEmphasis(`x ${EM_CLOSE}y ${EM_OPEN}z`)), 'x y z');
  });
});

describe('readHtml: finding the story in a page', () => {
  it('reads a fanfiction.net-style page: #storytext, profile block and the selected chapter', () => {
    const page = `<html><head><title>T | FanFiction</title><script>var x = 'chrome';</script></head><body>
      <div id="profile_top"><b>The Tide Book</b> By: <a href="/u/12/ann">Ann Reed</a><div class="xcontrast_txt">A short summary.</div>
      <span class="xgray">Rated: Fiction K+ - English</span></div>
      <select id="chap_select"><option value="1">1. Start</option><option value="2" selected>2. Middle Part</option></select>
      <div id="storytext"><p>The story text.</p></div><div>Post Review as Guest</div></body></html>`;
    const parsed = parseHtml(page);
    assert.deepEqual(parsed.chapters, [['Chapter 2: Middle Part', ['The story text.']]]);
    const meta = parsed.story?.meta;
    assert.deepEqual(
      [meta?.title, meta?.author, meta?.summary, meta?.rating],
      ['The Tide Book', 'Ann Reed', 'A short summary.', 'K+'],
    );
  });

  it('reads an AO3-style fragment: preface, series part, notes; leaves the landmark heading out', () => {
    const page = `<dl class="work meta"><dd class="series"><span class="position">Part 3 of the <a href="/s/1">Salt Roads</a> series</span></dd></dl>
      <div class="preface group"><h2 class="title heading">Cinders</h2><h3 class="byline heading"><a rel="author" href="/u">Teo</a></h3>
      <div class="summary module"><blockquote class="userstuff"><p>Sum.</p></blockquote></div>
      <div class="notes module"><blockquote class="userstuff"><p>A note.</p></blockquote></div></div>
      <div class="userstuff"><h3 class="landmark heading">Work Text:</h3><p>Body <em>text</em>.</p></div>`;
    const parsed = parseHtml(page);
    assert.deepEqual(parsed.chapters, [[null, ['Body <text>.']]]);
    const meta = parsed.story?.meta;
    assert.deepEqual(
      [meta?.title, meta?.author, meta?.summary, meta?.series],
      ['Cinders', 'Teo', 'Sum.', { name: 'Salt Roads', part: 3 }],
    );
    assert.deepEqual(meta?.extra, [{ key: 'Notes', value: 'A note.' }]);
  });

  it('reads the first post of a forum thread, with its inline <br> header, and not the replies', () => {
    const page = `<h1>Thread Title</h1><article class="message" data-author="poster1"><div class="bbWrapper">
      <b>Rating:</b> T<br>Disclaimer: not mine.<br><br>First line.<br><br><b>Chapter 3</b><br><br>Third.</div></article>
      <article class="message" data-author="other"><div class="bbWrapper">Nice story!</div></article>`;
    const parsed = parseHtml(page);
    assert.deepEqual(parsed.chapters, [
      [null, ['First line.']],
      ['Chapter 3', ['Third.']],
    ]);
    const meta = parsed.story?.meta;
    assert.deepEqual(
      [meta?.title, meta?.author, meta?.rating, meta?.disclaimer],
      ['Thread Title', 'poster1', 'T', 'not mine.'],
    );
  });

  it('falls back to the block with the most paragraph text, and to <title> and meta tags', () => {
    const page = `<html><head><title>Quiet Things | My Site</title><meta name="author" content="Lee Park"></head><body>
      <div class="sidebar"><p>Links</p></div><div class="main"><p>One long paragraph of the story.</p><p>Another one here.</p></div></body></html>`;
    const parsed = parseHtml(page);
    assert.deepEqual(parsed.chapters, [[null, ['One long paragraph of the story.', 'Another one here.']]]);
    assert.deepEqual([parsed.story?.meta.title, parsed.story?.meta.author], ['Quiet Things', 'Lee Park']);
  });

  it("reports the page's own blocks inside the text it leaves out (html/left-out), with their lines", () => {
    const page = [
      '<html><body><div class="main">',
      '<p>The ferry left at dawn, as it always had, and nobody on the quay looked up.</p>',
      '<aside><p>Support the site: buy us a coffee</p></aside>',
      '<p>By noon the fog had lifted and the far shore showed its roofs.</p>',
      '<nav><a href="/">Home</a> <a href="/s">Stories</a></nav>',
      '<footer><p>Posted in Fiction</p></footer><nav></nav>',
      '</div></body></html>',
    ].join('\n');
    const parsed = parseHtml(page);
    assert.deepEqual(parsed.chapters, [
      [
        null,
        [
          'The ferry left at dawn, as it always had, and nobody on the quay looked up.',
          'By noon the fog had lifted and the far shore showed its roofs.',
        ],
      ],
    ]);
    const leftOut = parsed.diagnostics.filter((d) => d.rule === 'html/left-out');
    assert.deepEqual(
      leftOut.map((d) => [d.line, /coffee|Home Stories|Posted in Fiction/.exec(d.message)?.[0]]),
      [
        [3, 'coffee'],
        [5, 'Home Stories'],
        [6, 'Posted in Fiction'],
      ],
    );
  });

  it('reads a Gutenberg HTML edition with a contents table: the rows are not chapters (chapters/contents)', () => {
    const row = (id: string, name: string, page: number) =>
      `<tr><td><a href="#${id}">${id.replace('_', ' ')}.</a></td><td>${name}</td><td><a href="#Page_${page}">${page}</a></td></tr>`;
    const chapter = (id: string, name: string, text: string) =>
      `<hr class="chap" />\n<div class="chapter"><h2><a id="${id}"></a>${id.replace('_', ' ')}.<br />\n<span>${name}</span></h2>\n<p>${text}</p></div>`;
    const page = [
      '<html><head><title>The Project Gutenberg eBook of The Glasshouse</title></head><body><pre>',
      'Title: The Glasshouse\n\nAuthor: Septima Rook\n',
      '*** START OF THIS PROJECT GUTENBERG EBOOK THE GLASSHOUSE ***\n</pre>',
      '<h1>THE GLASSHOUSE</h1>\n<h2>CONTENTS</h2>\n<table summary="Contents">',
      row('CHAPTER_I', 'THE FROST', 1),
      row('CHAPTER_II', 'THE GARDENER', 4),
      '</table>',
      chapter('CHAPTER_I', 'THE FROST', 'The frost came early to the glasshouse that year.'),
      chapter('CHAPTER_II', 'THE GARDENER', 'The new gardener arrived with a barrow and one glove.'),
      '<pre>\n*** END OF THIS PROJECT GUTENBERG EBOOK THE GLASSHOUSE ***\n</pre></body></html>',
    ].join('\n');
    const parsed = parseHtml(page, 'glasshouse.html');
    assert.deepEqual(
      parsed.chapters?.map((c) => c[0]),
      [null, 'CHAPTER I. THE FROST', 'CHAPTER II. THE GARDENER'],
    );
    assert.ok(parsed.rules.includes('info chapters/contents'), parsed.rules.join('\n'));
  });

  it('takes a fragment of bare paragraphs whole', () => {
    assert.deepEqual(parseHtml('<p>One.</p><p>Two.</p><p>Three.</p>').chapters, [[null, ['One.', 'Two.', 'Three.']]]);
  });

  it('reports a Cloudflare challenge page as such, and makes no story of it', () => {
    const page =
      '<html><head><title>Just a moment...</title></head><body><div id="challenge-running">Checking your browser</div></body></html>';
    const parsed = parseHtml(page);
    assert.equal(parsed.story, undefined);
    assert.deepEqual(parsed.rules, ['error story/challenge-page']);
  });

  it('reports a page holding no story text', () => {
    const parsed = parseHtml('<html><head><title>Empty</title></head><body><nav>Home</nav></body></html>');
    assert.equal(parsed.story, undefined);
    assert.ok(parsed.rules.includes('error story/empty'));
  });

  it('makes no story of an error page whose title does not say so, nor of an adult-content check (story/no-story-page)', () => {
    const pages: Array<[page: string, kind: string]> = [
      // fanfiction.net: a site title, the notice in a span.
      [
        '<html><head><title>FanFiction</title></head><body><div id="top"><a href="/">FanFiction</a></div><div class="panel_warning"><span class="gui_normal">Story Not Found<br>Unable to locate story. Code 1.</span></div><div id="p_footer"><a href="/tos/">Terms of Service</a></div></body></html>',
        'error page',
      ],
      // XenForo: "Oops!" as the title, the notice in a block message.
      [
        '<html><head><title>Oops! We ran into some problems. | SpaceBattles</title></head><body><h1 class="p-title-value">Oops! We ran into some problems.</h1><div class="blockMessage">The requested thread could not be found.</div></body></html>',
        'error page',
      ],
      // AO3: the work's blurb under the question whether to go on.
      [
        '<html><head><title>The Kelp Garden - seaweed_scribe [Archive of Our Own]</title></head><body><div id="main"><p class="caution">This work could have adult content. If you continue, you have agreed that you are willing to see such content.</p><ul class="actions"><li><a href="/works/90909?view_adult=true">Yes, Continue</a></li><li><a href="/">No, Go Back</a></li></ul><div class="work"><h4 class="heading"><a href="/works/90909">The Kelp Garden</a> by <a rel="author" href="/users/seaweed_scribe">seaweed_scribe</a></h4><blockquote class="userstuff summary"><p>A garden under the sea, and the one who tends it.</p></blockquote><dl class="stats"><dt>Words:</dt><dd>4,120</dd></dl></div></div></body></html>',
        'adult-content warning',
      ],
    ];
    for (const [page, kind] of pages) {
      const parsed = parseHtml(page, 'saved.html');
      assert.equal(parsed.story, undefined, kind);
      const error = parsed.diagnostics.find((d) => d.rule === 'story/no-story-page');
      assert.ok(error?.message.includes(kind), error?.message ?? parsed.rules.join(', '));
    }
  });

  it('keeps a story whose characters say a story was not found', () => {
    const prose = Array.from(
      { length: 30 },
      (_, i) =>
        `<p>Paragraph ${i + 1} of the search, in which the lamp-room was swept again and nothing turned up.</p>`,
    ).join('');
    const parsed = parseHtml(
      `<html><head><title>The Lost Ledger</title></head><body><div>${prose}<p>Story not found, said the clerk.</p></div></body></html>`,
    );
    assert.ok(parsed.story, parsed.rules.join(', '));
  });

  it('keeps marks out of headings, breaks, junk and header values', () => {
    const parsed = parseHtml(
      '<div><p><b>Summary:</b> A <i>tale</i>.</p><p><i>Prologue</i></p><p>It <i>began</i>.</p><p><b>* * *</b></p><p><i>Review please!</i></p><p>End.</p></div>',
    );
    assert.deepEqual(parsed.chapters, [['Prologue', ['It <began>.', '***', 'End.']]]);
    assert.equal(parsed.story?.meta.summary, 'A tale.');
    assert.ok(parsed.diagnostics.some((d) => d.rule === 'junk/review-prompt' && d.removed === 'Review please!'));
  });

  it('strips the marks ficbind uses from input text, with a warning', () => {
    const parsed = parseStory({
      path: 'a.txt',
      files: [{ path: 'a.txt', text: `Title: A\n\nOne ${EM_OPEN}two${EM_CLOSE} three.\n`, modified: 1 }],
    });
    assert.deepEqual(parsed.story?.chapters[0]?.blocks.map(showBlock), ['One two three.']);
    assert.ok(parsed.diagnostics.some((d) => d.rule === 'text/private-use' && d.line === 3));
  });

  it('says where in the page it found the story', () => {
    const reading = readHtml('<div id="storytext"><p>x</p></div>', 'a.html');
    assert.deepEqual(
      reading.diagnostics.map((d) => [d.rule, d.severity]),
      [['format/html-story', 'info']],
    );
    assert.match(reading.diagnostics[0]?.message ?? '', /#storytext/);
  });

  it("takes a plain page's title heading and byline as title and author, left out of the text and reported", () => {
    const page = [
      '<html><head><title>harbour1</title></head><body>',
      '<h1>The Harbour Wall</h1>',
      '<p>by Tessa Crane</p>',
      '<p>The wall held another night.</p>',
      '</body></html>',
    ].join('\n');
    const parsed = parseHtml(page, 'harbour1.html');
    assert.deepEqual([parsed.story?.meta.title, parsed.story?.meta.author], ['The Harbour Wall', 'Tessa Crane']);
    assert.deepEqual(parsed.chapters, [[null, ['The wall held another night.']]]);
    const shown = parsed.diagnostics.filter((d) => d.rule === 'format/title-block');
    assert.deepEqual(
      shown.map((d) => [d.line, d.removed]),
      [
        [2, 'The Harbour Wall'],
        [3, 'by Tessa Crane'],
      ],
    );
  });

  it('takes a heading that repeats the page title (its site name aside) for the title block: shown once', () => {
    for (const pageTitle of ['The Far Shore', 'The Far Shore | Tidewrack Fiction', 'the far shore - Tidewrack']) {
      const parsed = parseHtml(
        `<html><head><title>${pageTitle}</title></head><body>\n<h1>The Far Shore</h1>\n<p>The tide went out and did not come back.</p></body></html>`,
      );
      assert.equal(parsed.story?.meta.title, 'The Far Shore', pageTitle);
      assert.deepEqual(parsed.chapters, [[null, ['The tide went out and did not come back.']]], pageTitle);
      const said = parsed.diagnostics.find((d) => d.rule === 'format/title-block');
      assert.equal(said?.line, 2, pageTitle);
    }
    // A page title that only begins with the heading's words names something else.
    const other = parseHtml(
      '<html><head><title>The Far Shore Revisited</title></head><body><h1>The Far Shore</h1><p>Text.</p></body></html>',
    );
    assert.equal(other.story?.meta.title, 'The Far Shore Revisited');
  });

  it('keeps a heading in the text when the page says nothing more of it: a good <title>, no byline', () => {
    const parsed = parseHtml(
      '<html><head><title>Harbour Songs</title></head><body><h1>Verse One</h1><p>Sing.</p></body></html>',
    );
    assert.equal(parsed.story?.meta.title, 'Harbour Songs');
    assert.ok(!parsed.rules.includes('info format/title-block'));
  });
});
