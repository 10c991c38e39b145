import type { Inline } from '../model/story.js';
import { EM_CLOSE, EM_OPEN, stripEmphasisMarks } from './emphasis-marks.js';

const MARKERS = new Set(['*', '_']);
const SPACE_OR_PUNCTUATION = /[\s\p{P}]/u;
const SPACE_OR_MARKER = /[\s*_]/;

/**
 * Splits paragraph text into plain runs and emphasised runs: `*word*` or `_a few words_`. A marker
 * opens after a space or punctuation and before a non-space; it closes at the next same marker
 * when that one follows a non-space and precedes a space, punctuation or the end. Anything else
 * stays as text. One pass, linear in the length of the text, however many markers it holds.
 */
export function parseEmphasis(text: string): Inline[] {
  if (!text.includes(EM_OPEN) && !text.includes(EM_CLOSE)) return parseMarkers(text);
  return mergeRuns(parseExplicit(text));
}

/** A paragraph joined from source lines, for `parseParagraphEmphasis`. */
export interface JoinedLines {
  text: string;
  /** Offsets in `text` where the second and later source lines begin. */
  lineStarts: readonly number[];
  /** The lines are hard-wrapped prose, where a line end is no more than a space. */
  wrapped: boolean;
}

/** A `*` or `_` left as text because its emphasis is broken. */
export interface UnbalancedMarker {
  at: number;
  marker: string;
  /** The marker that would close it, past a line end: the span runs too far to be emphasis. */
  closeAt?: number;
}

// Wrapped prose may carry a short emphasised phrase over a line end (`_The Harbour\nGazette_`).
const MAX_WRAPPED_WORDS = 12;

/**
 * `parseEmphasis` for a paragraph made of several source lines, saying which markers it left as
 * text. A marker that opens and never closes is reported. A span running over a line end is
 * emphasis only when it is the whole paragraph, or a short phrase in hard-wrapped prose; else
 * (`_half` … `emphasis_` broken by an earlier conversion) it stays text and is reported, rather
 * than swallowing half a paragraph. Text holding explicit marks (HTML, Markdown) is balanced already.
 */
export function parseParagraphEmphasis(joined: JoinedLines): { inlines: Inline[]; unbalanced: UnbalancedMarker[] } {
  const { text } = joined;
  if (text.includes(EM_OPEN) || text.includes(EM_CLOSE)) return { inlines: parseEmphasis(text), unbalanced: [] };
  const unbalanced: UnbalancedMarker[] = [];
  const inlines = parseMarkers(text, (open, close) => {
    if (close === undefined) {
      unbalanced.push({ at: open, marker: text[open] as string });
      return false;
    }
    if (!crossesLineEnd(joined.lineStarts, open, close) || isWholeParagraph(text, open, close)) return true;
    if (joined.wrapped && wordCount(text.slice(open + 1, close)) <= MAX_WRAPPED_WORDS) return true;
    unbalanced.push({ at: open, marker: text[open] as string, closeAt: close });
    return false;
  });
  return { inlines, unbalanced };
}

/** Whether a line starts within (open, close]; `lineStarts` is sorted, and may be long. */
function crossesLineEnd(lineStarts: readonly number[], open: number, close: number): boolean {
  let low = 0;
  let high = lineStarts.length;
  while (low < high) {
    const mid = (low + high) >> 1;
    if ((lineStarts[mid] as number) <= open) low = mid + 1;
    else high = mid;
  }
  return low < lineStarts.length && (lineStarts[low] as number) <= close;
}

function isWholeParagraph(text: string, open: number, close: number): boolean {
  return /^[\s\p{P}]*$/u.test(text.slice(0, open)) && /^[\s\p{P}]*$/u.test(text.slice(close + 1));
}

function wordCount(text: string): number {
  return text.split(/\s+/).filter((w) => w !== '').length;
}

/**
 * Text holding explicit marks (from HTML or Markdown): what lies between an open and the next
 * close is emphasis wherever it stands; the text outside still takes `*x*`/`_x_`. An unpaired
 * mark is dropped, so no mark ever reaches a book.
 */
function parseExplicit(text: string): Inline[] {
  const inlines: Inline[] = [];
  let at = 0;
  while (at < text.length) {
    const open = text.indexOf(EM_OPEN, at);
    const close = open < 0 ? -1 : text.indexOf(EM_CLOSE, open + 1);
    if (open < 0 || close < 0) {
      inlines.push(...parseMarkers(stripEmphasisMarks(text.slice(at))));
      break;
    }
    if (open > at) inlines.push(...parseMarkers(stripEmphasisMarks(text.slice(at, open))));
    const inner = text.slice(open + 1, close);
    if (inner !== '') inlines.push({ kind: 'em', text: inner });
    at = close + 1;
  }
  return inlines;
}

/** Neighbouring runs of one kind become one (`<i>a</i><b>b</b>` is one emphasis). */
function mergeRuns(inlines: Inline[]): Inline[] {
  const merged: Inline[] = [];
  for (const inline of inlines) {
    const last = merged[merged.length - 1];
    if (inline.text === '') continue;
    if (last && last.kind === inline.kind) last.text += inline.text;
    else merged.push({ ...inline });
  }
  return merged;
}

/**
 * `accept` is asked about each marker that can open: with the position of its close, or without
 * one when none closes it; a span it refuses stays text.
 */
function parseMarkers(text: string, accept?: (open: number, close?: number) => boolean): Inline[] {
  // Most paragraphs have no marker at all: no scan character by character for them.
  if (!text.includes('*') && !text.includes('_')) return text === '' ? [] : [{ kind: 'text', text }];
  const nextSame = nextOccurrences(text);
  const inlines: Inline[] = [];
  let last = 0;
  for (let i = 0; i < text.length; i++) {
    const marker = text[i] as string;
    if (!MARKERS.has(marker) || !canOpen(text, i)) continue;
    const close = nextSame[i] as number;
    if (close < 0 || close === i + 1 || !canClose(text, close)) {
      accept?.(i);
      continue;
    }
    if (accept && !accept(i, close)) continue;
    if (i > last) inlines.push({ kind: 'text', text: text.slice(last, i) });
    inlines.push({ kind: 'em', text: text.slice(i + 1, close) });
    last = close + 1;
    i = close;
  }
  if (last < text.length) inlines.push({ kind: 'text', text: text.slice(last) });
  return inlines;
}

function canOpen(text: string, i: number): boolean {
  const before = text[i - 1];
  const after = text[i + 1];
  return (
    (before === undefined || SPACE_OR_PUNCTUATION.test(before)) && after !== undefined && !SPACE_OR_MARKER.test(after)
  );
}

function canClose(text: string, i: number): boolean {
  const before = text[i - 1];
  const after = text[i + 1];
  return (
    before !== undefined && !SPACE_OR_MARKER.test(before) && (after === undefined || SPACE_OR_PUNCTUATION.test(after))
  );
}

/** For each marker position, the position of the next same marker, or -1. */
function nextOccurrences(text: string): Int32Array {
  const next = new Int32Array(text.length).fill(-1);
  const seen: Record<string, number> = { '*': -1, _: -1 };
  for (let i = text.length - 1; i >= 0; i--) {
    const c = text[i] as string;
    if (!MARKERS.has(c)) continue;
    next[i] = seen[c] as number;
    seen[c] = i;
  }
  return next;
}
