import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Document } from '@xmldom/xmldom';
import { buildInto } from '../helpers/build.js';
import { all, openEpub, packageDocument } from '../helpers/epub.js';
import { writeStories } from '../helpers/library.js';

// A saved page whose story shows two pictures: one with a text alternative, one without.
const PAGE = `<!DOCTYPE html>
<html lang="en">
<head><title>The Glass Orchard</title><meta name="author" content="Mirelle Tansy"></head>
<body>
<div id="storytext">
<p>The orchard was made of glass, and it rang when the wind came.</p>
<p><img src="orchard_files/trees.jpg" alt="Glass trees on a hill at dusk"></p>
<p>Nobody picked the fruit. It chimed when it fell.</p>
<p><img src="orchard_files/fruit.jpg"></p>
<p>In the morning the grass was full of light.</p>
</div>
</body>
</html>
`;

const lineOf = (needle: string): number => PAGE.slice(0, PAGE.indexOf(needle)).split('\n').length;

/** The values of each accessibility property the package document declares. */
function declared(opf: Document): Map<string, string[]> {
  const values = new Map<string, string[]>();
  for (const meta of all(opf, 'meta')) {
    const property = meta.getAttribute('property');
    if (!property) continue;
    values.set(property, [...(values.get(property) ?? []), meta.textContent ?? '']);
  }
  return values;
}

describe('accessibility of a book made from a page with images', () => {
  it('each image of the page is reported with its line; the one without alt says so; none is claimed', async () => {
    const input = await writeStories({ 'glass-orchard.html': PAGE });
    const built = await buildInto(input, { cover: false });
    const images = built.result.diagnostics.filter((d) => d.rule === 'html/image-left-out');
    assert.deepEqual(
      images.map((d) => [d.file, d.line]),
      [
        ['glass-orchard.html', lineOf('trees.jpg')],
        ['glass-orchard.html', lineOf('fruit.jpg')],
      ],
    );
    assert.match(images[1]!.message, /no alt text/);

    const epub = await openEpub(built.book('The Glass Orchard'));
    const metadata = declared((await packageDocument(epub)).doc);
    // Images from a page do not reach the book, so it holds none: text it is, and text suffices.
    assert.deepEqual(metadata.get('schema:accessMode'), ['textual']);
    assert.deepEqual(metadata.get('schema:accessModeSufficient'), ['textual']);
    assert.ok(!metadata.get('schema:accessibilityFeature')?.includes('alternativeText'));
    assert.ok(!epub.entries.some((name) => /\.(?:jpe?g|png)$/.test(name)), epub.entries.join(' '));
  });

  it('with its drawn cover: visual too, the cover described by its words, alternativeText claimed', async () => {
    const input = await writeStories({ 'glass-orchard.html': PAGE });
    const built = await buildInto(input, { cover: true });
    const epub = await openEpub(built.book('The Glass Orchard'));
    const cover = await epub.xml('EPUB/text/cover.xhtml');
    assert.equal(all(cover, 'img')[0]?.getAttribute('alt'), 'Cover: The Glass Orchard by Mirelle Tansy');
    const metadata = declared((await packageDocument(epub)).doc);
    assert.deepEqual(metadata.get('schema:accessMode'), ['textual', 'visual']);
    assert.deepEqual(metadata.get('schema:accessModeSufficient'), ['textual,visual', 'textual']);
    assert.ok(metadata.get('schema:accessibilityFeature')?.includes('alternativeText'));
    assert.deepEqual(metadata.get('dcterms:conformsTo'), ['EPUB Accessibility 1.1 - WCAG 2.2 Level A']);
    assert.deepEqual(metadata.get('a11y:certifiedBy'), ['ficbind']);
  });
});
