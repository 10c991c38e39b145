/* global window, document, fetch, File, createImageBitmap */
// Runs inside headless Chromium: opens one book with foliate-js the way a reader app does
// (a <foliate-view> given a File), shows every spine document, resolves every TOC entry, and reports
// what it saw. Judging what it saw is the Node test's job, so this page asserts nothing.
import { makeBook } from '/foliate/view.js';

const normalise = (text) => (text ?? '').replace(/\s+/g, ' ').trim();
// foliate tidies a one-element list to its only element.
const list = (value) => (value == null ? [] : [].concat(value));

async function describeCover(book) {
  const blob = await book.getCover();
  if (!blob) return null;
  const bitmap = await createImageBitmap(blob);
  return { type: blob.type, size: blob.size, width: bitmap.width, height: bitmap.height };
}

function describeMetadata({ metadata }) {
  const series = metadata.belongsTo?.series;
  return {
    title: metadata.title,
    authors: list(metadata.author).map((a) => (typeof a === 'string' ? a : a.name)),
    languages: list(metadata.language),
    identifier: metadata.identifier,
    series: series ? { name: series.name, position: series.position } : null,
  };
}

/** What the rendered document of the current section shows. */
function describeRendered(view) {
  const [contents] = view.renderer.getContents();
  if (!contents) return { index: null };
  const { doc, index } = contents;
  const frame = doc.defaultView.frameElement;
  const box = frame?.getBoundingClientRect();
  return {
    index,
    // What the reader loaded the document as: foliate falls back to text/html for XHTML that does not parse.
    contentType: doc.contentType,
    // innerText is what layout shows (not display:none, after CSS); textContent is every character.
    shown: normalise(doc.body?.innerText),
    content: normalise(doc.body?.textContent),
    frame: box ? { width: Math.round(box.width), height: Math.round(box.height) } : null,
    images: Array.from(doc.images, (img) => ({
      src: img.getAttribute('src'),
      alt: img.getAttribute('alt'),
      loaded: img.complete && img.naturalWidth > 0,
      width: img.naturalWidth,
      height: img.naturalHeight,
    })),
  };
}

async function describeSections(view) {
  const sections = [];
  for (const [index, section] of view.book.sections.entries()) {
    await view.goTo(index);
    sections.push({ href: section.id, linear: section.linear ?? null, rendered: describeRendered(view) });
  }
  return sections;
}

// Resolves each entry as a click on it would (the view's resolveNavigation); the sections it
// lands on were all rendered above, so only a fragment needs its document parsed again.
async function describeEntries(view, entries) {
  const described = [];
  for (const entry of entries ?? []) {
    const resolved = entry.href ? view.resolveNavigation(entry.href) : null;
    const index = resolved?.index ?? null;
    let fragmentFound = null;
    if (index !== null && index >= 0 && entry.href.includes('#')) {
      fragmentFound = Boolean(resolved.anchor(await view.book.sections[index].createDocument()));
    }
    described.push({
      label: normalise(entry.label),
      href: entry.href,
      index,
      fragmentFound,
      subitems: entry.subitems ? await describeEntries(view, entry.subitems) : [],
    });
  }
  return described;
}

window.readBook = async (url, name) => {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`${url}: HTTP ${response.status}`);
  const file = new File([await response.blob()], name, { type: 'application/epub+zip' });
  const book = await makeBook(file);
  const view = document.createElement('foliate-view');
  document.body.append(view);
  try {
    await view.open(book);
    return {
      metadata: describeMetadata(book),
      cover: await describeCover(book),
      sections: await describeSections(view),
      toc: await describeEntries(view, book.toc),
      landmarks: await describeEntries(view, book.landmarks),
    };
  } finally {
    // The page is loaded afresh for the next book; removing the view is enough here.
    view.remove();
  }
};
window.harnessReady = true;
