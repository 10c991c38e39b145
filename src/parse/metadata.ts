import { decodeValueReferences } from '../text/character-references.js';
import { diagnostic, type Diagnostic } from '../diagnostics/diagnostic.js';
import { KNOWN_KEYS, type HeaderField } from './header.js';
import type { StoryMeta } from '../model/story.js';
import { toIsoDate } from './published-date.js';
import { findSeriesInText, parseSeriesField } from './series.js';
import { storyUrl } from './story-address.js';
import { languageTag } from './language-tag.js';

type TextField =
  | 'title'
  | 'author'
  | 'disclaimer'
  | 'pairing'
  | 'rating'
  | 'timeline'
  | 'summary'
  | 'category'
  | 'warnings'
  | 'language';
// Fields that hold one value: a second one is kept as extra metadata rather than merged.
const SINGLE_VALUED = new Set(['title', 'author', 'language', 'series']);
// Read inside a header, but not known keys that may start one: "Date: …" opens many a diary entry.
const INSIDE_HEADER_KEYS: Readonly<Record<string, string>> = { date: 'published' };

/** Header fields → story metadata. Nothing is dropped: repeats and unknown keys go to `extra`. */
export function metadataFromHeader(
  fields: readonly HeaderField[],
  fallbackTitle: string,
  file: string,
): { meta: StoryMeta; diagnostics: Diagnostic[] } {
  const diagnostics: Diagnostic[] = [];
  const meta: StoryMeta = { title: '', author: '', extra: [] };
  let seriesValue: string | undefined;
  let published: HeaderField | undefined;
  const tagValues: string[] = [];
  const lists: Partial<Record<'fandoms' | 'relationships' | 'characters', string[]>> = {};
  for (const header of fields) {
    const field = { ...header, value: decodeValueReferences(header.value) };
    const target = KNOWN_KEYS[field.key.toLowerCase()] ?? INSIDE_HEADER_KEYS[field.key.toLowerCase()];
    if (field.value === '') continue;
    // Tags and dates stay on the title page as written; they are also read for subjects and order.
    if (target === undefined || target === 'tags' || target === 'published') {
      meta.extra.push({ key: field.key, value: field.value });
      if (target === 'tags') tagValues.push(field.value);
      if (target === 'published') published ??= field;
      continue;
    }
    if (target === 'url') {
      // One address per story; anything else said under "Source:" stays on the title page as written.
      const url = storyUrl(field.value);
      if (url !== undefined && meta.url === undefined) meta.url = url;
      else if (url !== meta.url) meta.extra.push({ key: field.key, value: field.value });
      continue;
    }
    if (target === 'fandoms' || target === 'relationships' || target === 'characters') {
      (lists[target] ??= []).push(field.value);
      continue;
    }
    if (target === 'language' && meta.language === undefined) {
      // A name (`English`) becomes its tag; a value that is neither stays on the title page.
      const tag = languageTag(field.value);
      if (tag) meta.language = tag;
      else meta.extra.push({ key: field.key, value: field.value });
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
        diagnostic(
          'header/repeated',
          field.file ?? file,
          `a second "${field.key}" field; the first is used and this one is shown as extra information`,
          { line: field.line },
        ),
      );
    } else {
      meta[key] = `${existing} ${field.value}`;
    }
  }
  if (meta.category) tagValues.unshift(meta.category);
  const tags = splitTags(tagValues);
  if (tags.length > 0) meta.tags = tags;
  for (const [key, values] of Object.entries(lists)) meta[key as keyof typeof lists] = splitTags(values);
  if (published) {
    const date = toIsoDate(published.value);
    if (date) meta.published = date;
    else {
      diagnostics.push(
        diagnostic(
          'header/date',
          published.file ?? file,
          `"${published.key}: ${published.value}" is not a date ficbind reads; it is shown as written but does not order the series`,
          { line: published.line },
        ),
      );
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

/** `sea, winter; Found Family` → one tag each, the first spelling of a repeated tag kept. */
/** The tags of one field's value, as written: `Winter, Letters; slow burn` → three. */
export function tagsIn(value: string): string[] {
  return value
    .split(/[,;]/)
    .map((t) => t.replace(/\s+/g, ' ').trim())
    .filter((t) => t !== '');
}

function splitTags(values: readonly string[]): string[] {
  const seen = new Set<string>();
  const tags: string[] = [];
  for (const tag of values.flatMap(tagsIn)) {
    if (seen.has(tag.toLowerCase())) continue;
    seen.add(tag.toLowerCase());
    tags.push(tag);
  }
  return tags;
}
