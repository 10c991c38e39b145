import { watch as watchFolder, type FSWatcher } from 'node:fs';

// Editors save in bursts (write, rename, touch): wait for the folder to settle before rebuilding.
const SETTLE_MS = 300;

/**
 * Runs `rebuild` whenever something changes under the folders, one rebuild at a time (a change
 * during a rebuild queues one more). Resolves when the process is interrupted. The cache makes
 * each rebuild touch only the books whose inputs changed.
 */
export async function watch(
  folders: readonly string[],
  rebuild: () => Promise<unknown>,
  log: (line: string) => void,
): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<unknown> | undefined;
  let again = false;
  const run = (): void => {
    if (running) {
      again = true;
      return;
    }
    running = rebuild()
      .catch((error: Error) => log(`ficbind: rebuild failed: ${error.message}`))
      .finally(() => {
        running = undefined;
        if (again) {
          again = false;
          run();
        }
      });
  };
  const watchers: FSWatcher[] = [];
  for (const folder of folders) {
    try {
      watchers.push(
        watchFolder(folder, { recursive: true }, () => {
          clearTimeout(timer);
          timer = setTimeout(run, SETTLE_MS);
        }),
      );
    } catch {
      // A covers folder that does not exist has nothing to watch.
    }
  }
  log(`watching ${folders.join(' and ')} for changes (Ctrl+C to stop)`);
  await new Promise<void>((resolve) => {
    const stop = (): void => {
      for (const watcher of watchers) watcher.close();
      clearTimeout(timer);
      resolve();
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
}
