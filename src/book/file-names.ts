// Control characters are exactly what this must catch.
// eslint-disable-next-line no-control-regex
const FORBIDDEN = /[/\\:*?"<>|\u0000-\u001F\u007F]/g;
const WINDOWS_RESERVED = /^(?:con|prn|aux|nul|com[1-9]|lpt[1-9])$/i;

/**
 * A readable file name safe on every common file system: no path separators or characters
 * Windows refuses, no reserved device names, no leading dots, at most 100 characters.
 */
export function safeFileName(title: string): string {
  let name = title.normalize('NFC').replace(FORBIDDEN, ' ').replace(/\s+/g, ' ').trim();
  name = name.replace(/^[.\s]+|[.\s]+$/g, '');
  if (name.length > 100) name = name.slice(0, 100).trim();
  if (name === '') name = 'Untitled';
  if (WINDOWS_RESERVED.test(name.split('.')[0] as string)) name = `${name} (book)`;
  return name;
}

/** Lower-case ASCII-ish key for matching names: `It's Not Like…` → `its-not-like`. */
export function slug(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/['’]/g, '')
    .replace(/[^\p{L}\p{N}]+/gu, '-')
    .replace(/^-+|-+$/g, '');
}
