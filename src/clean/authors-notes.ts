import { diagnostic, type Diagnostic } from '../diagnostics/diagnostic.js';
import type { NotesPlacement } from '../config/options.js';
import type { Block, Paragraph, Story } from '../model/story.js';

// `A/N:`, `AN -`, `Author's Note:`, `Authors' notes.`, `(A/N: …)`, `Note from the author:`.
const NOTE_START =
  /^\(?\s*(?:A\/N|A\.N\.|AN(?=\s*[:\-–—])|Author[’']?s?[’']?\s+Notes?|Notes?\s+from\s+the\s+author)\s*[:.\-–—)]/i;

/** True when a paragraph is an author's note rather than story text. */
export function isAuthorsNote(paragraphText: string): boolean {
  return NOTE_START.test(paragraphText.trimStart());
}

// A note at a chapter's edge often runs on for a few paragraphs up to the scene break that
// separates it from the story ("A/N: Thanks for reading! / Next chapter Friday. / ~ ~ ~").
const MAX_EDGE_NOTE_PARAGRAPHS = 4;

/**
 * Marks author's notes as `note` blocks, then places them. A note is a paragraph that opens like
 * one (`A/N:`); at the start or end of a chapter, the paragraphs between it and the nearest scene
 * break join it, when there are few of them. Dropped notes are reported with their text.
 */
export function placeAuthorsNotes(
  story: Story,
  placement: NotesPlacement,
): { story: Story; diagnostics: Diagnostic[] } {
  const diagnostics: Diagnostic[] = [];
  const chapters = story.chapters.map((chapter) => {
    const marked = markNotes(chapter.blocks);
    if (placement === 'keep') return { ...chapter, blocks: marked };
    const notes = marked.filter((b) => b.kind === 'note');
    const rest = marked.filter((b) => b.kind !== 'note');
    if (placement === 'end') return { ...chapter, blocks: [...trimBreaks(rest), ...notes] };
    for (const paragraph of notes.flatMap((note) => note.blocks)) {
      const text = paragraphText(paragraph);
      diagnostics.push(
        diagnostic('notes/dropped', chapter.file, `author's note left out: "${shorten(text)}"`, {
          line: paragraph.line,
          removed: text,
        }),
      );
    }
    return { ...chapter, blocks: trimBreaks(rest) };
  });
  return { story: { ...story, chapters }, diagnostics };
}

function markNotes(blocks: readonly Block[]): Block[] {
  const result: Block[] = [];
  for (let i = 0; i < blocks.length; i++) {
    const block = blocks[i] as Block;
    if (block.kind !== 'paragraph' || !isAuthorsNote(paragraphText(block))) {
      result.push(block);
      continue;
    }
    const end = edgeNoteEnd(blocks, i);
    const paragraphs = blocks.slice(i, end).filter((b): b is Paragraph => b.kind === 'paragraph');
    result.push({ kind: 'note', blocks: paragraphs, line: block.line });
    i = end - 1;
  }
  return result;
}

/** Index after the note that starts at `start`: up to the scene break (or chapter end) when the note stands at an edge. */
function edgeNoteEnd(blocks: readonly Block[], start: number): number {
  const atStart = blocks.slice(0, start).every((b) => b.kind === 'scene-break');
  const afterBreak = start > 0 && blocks[start - 1]?.kind === 'scene-break';
  let next = start + 1;
  while (next < blocks.length && blocks[next]?.kind === 'paragraph') next++;
  const runLength = next - start;
  if (runLength > MAX_EDGE_NOTE_PARAGRAPHS) return start + 1;
  if (atStart && next < blocks.length) return next; // opening note, up to the first scene break
  // Closing note, to the chapter's end. A chapter with no scene break at all is story after its
  // opening note: without a break, nothing says where the note ends, so it is one paragraph.
  if (afterBreak && next === blocks.length) return next;
  return start + 1;
}

/** Scene breaks left at a chapter's edge, or doubled, once notes are moved or dropped. */
function trimBreaks(blocks: readonly Block[]): Block[] {
  const result: Block[] = [];
  for (const block of blocks) {
    if (block.kind === 'scene-break' && (result.length === 0 || result.at(-1)?.kind === 'scene-break')) continue;
    result.push(block);
  }
  while (result.at(-1)?.kind === 'scene-break') result.pop();
  return result;
}

function paragraphText(paragraph: Paragraph): string {
  return paragraph.inlines.map((inline) => inline.text).join('');
}

function shorten(text: string): string {
  return text.length > 60 ? `${text.slice(0, 57)}…` : text;
}
