import { SingleBar } from 'cli-progress';
import type { BuildEvent, WrittenBook } from '../build/build.js';
import { plural } from '../text/plural.js';

export type ProgressMode = 'bar' | 'lines' | 'quiet';

/** A bar on a terminal, plain lines elsewhere (logs, CI), nothing when asked to be quiet. */
export function progressMode(quiet: boolean, json: boolean, stream: NodeJS.WriteStream): ProgressMode {
  if (quiet || json) return 'quiet';
  return stream.isTTY ? 'bar' : 'lines';
}

export function bookLine(book: WrittenBook): string {
  return `${book.upToDate ? 'up to date' : 'wrote'} ${book.path} (${plural(book.stories.length, 'story', 'stories')}, ${plural(book.chapters, 'chapter')}, ${plural(book.words, 'word')})`;
}

/** Turns build events into what the user sees while the build runs. */
export function progressReporter(
  mode: ProgressMode,
  stream: NodeJS.WriteStream,
): { onEvent: (event: BuildEvent) => void; stop: () => void } {
  if (mode === 'quiet') return { onEvent: () => undefined, stop: () => undefined };
  if (mode === 'lines') {
    return {
      onEvent: (event) => {
        if (event.kind === 'book-done') stream.write(`${bookLine(event.book)}\n`);
      },
      stop: () => undefined,
    };
  }
  const bar = new SingleBar({
    stream,
    format: 'building {bar} {value}/{total} books | {duration_formatted} | {title}',
    hideCursor: true,
    clearOnComplete: true,
    barsize: 24,
  });
  let started = false;
  return {
    onEvent: (event) => {
      if (event.kind === 'planned') {
        bar.start(event.books, 0, { title: '' });
        started = true;
      } else if (event.kind === 'book-started') bar.update({ title: event.title.slice(0, 40) });
      else bar.increment();
    },
    stop: () => {
      if (started) bar.stop();
    },
  };
}
