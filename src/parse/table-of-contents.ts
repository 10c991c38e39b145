import type { HeadingSpan } from './heading-spans.js';
import { isBlank, type SourceLine } from './lines.js';

/** A table of contents in a body: lines `start` up to `end`, a `Contents` line included. */
export interface ContentsList {
  start: number;
  end: number;
  entries: HeadingSpan[];
}

const CONTENTS_LABEL = /^(?:table of )?contents[.:]?$/i;
// Without a label, headings apart by blank lines must name at least three later ones to be a
// list: two empty chapters that happen to be repeated are too little to go on.
const MIN_APART = 3;

/**
 * Tables of contents among a body's headings: two or more headings with no text between them
 * under a `Contents` line, or naming (most of) the headings that follow later in the body: two
 * on consecutive lines, three apart by blank lines. They
 * are not chapters. A heading right after the list that the body does not repeat (`PART ONE`
 * before its first chapter) is a real one and stays a heading.
 */
export function findContents(lines: readonly SourceLine[], headings: readonly HeadingSpan[]): ContentsList[] {
  const lists: ContentsList[] = [];
  const lastStart = new Map(headings.map((h) => [h.heading.key, h.start]));
  for (const group of adjacentGroups(lines, headings)) {
    const last = group[group.length - 1] as HeadingSpan;
    const recurs = (h: HeadingSpan): boolean => (lastStart.get(h.heading.key) ?? -1) >= last.end;
    const label = labelBefore(lines, (group[0] as HeadingSpan).start);
    const recurring = group.filter(recurs).length;
    let entries = group;
    if (recurring > 0) {
      const lastRecurring = group.findLastIndex(recurs);
      entries = group.slice(0, lastRecurring + 1);
    }
    // Entries on consecutive lines are written as a list; entries apart need more to go on.
    const written = entries.every((h, i) => i === 0 || h.start === (entries[i - 1] as HeadingSpan).end);
    const needed = written ? 2 : MIN_APART;
    const isList =
      entries.length >= 2 && (label !== undefined || (recurring >= needed && recurring * 2 >= entries.length));
    if (!isList) continue;
    lists.push({
      start: label ?? (entries[0] as HeadingSpan).start,
      end: (entries[entries.length - 1] as HeadingSpan).end,
      entries,
    });
  }
  return lists;
}

/**
 * Runs of headings with only blank lines between them. A run ends where a heading repeats one
 * already in it (the real first chapter after a list of all of them) and at a marked heading.
 */
function adjacentGroups(lines: readonly SourceLine[], headings: readonly HeadingSpan[]): HeadingSpan[][] {
  const groups: HeadingSpan[][] = [];
  let group: HeadingSpan[] = [];
  let keys = new Set<string>();
  for (const heading of headings) {
    const previous = group[group.length - 1];
    const adjacent = previous !== undefined && lines.slice(previous.end, heading.start).every((l) => isBlank(l));
    if (!adjacent || keys.has(heading.heading.key) || heading.marked) {
      groups.push(group);
      group = [];
      keys = new Set();
    }
    if (heading.marked) continue;
    group.push(heading);
    keys.add(heading.heading.key);
  }
  groups.push(group);
  return groups.filter((g) => g.length >= 2);
}

/** The index of a `Contents` line standing alone just before `index` (blank lines between), if any. */
function labelBefore(lines: readonly SourceLine[], index: number): number | undefined {
  let at = index - 1;
  while (at >= 0 && isBlank(lines[at])) at--;
  const standsAlone = at >= 0 && isBlank(lines[at - 1]);
  return standsAlone && CONTENTS_LABEL.test((lines[at] as SourceLine).text.trim()) ? at : undefined;
}
