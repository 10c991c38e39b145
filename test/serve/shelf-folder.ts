import { spawn, type ChildProcess } from 'node:child_process';
import { copyFile, mkdir, mkdtemp, symlink, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { REPO_ROOT, SAMPLES, buildInto, type BuiltLibrary } from '../helpers/build.js';

/** The sample stories built with their KEPUBs, plus what a server must leave alone beside them. */
export interface ShelfFolder extends BuiltLibrary {
  /** A real EPUB outside the folder, reached through the symbolic link `outside.epub` in it. */
  outsideBook: string;
  /** Text that only files the server must never send hold. */
  secret: string;
}

export const SECRET = 'SECRET-7f3a-never-served';

export async function sampleShelf(): Promise<ShelfFolder> {
  const library = await buildInto(SAMPLES, { kobo: true });
  const elsewhere = await mkdtemp(path.join(os.tmpdir(), 'ficbind-elsewhere-'));
  const outsideBook = path.join(elsewhere, 'Outside.epub');
  await copyFile(library.book('Salt and Static'), outsideBook);
  await writeFile(path.join(elsewhere, 'secret.txt'), SECRET);
  await symlink(outsideBook, path.join(library.out, 'outside.epub'));
  await symlink(elsewhere, path.join(library.out, 'linked-folder'));
  await writeFile(path.join(library.out, '.hidden.epub'), SECRET);
  await mkdir(path.join(library.out, '.private'));
  await writeFile(path.join(library.out, '.private', 'book.epub'), SECRET);
  await writeFile(path.join(library.out, 'notes.txt'), SECRET);
  // A damaged book: listed nowhere, and it stops nothing else.
  await writeFile(path.join(library.out, 'Broken.epub'), 'this is not a zip archive');
  return { ...library, outsideBook, secret: SECRET };
}

const TSX_LOADER = import.meta.resolve('tsx');

export interface ServingCli {
  /** `http://127.0.0.1:PORT` */
  origin: string;
  output(): string;
  stop(): Promise<number | null>;
}

/** Starts `ficbind serve` as a user would, on a free loopback port, and waits for its address. */
export function startServeCli(args: string[]): Promise<ServingCli> {
  const child: ChildProcess = spawn(
    process.execPath,
    [
      '--import',
      TSX_LOADER,
      path.join(REPO_ROOT, 'src/cli/main.ts'),
      'serve',
      '--host',
      '127.0.0.1',
      '--port',
      '0',
      '--no-qr',
      ...args,
    ],
    { cwd: REPO_ROOT, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let output = '';
  return new Promise((resolve, reject) => {
    const failed = (why: string): void => reject(new Error(`ficbind serve did not start (${why}):\n${output}`));
    child.on('error', (error) => failed(error.message));
    child.on('exit', (code) => failed(`exit code ${code}`));
    const read = (chunk: Buffer): void => {
      output += chunk.toString('utf8');
      const origin = /http:\/\/127\.0\.0\.1:(\d+)\//.exec(output);
      if (!origin || !output.includes('Ctrl+C')) return;
      child.removeAllListeners('exit');
      resolve({
        origin: `http://127.0.0.1:${origin[1]}`,
        output: () => output,
        stop: () =>
          new Promise((done) => {
            child.once('exit', (code) => done(code));
            child.kill('SIGINT');
          }),
      });
    };
    child.stdout!.on('data', read);
    child.stderr!.on('data', read);
  });
}
