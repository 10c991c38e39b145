import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { EpubFile } from '../../../src/model/epub.js';
import { describeAccessibility } from '../../../src/render/accessibility.js';
import { readContentFacts } from '../../../src/render/content-facts.js';

/** An XHTML page as a reader gets it; `body` is written as is. */
function page(path: string, body: string, head = { title: 'A page', lang: 'en' }): EpubFile {
  const lang = head.lang ? ` lang="${head.lang}" xml:lang="${head.lang}"` : '';
  return {
    path,
    data:
      `<?xml version="1.0" encoding="UTF-8"?><!DOCTYPE html><html xmlns="http://www.w3.org/1999/xhtml" ` +
      `xmlns:epub="http://www.idpf.org/2007/ops"${lang}><head><meta charset="UTF-8"/><title>${head.title}</title>` +
      `</head><body>${body}</body></html>`,
  };
}

const NAV = page(
  'EPUB/nav.xhtml',
  '<nav epub:type="toc" role="doc-toc" id="toc"><h1>Contents</h1><ol><li><a href="text/c1.xhtml">One</a></li></ol></nav>',
);
const CHAPTER = page(
  'EPUB/text/c1.xhtml',
  '<section epub:type="chapter" role="doc-chapter"><h2>One</h2><p>The kettle sang on the stove.</p></section>',
);
const COVER_PNG: EpubFile = { path: 'EPUB/images/cover.png', data: new Uint8Array([137, 80, 78, 71]) };
const coverPage = (img: string): EpubFile =>
  page('EPUB/text/cover.xhtml', `<section epub:type="cover" class="cover">${img}</section>`, {
    title: 'Cover',
    lang: 'en',
  });

const describe_ = (files: EpubFile[]) => describeAccessibility(readContentFacts(files));

describe('accessibility metadata from the rendered book', () => {
  it('a text-only book: textual, sufficient as text, no alternativeText to claim, Level A', () => {
    const metadata = describe_([NAV, CHAPTER]);
    assert.deepEqual(metadata.accessModes, ['textual']);
    assert.deepEqual(metadata.accessModesSufficient, ['textual']);
    assert.deepEqual(metadata.features, [
      'structuralNavigation',
      'tableOfContents',
      'readingOrder',
      'displayTransformability',
      'ARIA',
    ]);
    assert.deepEqual(metadata.hazards, ['none']);
    assert.equal(metadata.conformance?.conformsTo, 'EPUB Accessibility 1.1 - WCAG 2.2 Level A');
    assert.equal(metadata.conformance?.certifiedBy, 'ficbind');
    assert.match(metadata.summary, /^This book is text only\./);
  });

  it('a cover image described in words: visual too, sufficient as text alone, alternativeText', () => {
    const metadata = describe_([
      NAV,
      COVER_PNG,
      coverPage('<img src="../images/cover.png" alt="Cover: Tide Clock by Ivo Brand"/>'),
      CHAPTER,
    ]);
    assert.deepEqual(metadata.accessModes, ['textual', 'visual']);
    assert.deepEqual(metadata.accessModesSufficient, ['textual,visual', 'textual']);
    assert.ok(metadata.features.includes('alternativeText'));
    assert.ok(metadata.conformance);
    assert.match(metadata.summary, /with a cover image described in words/);
  });

  it('an image without alt: no alternativeText, not readable as text alone, no conformance claim', () => {
    const chapter = page(
      'EPUB/text/c2.xhtml',
      '<section><h2>Two</h2><p>She pinned the map to the wall.</p><img src="../images/map.png"/></section>',
    );
    const metadata = describe_([
      NAV,
      COVER_PNG,
      coverPage('<img src="../images/cover.png" alt="Cover: Tide Clock by Ivo Brand"/>'),
      CHAPTER,
      chapter,
    ]);
    assert.deepEqual(metadata.accessModes, ['textual', 'visual']);
    assert.deepEqual(metadata.accessModesSufficient, ['textual,visual']);
    assert.ok(!metadata.features.includes('alternativeText'), metadata.features.join(' '));
    assert.equal(metadata.conformance, undefined);
    assert.match(metadata.summary, /a cover image and 1 other image; 1 image has no description in words/);
    assert.doesNotMatch(metadata.summary, /WCAG/);
  });

  it('a decorative image (alt="") has its text alternative; alone it does not make alternativeText', () => {
    const metadata = describe_([NAV, page('EPUB/text/c1.xhtml', '<h2>One</h2><p>Rain.</p><img src="a.png" alt=""/>')]);
    assert.deepEqual(metadata.accessModesSufficient, ['textual,visual', 'textual']);
    assert.ok(!metadata.features.includes('alternativeText'));
    assert.ok(metadata.conformance);
  });

  it('a cover image that no page shows: visual, nothing described', () => {
    const metadata = describe_([NAV, COVER_PNG, CHAPTER]);
    assert.deepEqual(metadata.accessModes, ['textual', 'visual']);
    assert.ok(!metadata.features.includes('alternativeText'));
    assert.match(metadata.summary, /a cover image that is not shown on a page/);
  });

  it('a page of text without a heading: no structuralNavigation, no conformance claim', () => {
    const metadata = describe_([NAV, page('EPUB/text/c1.xhtml', '<p>Only a paragraph.</p>')]);
    assert.ok(!metadata.features.includes('structuralNavigation'));
    assert.equal(metadata.conformance, undefined);
  });

  it('a page without a title or a language: no conformance claim', () => {
    const untitled = page('EPUB/text/c1.xhtml', '<h2>One</h2><p>Text.</p>', { title: '', lang: 'en' });
    const unmarked = page('EPUB/text/c1.xhtml', '<h2>One</h2><p>Text.</p>', { title: 'One', lang: '' });
    assert.equal(describe_([NAV, untitled]).conformance, undefined);
    assert.equal(describe_([NAV, unmarked]).conformance, undefined);
  });

  it('media or scripts: hazards unknown, no conformance claim', () => {
    const metadata = describe_([NAV, page('EPUB/text/c1.xhtml', '<h2>One</h2><p>Listen.</p><audio src="a.mp3"/>')]);
    assert.deepEqual(metadata.hazards, ['unknown']);
    assert.equal(metadata.conformance, undefined);
    assert.match(metadata.summary, /not checked for flashing, motion or sound/);
  });

  it('no toc nav and no roles: neither tableOfContents nor ARIA', () => {
    const metadata = describe_([page('EPUB/text/c1.xhtml', '<h2>One</h2><p>Text.</p>')]);
    assert.ok(!metadata.features.includes('tableOfContents'));
    assert.ok(!metadata.features.includes('ARIA'));
  });

  it('pages in two languages: the summary says stories are marked with theirs', () => {
    const german = page('EPUB/text/s02-c1.xhtml', '<h2>Eins</h2><p>Der Wind drehte.</p>', {
      title: 'Eins',
      lang: 'de',
    });
    assert.match(describe_([NAV, CHAPTER, german]).summary, /marked with their own language/);
    assert.doesNotMatch(describe_([NAV, CHAPTER]).summary, /their own language/);
  });
});
