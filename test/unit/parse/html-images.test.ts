import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { readHtml } from '../../../src/parse/formats/html.js';

// Original text written for these tests.
const page = `<html><head><title>The Map</title></head>
<body>
<div id="nav"><img src="logo.png" alt="Site logo"></div>
<div id="storytext">
<p>She unrolled the chart on the table.</p>
<p><img src="map.jpg" alt="A hand-drawn map of Greyhollow Point"></p>
<p>Nothing moved <img src="https://tracker.example/p.gif"> and then it did.</p>
<noscript><img src="fallback.jpg" alt="fallback copy"></noscript>
</div>
</body></html>`;

describe('images in a saved page', () => {
  const reading = readHtml(page, 'map.html');
  const images = reading.diagnostics.filter((d) => d.rule === 'html/image-left-out');

  it('reports each image of the story text with its line and its alt text', () => {
    assert.deepEqual(
      images.map((d) => [d.severity, d.file, d.line]),
      [
        ['info', 'map.html', 6],
        ['info', 'map.html', 7],
      ],
    );
    assert.match(images[0]?.message ?? '', /map\.jpg.*alt text was "A hand-drawn map of Greyhollow Point"/);
    assert.match(images[1]?.message ?? '', /has no alt text/);
  });

  it('says nothing of images in the page chrome or in content that is dropped anyway', () => {
    assert.ok(!images.some((d) => /logo|fallback/.test(d.message)));
  });

  it('keeps the story text around the image and puts no picture or alt text in it', () => {
    const text = reading.lines.map((l) => l.text).join('\n');
    assert.match(text, /Nothing moved and then it did\./);
    assert.doesNotMatch(text, /Greyhollow|img|tracker/);
  });
});
