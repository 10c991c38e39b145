import { spawn } from 'node:child_process';
import path from 'node:path';
import { REPO_ROOT } from './build.js';

export interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

// Resolved here, not by the child: the child may run in a folder with no node_modules.
const TSX_LOADER = import.meta.resolve('tsx');

/** Runs the ficbind CLI from source, as a user would run the installed command. */
export function runCli(
  args: string[],
  options: { cwd?: string; env?: NodeJS.ProcessEnv; nodeArgs?: string[] } = {},
): Promise<CliRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      [...(options.nodeArgs ?? []), '--import', TSX_LOADER, path.join(REPO_ROOT, 'src/cli/main.ts'), ...args],
      {
        cwd: options.cwd ?? REPO_ROOT,
        env: { ...process.env, ...options.env },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}
