// Control characters are exactly what this must catch.
// eslint-disable-next-line no-control-regex
const FORBIDDEN = /[/\\:*?"<>|\u0000-\u001F\u007F]/g;
const WINDOWS_RESERVED = /^(?:con|prn|aux|nul|com[1-9]|lpt[1-9])$/i;

// Longest name kept: 100 UTF-16 units (the promise to readers of the file list) and 200 UTF-8
// bytes, so that ".epub", a cover's ".jpeg" and a suffix stay within the 255 bytes ext4 and APFS allow.
const MAX_UNITS = 100;
const MAX_BYTES = 200;

/**
 * A readable file name safe on every common file system: no path separators or characters
 * Windows refuses, no reserved device names, no leading dots, at most 100 characters (cut between
 * characters, never inside one). A `suffix` such as `(2)` is added after the cut, so it always survives.
 */
export function safeFileName(title: string, suffix = ''): string {
  const end = suffix === '' ? '' : ` ${truncate(clean(suffix), MAX_UNITS / 2, MAX_BYTES / 2)}`;
  let name = truncate(clean(title), MAX_UNITS - end.length, MAX_BYTES - utf8Length(end));
  if (name === '') name = 'Untitled';
  name += end;
  // Windows reserves the device name before any extension too (`nul.txt`): mark the name itself.
  if (WINDOWS_RESERVED.test(name.split('.')[0] as string)) name = name.replace(/^[^.]*/, '$& (book)');
  return name;
}

function clean(text: string): string {
  return text
    .normalize('NFC')
    .replace(FORBIDDEN, ' ')
    .replace(/\s+/g, ' ')
    .replace(/^[.\s]+|[.\s]+$/g, '');
}

/** Whole characters (code points) only, so an emoji is never cut in half; trailing dots and spaces go. */
function truncate(text: string, maxUnits: number, maxBytes: number): string {
  let out = '';
  let bytes = 0;
  for (const char of text) {
    if (out.length + char.length > maxUnits || bytes + utf8Length(char) > maxBytes) break;
    out += char;
    bytes += utf8Length(char);
  }
  return out.length < text.length ? out.replace(/[.\s]+$/, '') : out;
}

function utf8Length(text: string): number {
  return Buffer.byteLength(text, 'utf8');
}
