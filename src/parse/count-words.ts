import type { Block, Chapter, Story } from '../model/story.js';

const WORD = /[\p{L}\p{N}]+(?:['’][\p{L}\p{N}]+)*/gu;

/** Words of the story text (paragraphs and notes), as a reader's word count would give them. */
export function countWords(story: Story): number {
  return story.chapters.reduce((n, chapter) => n + countChapterWords(chapter), 0);
}

export function countChapterWords(chapter: Chapter): number {
  return chapter.blocks.reduce((n, block) => n + blockWords(block), 0);
}

function blockWords(block: Block): number {
  if (block.kind === 'scene-break') return 0;
  if (block.kind === 'note') return block.blocks.reduce((n, b) => n + blockWords(b), 0);
  let count = 0;
  for (const inline of block.inlines) count += inline.text.match(WORD)?.length ?? 0;
  return count;
}
