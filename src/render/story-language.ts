import type { Book } from '../model/book.js';
import type { Story } from '../model/story.js';

/**
 * The language a story's pages declare: its own `Language:` when that is a well-formed tag,
 * else the book's (a story that names none is taken to be in the book's language).
 */
export function storyLanguage(book: Book, story: Story): string {
  const own = story.meta.language?.trim();
  if (!own) return book.language;
  try {
    Intl.getCanonicalLocales(own);
    return own;
  } catch {
    return book.language;
  }
}

/** Language tags are case-insensitive (BCP 47): `en-us` is `en-US`. */
export function sameLanguage(a: string, b: string): boolean {
  return a.toLowerCase() === b.toLowerCase();
}

/** `lang` and `xml:lang` for an element whose language differs from its surroundings', else none. */
export function languageAttributes(language: string, surrounding: string): Record<string, string> {
  return sameLanguage(language, surrounding) ? {} : { lang: language, 'xml:lang': language };
}
