import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { SAMPLES, buildInto, type BuiltLibrary } from '../helpers/build.js';
import { all, openEpub, packageDocument, spinePaths } from '../helpers/epub.js';
import { samplesCovers } from '../helpers/library.js';
import { assertBookStructure } from '../helpers/structure.js';

describe('covers from covers/<book name>.png|jpg', () => {
  let library: BuiltLibrary;
  let withoutGenerated: BuiltLibrary;

  before(async () => {
    const covers = await samplesCovers();
    library = await buildInto(SAMPLES, { covers });
    withoutGenerated = await buildInto(SAMPLES, { covers, cover: false });
  });

  it('puts the matching image in the book as cover-image with a cover page first', async () => {
    const epub = await openEpub(library.book('The Lantern Road'));
    const { doc } = await packageDocument(epub);
    const cover = all(doc, 'item').find((i) => i.getAttribute('properties') === 'cover-image');
    assert.equal(cover?.getAttribute('href'), 'images/cover.png');
    assert.equal(cover?.getAttribute('media-type'), 'image/png');
    assert.equal(
      all(doc, 'meta')
        .find((m) => m.getAttribute('name') === 'cover')
        ?.getAttribute('content'),
      cover?.getAttribute('id'),
    );
    assert.equal((await spinePaths(epub))[0], 'EPUB/text/cover.xhtml');
    const page = await epub.xml('EPUB/text/cover.xhtml');
    const img = all(page, 'img')[0];
    assert.equal(img?.getAttribute('src'), '../images/cover.png');
    // An image from covers/: ficbind knows whose cover it is, not what it shows.
    assert.equal(img?.getAttribute('alt'), 'Cover of The Lantern Road by Wren Alder');
    await assertBookStructure(epub);
  });

  it('reports a cover that is not an image and draws one instead', async () => {
    const warning = library.result.diagnostics.find((d) => d.rule === 'cover/not-an-image');
    assert.ok(warning?.file.endsWith('Salt and Static.jpg'));
    const epub = await openEpub(library.book('Salt and Static'));
    const drawn = await epub.zip.file('EPUB/images/cover.png')?.async('uint8array');
    assert.ok(
      drawn && Buffer.from(drawn.subarray(1, 4)).toString('latin1') === 'PNG',
      'a generated PNG, not the broken file',
    );
  });

  it('gives books without a matching image a generated cover, and --no-cover none', async () => {
    const generated = await openEpub(library.book('The Paper Garden'));
    const { doc } = await packageDocument(generated);
    assert.equal(
      all(doc, 'item')
        .find((i) => i.getAttribute('properties') === 'cover-image')
        ?.getAttribute('href'),
      'images/cover.png',
    );
    assert.equal((await spinePaths(generated))[0], 'EPUB/text/cover.xhtml');
    for (const title of ['The Paper Garden', 'Salt and Static']) {
      const epub = await openEpub(withoutGenerated.book(title));
      assert.ok(!epub.entries.some((e) => e.includes('cover')), title);
    }
    assert.ok(
      (await openEpub(withoutGenerated.book('The Lantern Road'))).entries.includes('EPUB/images/cover.png'),
      'a cover image is still used',
    );
  });
});
