import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

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
