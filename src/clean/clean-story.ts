import type { BuildOptions } from '../config/options.js';
import type { Diagnostic } from '../model/diagnostic.js';
import type { Story } from '../model/story.js';
import { placeAuthorsNotes } from './authors-notes.js';
import { typesetStory } from './typeset-story.js';

/** The story-wide clean transforms: author's notes placed, then typography. */
export function cleanStory(
  story: Story,
  options: Pick<BuildOptions, 'notes' | 'typography'>,
): { story: Story; diagnostics: Diagnostic[] } {
  const notes = placeAuthorsNotes(story, options.notes);
  return { story: options.typography ? typesetStory(notes.story) : notes.story, diagnostics: notes.diagnostics };
}
