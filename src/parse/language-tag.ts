/**
 * A `Language:` value → a BCP 47 tag: a tag stays as written (`en`, `pt-BR`); a language's name,
 * in English or in itself (`English`, `Deutsch`, `Español`, as AO3 and FanFicFare write them),
 * becomes its two-letter code. Undefined when it is neither: a book's language must be a tag.
 */
export function languageTag(value: string): string | undefined {
  const text = value.trim();
  if (/^[a-z]{2,3}(?:-[a-z0-9]{2,8})*$/i.test(text) && isTag(text)) return text;
  return languageNames().get(text.toLowerCase());
}

function isTag(text: string): boolean {
  try {
    return Intl.getCanonicalLocales(text).length === 1;
  } catch {
    return false;
  }
}

/** Names archives give that ICU words otherwise (it calls `tl` "Filipino" and `id` "Indonesia" in itself). */
const OTHER_NAMES: ReadonlyArray<[string, string]> = [
  ['tagalog', 'tl'],
  ['bahasa indonesia', 'id'],
  ['bahasa malaysia', 'ms'],
  ['bahasa melayu', 'ms'],
];

let names: Map<string, string> | undefined;

/** Every two-letter language ICU names, by its English and its own name, lower-cased; made once. */
function languageNames(): Map<string, string> {
  if (names) return names;
  names = new Map(OTHER_NAMES);
  const english = new Intl.DisplayNames(['en'], { type: 'language', fallback: 'none' });
  for (let a = 97; a <= 122; a++) {
    for (let b = 97; b <= 122; b++) {
      const code = String.fromCharCode(a, b);
      const inEnglish = english.of(code);
      if (inEnglish === undefined || inEnglish === code) continue;
      const own = new Intl.DisplayNames([code], { type: 'language', fallback: 'none' }).of(code);
      for (const name of [inEnglish, own]) {
        if (name !== undefined && !names.has(name.toLowerCase())) names.set(name.toLowerCase(), code);
      }
    }
  }
  return names;
}
