import { cp, mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { SAMPLES } from './build.js';
import { solidPng } from './png.js';

/** Writes a story folder from a map of relative path → content, and returns its path. */
export async function writeStories(files: Record<string, string | Uint8Array>): Promise<string> {
  const root = await mkdtemp(path.join(os.tmpdir(), 'ficbind-in-'));
  const input = path.join(root, 'stories');
  await mkdir(input);
  for (const [name, content] of Object.entries(files)) {
    await mkdir(path.dirname(path.join(input, name)), { recursive: true });
    await writeFile(path.join(input, name), content);
  }
  return input;
}

/** A small valid story with a header, for cases that need a normal neighbour. */
export function story(title: string, body = 'The lamp was lit at dusk.\n\nIt burned until dawn.'): string {
  return `Title: ${title}\nAuthor: Test Writer\n\n${body}\n`;
}

/*
 * Inputs that a build test and the conformance tier both build: the build test reads the books,
 * test/conformance/ runs EPUBCheck on the same books. One definition, so they cannot drift apart.
 */

/** A covers folder for the samples: a PNG matched by slug, and a `.jpg` that is not an image. */
export async function samplesCovers(): Promise<string> {
  const covers = await mkdtemp(path.join(os.tmpdir(), 'ficbind-covers-'));
  // Matched by slug: case and punctuation in the file name do not matter.
  await writeFile(path.join(covers, 'the-lantern-road.png'), solidPng(60, 90, [20, 40, 90]));
  await writeFile(path.join(covers, 'Salt and Static.jpg'), 'this is not an image');
  return covers;
}

/** A copy of the sample stories with a config file beside them. */
export async function samplesWithConfig(name: string, config: string): Promise<string> {
  const root = await mkdtemp(path.join(os.tmpdir(), 'ficbind-config-'));
  const input = path.join(root, 'stories');
  await cp(SAMPLES, input, { recursive: true });
  await writeFile(path.join(input, name), config);
  return input;
}

export const SAMPLES_CONFIG = `# Two series the stories do not know they belong to, one renamed, one folder left out.
series:
  - title: Lantern Road Saga
    match: the lantern road
  - title: Tales of Vessary
    stories: [salt-and-static.txt, the-clockmakers-apprentice.txt]
    cover: ../art/vessary.png
exclude: [the-paper-garden]
stories:
  salt-and-static.txt: { author: Morwen Tideglass }
`;

/** The samples with SAMPLES_CONFIG as ficbind.config.yaml, and the cover image it names. */
export async function configuredSamples(): Promise<string> {
  const input = await samplesWithConfig('ficbind.config.yaml', SAMPLES_CONFIG);
  await mkdir(path.join(input, '..', 'art'));
  await writeFile(path.join(input, '..', 'art', 'vessary.png'), solidPng(60, 90, [90, 40, 20]));
  return input;
}

/** Stories in awkward text: legacy and damaged encodings, control characters, markup, right-to-left and emoji. */
export function awkwardTextStories(): Record<string, string | Uint8Array> {
  const cp1252 = new Uint8Array([
    ...Buffer.from('Title: Smart Quotes\nAuthor: Old Windows\n\n', 'latin1'),
    0x93,
    ...Buffer.from('Hello,', 'latin1'),
    0x94,
    0x20,
    0x96,
    ...Buffer.from(' she said.\n', 'latin1'),
  ]);
  const damagedUtf8 = new Uint8Array([
    ...Buffer.from('Title: Damaged\nAuthor: A\n\nCafé “one”.\n\nBroken ', 'utf8'),
    0xc3,
    0x28,
    ...Buffer.from(' byte.\n', 'utf8'),
  ]);
  const utf16Lone = new Uint8Array([
    0xff,
    0xfe,
    ...Buffer.from('Title: Lonely\nAuthor: A\n\nHalf a pair: ', 'utf16le'),
    0x00,
    0xd8,
    ...Buffer.from(' here.\n', 'utf16le'),
  ]);
  return {
    'cp1252.txt': cp1252,
    'damaged.txt': damagedUtf8,
    'lonely.txt': utf16Lone,
    'controls.txt': 'Title: Controls\nAuthor: A\n\nA NUL\u0000 here, a bell\u0007 there.\n\nClean line.\n',
    'markup.txt': story(
      'Markup',
      '<script>alert(1)</script> <iframe src="javascript:alert(2)"></iframe>\n\n<img src=x onerror="alert(3)"> <a href="data:text/html,hi">x</a> <svg onload=alert(4)><script>x</script></svg> &amp; &lt;b&gt; ]]> <![CDATA[ x ]]>',
    ),
    'rtl.txt':
      'Title: قصة قصيرة 📚\nAuthor: כותב\nLanguage: ar\n\nكان يا ما كان، في قديم الزمان 🌙✨.\n\nשלום עולם — mixed עברית and English 👩🏽‍🚀.\n',
  };
}
