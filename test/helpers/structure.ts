import assert from 'node:assert/strict';
import path from 'node:path';
import { all, packageDocument, spinePaths, type OpenedEpub } from './epub.js';

/**
 * What every book ficbind writes must satisfy, whatever its content: container layout, a
 * well-formed document for every XML entry, safe names, and a nav and NCX that follow the spine.
 */
export async function assertBookStructure(epub: OpenedEpub): Promise<void> {
  // mimetype: first entry, stored (method 0), no extra field, exact content.
  const header = Buffer.from(epub.raw.subarray(0, 58));
  assert.equal(header.readUInt32LE(0), 0x04034b50, 'zip starts with a local file header');
  assert.equal(header.readUInt16LE(8), 0, 'mimetype is stored uncompressed');
  assert.equal(header.readUInt16LE(28), 0, 'mimetype has no extra field');
  assert.equal(header.subarray(30, 38).toString('latin1'), 'mimetype');
  assert.equal(header.subarray(38, 58).toString('latin1'), 'application/epub+zip');
  assert.equal(epub.entries[0], 'mimetype');
  assert.ok(epub.entries.includes('META-INF/container.xml'));

  for (const name of epub.entries) {
    assert.doesNotMatch(name, /\s/, `entry name without spaces: ${name}`);
    assert.ok(!name.startsWith('/') && !name.split('/').includes('..'), `entry stays inside the book: ${name}`);
    if (/\.(xhtml|opf|ncx|xml)$/.test(name)) {
      const doc = await epub.xml(name);
      if (name.endsWith('.xhtml')) assertNoActiveContent(doc, name);
    }
  }

  const { doc: opf, dir } = await packageDocument(epub);
  const manifest = all(opf, 'item').map((i) => `${dir}${i.getAttribute('href')}`);
  assert.ok(manifest.length > 0, 'the manifest lists items');
  for (const item of manifest) assert.ok(epub.entries.includes(item), `manifest item exists: ${item}`);

  const spine = await spinePaths(epub);
  const navItem = all(opf, 'item').find((i) => (i.getAttribute('properties') ?? '').split(' ').includes('nav'));
  assert.ok(navItem, 'manifest has a nav document');
  const navPath = `${dir}${navItem.getAttribute('href')}`;
  const nav = await epub.xml(navPath);
  const tocNav = all(nav, 'nav').find((n) => n.getAttribute('epub:type') === 'toc');
  assert.ok(tocNav, 'nav has a toc');
  const navTargets = all(tocNav, 'a').map((a) => resolve(navPath, a.getAttribute('href') ?? ''));
  assert.ok(navTargets.length > 0, 'the nav toc has entries');
  assertFollowsSpine(navTargets, spine, 'nav');

  const ncxItem = all(opf, 'item').find((i) => i.getAttribute('media-type') === 'application/x-dtbncx+xml');
  assert.ok(ncxItem, 'manifest has an NCX');
  const ncxPath = `${dir}${ncxItem.getAttribute('href')}`;
  const ncx = await epub.xml(ncxPath);
  const ncxTargets = all(ncx, 'content').map((c) => resolve(ncxPath, c.getAttribute('src') ?? ''));
  assert.deepEqual(ncxTargets, navTargets, 'NCX lists the same entries as nav, in the same order');
  const uid = all(ncx, 'meta')
    .find((m) => m.getAttribute('name') === 'dtb:uid')
    ?.getAttribute('content');
  const identifier = all(opf, 'dc:identifier')[0]?.textContent;
  assert.equal(uid, identifier, 'NCX uid matches dc:identifier');
  assert.match(identifier ?? '', /^urn:uuid:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
}

/** Every target exists in the spine, and targets appear in spine order. */
function assertFollowsSpine(targets: string[], spine: string[], what: string): void {
  let last = -1;
  for (const target of targets) {
    const index = spine.indexOf(target);
    assert.ok(index >= 0, `${what} entry ${target} is a spine document`);
    assert.ok(index > last, `${what} entry ${target} comes in spine order`);
    last = index;
  }
}

function resolve(from: string, href: string): string {
  return path.posix.normalize(path.posix.join(path.posix.dirname(from), href.split('#')[0] as string));
}

const ACTIVE_ELEMENTS = new Set([
  'script',
  'iframe',
  'object',
  'embed',
  'form',
  'input',
  'button',
  'frame',
  'frameset',
  'applet',
  'base',
  'meta-refresh',
]);

/**
 * No script, frame, form or event handler anywhere in a document, and links only to the book
 * itself or to http(s)/mailto; no resource loaded from outside the book.
 */
export function assertNoActiveContent(doc: Parameters<typeof all>[0], name: string): void {
  for (const element of all(doc, '*')) {
    const tag = (element.localName ?? element.nodeName).toLowerCase();
    assert.ok(!ACTIVE_ELEMENTS.has(tag), `${name}: no <${tag}>`);
    for (const attribute of Array.from(element.attributes)) {
      const attributeName = attribute.localName ?? attribute.name;
      assert.ok(!/^on/i.test(attributeName), `${name}: no ${attributeName} handler on <${tag}>`);
      if (/^(href|src|xlink:href|poster|srcset|data)$/i.test(attribute.name)) {
        const value = attribute.value.trim();
        const external = /^[a-z][a-z0-9+.-]*:/i.test(value);
        if (tag === 'a' && attribute.name === 'href')
          assert.ok(!external || /^(https?|mailto):/i.test(value), `${name}: link ${value}`);
        else assert.ok(!external, `${name}: ${tag} loads ${value} from outside the book`);
      }
    }
  }
}

/** Each markup entry of a book (XHTML, OPF, NCX) with its text, for checks on every character it holds. */
export async function markupEntries(epub: OpenedEpub): Promise<Array<[name: string, text: string]>> {
  const names = epub.entries.filter((e) => /\.(x?html|opf|ncx)$/.test(e));
  assert.ok(names.length > 0, 'the book has markup entries to check');
  return Promise.all(names.map(async (name) => [name, await epub.text(name)] as [string, string]));
}

/** No U+FFFD (a decoding failure) and none of ficbind's own private-use marks (U+E000–U+E005) left in a text. */
export function assertNoBrokenCharacters(text: string, where: string): void {
  assert.ok(!text.includes('\uFFFD'), `${where} holds no U+FFFD`);
  assert.ok(!/[\uE000-\uE005]/.test(text), `${where} holds no private-use mark`);
}
