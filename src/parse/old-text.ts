import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { removeGutenbergFrame } from './gutenberg.js';
import type { HeaderField } from './header.js';
import type { SourceLine } from './lines.js';
import { readNewsPosts } from './news-post.js';

/** What an old text's wrapping says and what is left of it: a Gutenberg frame, or news posts. */
export interface OldTextReading {
  fields: HeaderField[];
  lines: SourceLine[];
  /** The part a posted part says it is, for ordering the files of one story. */
  part?: number;
  diagnostics: Diagnostic[];
}

/** A Project Gutenberg text without its frame, else posted parts without their news headers; other texts as they are. */
export function readOldText(lines: readonly SourceLine[], file: string): OldTextReading {
  const gutenberg = removeGutenbergFrame(lines, file);
  if (gutenberg.diagnostics.length > 0) return gutenberg;
  return readNewsPosts(lines, file);
}
