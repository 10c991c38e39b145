import { diagnostic, type Diagnostic } from '../diagnostics.js';
import { KNOWN_KEYS, type HeaderField } from './header.js';
import type { StoryMeta } from './model.js';
import { findSeriesInText, parseSeriesField } from './series.js';

type TextField = 'title' | 'author' | 'disclaimer' | 'pairing' | 'rating' | 'timeline' | 'summary' | 'category' | 'warnings' | 'language';
// Fields that hold one value: a second one is kept as extra metadata rather than merged.
const SINGLE_VALUED = new Set(['title', 'author', 'language', 'series']);

/** Header fields → story metadata. Nothing is dropped: repeats and unknown keys go to `extra`. */
export function metadataFromHeader(
  fields: readonly HeaderField[],
  fallbackTitle: string,
  file: string,
): { meta: StoryMeta; diagnostics: Diagnostic[] } {
  const diagnostics: Diagnostic[] = [];
  const meta: StoryMeta = { title: '', author: '', extra: [] };
  let seriesValue: string | undefined;
  for (const field of fields) {
    const target = KNOWN_KEYS[field.key.toLowerCase()];
    if (field.value === '') continue;
    if (target === undefined) {
      meta.extra.push({ key: field.key, value: field.value });
      continue;
    }
    if (target === 'series') {
      if (seriesValue === undefined) seriesValue = field.value;
      else meta.extra.push({ key: field.key, value: field.value });
      continue;
    }
    const key = target as TextField;
    const existing = meta[key];
    if (!existing) {
      meta[key] = field.value;
    } else if (SINGLE_VALUED.has(key)) {
      meta.extra.push({ key: field.key, value: field.value });
      diagnostics.push(
        diagnostic('info', 'header/repeated', file, `a second "${field.key}" field; the first is used and this one is shown as extra information`, { line: field.line }),
      );
    } else {
      meta[key] = `${existing} ${field.value}`;
    }
  }
  if (!meta.title) meta.title = fallbackTitle;
  if (!meta.author) meta.author = 'Unknown';
  const fromField = seriesValue === undefined ? undefined : parseSeriesField(seriesValue);
  const fromSummary = meta.summary ? findSeriesInText(meta.summary) : undefined;
  if (fromField) {
    meta.series = { ...fromField };
    if (meta.series.part === undefined && fromSummary?.part !== undefined) meta.series.part = fromSummary.part;
  } else if (fromSummary) {
    meta.series = fromSummary;
  }
  return { meta, diagnostics };
}
