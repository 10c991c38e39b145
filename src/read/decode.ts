import { analyse } from 'chardet';
import iconv from 'iconv-lite';
import { diagnostic, type Diagnostic } from '../diagnostics/diagnostic.js';

export interface DecodedText {
  text: string;
  /** The encoding the bytes were read as, lower case: `utf-8`, `utf-16le`, `windows-1252`, `koi8-r`… */
  encoding: string;
  diagnostics: Diagnostic[];
}

// Characters XML 1.0 forbids (C0 controls but tab/LF/CR, lone surrogates, U+FFFE/U+FFFF).
const XML_ILLEGAL =
  // eslint-disable-next-line no-control-regex
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/**
 * Bytes → text. In order: a byte-order mark; UTF-16 without one (told by its NUL bytes); UTF-8
 * when the bytes are UTF-8, whatever the file declares (a few broken sequences in an otherwise
 * UTF-8 file are replaced and reported rather than turning the whole file into mojibake); the
 * charset the file declares, when the bytes read cleanly in it; the detector's guess; Windows-1252
 * as the default old saved pages need. Line endings become LF, text NFC.
 */
export function decodeText(bytes: Uint8Array, file: string): DecodedText {
  const decoded = decodeBytes(bytes, file);
  const text = decoded.text.replace(/\r\n?/g, '\n').normalize('NFC');
  const damaged = UNICODE_ENCODINGS.has(decoded.encoding) ? replacementCharacters(text, file) : [];
  const legal = dropXmlIllegal(text, file);
  return {
    text: legal.text,
    encoding: decoded.encoding,
    diagnostics: [...decoded.diagnostics, ...damaged, ...legal.diagnostics],
  };
}

const UNICODE_ENCODINGS = new Set(['utf-8', 'utf-16le', 'utf-16be']);

function decodeBytes(bytes: Uint8Array, file: string): DecodedText {
  const hasBom = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
  if (!hasBom) {
    if (bytes[0] === 0xff && bytes[1] === 0xfe)
      return { text: new TextDecoder('utf-16le').decode(bytes.subarray(2)), encoding: 'utf-16le', diagnostics: [] };
    if (bytes[0] === 0xfe && bytes[1] === 0xff)
      return { text: new TextDecoder('utf-16be').decode(bytes.subarray(2)), encoding: 'utf-16be', diagnostics: [] };
    const utf16 = utf16WithoutBom(bytes);
    if (utf16) return { text: new TextDecoder(utf16).decode(bytes), encoding: utf16, diagnostics: [] };
  }

  const declared = findDeclaredCharset(bytes);
  const asUtf8 = new TextDecoder('utf-8').decode(hasBom ? bytes.subarray(3) : bytes);
  if (hasBom || !asUtf8.includes('\uFFFD') || mostlyUtf8(asUtf8, bytes)) {
    const misdeclared = declared && canonicalCharset(declared.label) !== 'utf-8' && bytes.some((b) => b > 0x7f);
    return {
      text: asUtf8,
      encoding: 'utf-8',
      diagnostics: misdeclared ? [ignoredDeclaration(file, declared, 'but the text is UTF-8; read as UTF-8')] : [],
    };
  }

  const diagnostics: Diagnostic[] = [];
  if (declared) {
    const encoding = withWindowsSuperset(canonicalCharset(declared.label), bytes);
    const reading =
      UNICODE_ENCODINGS.has(encoding) || !iconv.encodingExists(encoding) ? undefined : readsCleanly(bytes, encoding);
    if (reading !== undefined) return { text: reading, encoding, diagnostics: [] };
    const why = iconv.encodingExists(encoding)
      ? `but the text is not ${displayName(encoding)}`
      : 'an encoding ficbind does not know';
    diagnostics.push(ignoredDeclaration(file, declared, `${why}; the encoding is detected instead`));
  }
  const encoding = detectLegacyEncoding(bytes);
  const evidence = encoding === 'macintosh' ? macRomanEvidence(bytes) : undefined;
  const why = evidence
    ? ` (${evidence.mac} quote, dash and letter bytes stand where Mac Roman puts them, ${evidence.windows} where Windows-1252 does)`
    : '';
  diagnostics.push(diagnostic('encoding/fallback', file, `not valid UTF-8; read as ${displayName(encoding)}${why}`));
  const legacy = decodeLegacy(bytes, encoding, file);
  return { text: legacy.text, encoding, diagnostics: [...diagnostics, ...legacy.diagnostics] };
}

function ignoredDeclaration(file: string, declared: DeclaredCharset, why: string): Diagnostic {
  return diagnostic(
    'encoding/declaration-ignored',
    file,
    `the file declares its encoding as "${declared.label}", ${why}`,
    { line: declared.line },
  );
}

// --- Declared charsets -----------------------------------------------------------------------

interface DeclaredCharset {
  label: string;
  line: number;
}

// `<meta charset="…">` and `<meta http-equiv="Content-Type" content="text/html; charset=…">`.
const META_CHARSET = /<meta\b[^>]*?\bcharset\s*=\s*["']?\s*([\w.:-]+)/i;
// Project Gutenberg's header line, e.g. `Character set encoding: ISO-8859-1`.
const GUTENBERG_CHARSET = /^[ \t]*Character set encoding:[ \t]*([^\r\n]+)/im;

/** The charset a saved HTML page (in its first 2 KB) or a Project Gutenberg header declares. */
function findDeclaredCharset(bytes: Uint8Array): DeclaredCharset | undefined {
  const head = latin1(bytes.subarray(0, 8192));
  const meta = META_CHARSET.exec(head.slice(0, 2048));
  if (meta) return { label: meta[1] as string, line: lineAt(head, meta.index) };
  const gutenberg = GUTENBERG_CHARSET.exec(head);
  if (!gutenberg) return undefined;
  return {
    label: gutenbergLabel((gutenberg[1] as string).trim()),
    line: lineAt(head, gutenberg.index + gutenberg[0].search(/\S/)),
  };
}

/** `ISO Latin-1`, `Unicode UTF-8`, `ISO-646-US (US-ASCII)`: the whole value or its first known word. */
function gutenbergLabel(value: string): string {
  const candidates = [value, ...value.split(/[\s(),;]+/)];
  return candidates.find((label) => label !== '' && iconv.encodingExists(label)) ?? value;
}

function latin1(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1');
}

/** 1-based line of `index`, counting CRLF, CR and LF as one line ending each. */
function lineAt(text: string, index: number): number {
  return (text.slice(0, index).match(/\r\n?|\n/g)?.length ?? 0) + 1;
}

// Labels of the same charset, compared without case or punctuation (as iconv-lite does).
const LABEL_FAMILIES: ReadonlyArray<[string, readonly string[]]> = [
  ['utf-8', ['utf8', 'unicode11utf8', 'unicode20utf8', 'xunicode20utf8']],
  // A page cannot declare UTF-16 in ASCII bytes; browsers read such a page as UTF-8.
  [
    'utf-8',
    ['utf16', 'utf16le', 'utf16be', 'ucs2', 'unicode', 'csunicode', 'iso10646ucs2', 'unicodefeff', 'unicodefffe'],
  ],
  [
    'iso-8859-1',
    [
      'iso88591',
      'latin1',
      'l1',
      'isoir100',
      'iso885911987',
      'csisolatin1',
      'cp819',
      'ibm819',
      'ascii',
      'usascii',
      'iso646us',
      'ansix341968',
    ],
  ],
  ['iso-8859-9', ['iso88599', 'latin5', 'l5', 'isoir148', 'iso885991989', 'csisolatin5']],
  ['iso-8859-11', ['iso885911', 'tis620']],
  ['windows-1252', ['windows1252', 'cp1252', 'xcp1252']],
];

/** A charset label as one lower-case name per charset: `Latin-1`, `US-ASCII` → `iso-8859-1`. */
function canonicalCharset(label: string): string {
  const bare = label.toLowerCase().replace(/[^0-9a-z]/g, '');
  return LABEL_FAMILIES.find(([, labels]) => labels.includes(bare))?.[0] ?? label.toLowerCase();
}

// ISO tables browsers read as their Windows supersets (WHATWG Encoding): the same letters, plus
// the quotes, dashes and ellipsis Windows puts at 0x80–0x9F where ISO has unused controls.
const WINDOWS_SUPERSETS: Readonly<Record<string, string>> = {
  'iso-8859-1': 'windows-1252',
  'iso-8859-9': 'windows-1254',
  'iso-8859-11': 'windows-874',
};

function withWindowsSuperset(encoding: string, bytes: Uint8Array): string {
  const superset = WINDOWS_SUPERSETS[encoding];
  return superset !== undefined && bytes.some((b) => b >= 0x80 && b <= 0x9f) ? superset : encoding;
}

// --- Detection -------------------------------------------------------------------------------

// Below this chardet is guessing (its multi-byte recognisers answer 10 for almost anything).
const MIN_CONFIDENCE = 20;
const DETECTION_SAMPLE = 65536;

/**
 * The legacy encoding of bytes that are not UTF-8: chardet's best answer that iconv-lite can read
 * and that reads without undefined bytes; Windows-1252 when it has none, or when its answer reads
 * the same as Windows-1252 (plain Latin text keeps the default).
 */
function detectLegacyEncoding(bytes: Uint8Array): string {
  const detected = chardetEncoding(bytes);
  // chardet takes Mac Roman for a Latin code page; where it says one, the bytes' places decide.
  if (detected !== 'windows-1252' && detected !== 'iso-8859-1') return detected;
  const evidence = macRomanEvidence(bytes);
  return evidence.mac > evidence.windows ? 'macintosh' : detected;
}

function chardetEncoding(bytes: Uint8Array): string {
  const fallback = 'windows-1252';
  for (const match of analyse(bytes.subarray(0, DETECTION_SAMPLE))) {
    if (match.confidence < MIN_CONFIDENCE) break;
    const encoding = withWindowsSuperset(canonicalCharset(match.name), bytes);
    if (UNICODE_ENCODINGS.has(encoding) || !iconv.encodingExists(encoding)) continue;
    if (encoding === fallback || encoding === 'iso-8859-1') return encoding;
    const reading = readsCleanly(bytes, encoding);
    if (reading === undefined) continue;
    return reading === iconvDecode(bytes, fallback) ? fallback : encoding;
  }
  return fallback;
}

// --- Mac Roman or Windows-1252 -----------------------------------------------------------------

const isLetter = (b: number | undefined): boolean =>
  b !== undefined && ((b >= 0x41 && b <= 0x5a) || (b >= 0x61 && b <= 0x7a));
const isLower = (b: number | undefined): boolean => b !== undefined && b >= 0x61 && b <= 0x7a;
const isSpace = (b: number | undefined): boolean =>
  b === undefined || b === 0x20 || b === 0x0a || b === 0x0d || b === 0x09;
const isStop = (b: number | undefined): boolean => b !== undefined && ',.!?;:'.includes(String.fromCharCode(b));

/**
 * Classic Mac OS saved text in Mac Roman, which chardet takes for Windows-1252. The two put their
 * quotes, dashes and ellipsis on different bytes, so each byte is read where it stands: Mac
 * Roman's ’ (0xD5) between letters, “ (0xD2) before a word, ” (0xD3) after one, … (0xC9), – —
 * (0xD0 0xD1) between spaces, é è (0x8E 0x8F) inside a word, against Windows-1252's ’ (0x92),
 * “ ” (0x93 0x94), … (0x85), – — (0x96 0x97) and é è à ç (0xE9 0xE8 0xE0 0xE7) in the same
 * places: the counts of each, for Mac Roman to win. Its undefined bytes decide nothing (Shift_JIS
 * lead bytes are there too).
 */
function macRomanEvidence(bytes: Uint8Array): { mac: number; windows: number } {
  let mac = 0;
  let windows = 0;
  const sample = bytes.subarray(0, DETECTION_SAMPLE);
  for (let i = 0; i < sample.length; i++) {
    const b = sample[i] as number;
    if (b < 0x80) continue;
    const before = sample[i - 1];
    const after = sample[i + 1];
    const inWord = isLetter(before) && isLetter(after);
    const opens = isSpace(before) && isLetter(after);
    const closes = (isLower(before) || isStop(before)) && (isSpace(after) || isStop(after));
    const alone = isSpace(before) && isSpace(after);
    if (
      (b === 0xd5 && inWord) ||
      (b === 0xd2 && opens) ||
      (b === 0xd3 && closes) ||
      (b === 0xc9 && (isLower(before) || isStop(before))) ||
      ((b === 0xd0 || b === 0xd1) && alone) ||
      ((b === 0x8e || b === 0x8f) && isLower(before))
    )
      mac++;
    if (
      (b === 0x92 && inWord) ||
      (b === 0x93 && opens) ||
      (b === 0x94 && closes) ||
      (b === 0x85 && (isLower(before) || isStop(before))) ||
      ((b === 0x96 || b === 0x97) && alone) ||
      ([0xe9, 0xe8, 0xe0, 0xe7].includes(b) && isLower(before))
    )
      windows++;
  }
  return { mac, windows };
}

/** The text, when every byte means a character in `encoding` (no undefined byte, no C1 control). */
function readsCleanly(bytes: Uint8Array, encoding: string): string | undefined {
  const text = iconvDecode(bytes, encoding);
  return /[\uFFFD\u0080-\u009F]/.test(text) ? undefined : text;
}

function iconvDecode(bytes: Uint8Array, encoding: string): string {
  return iconv.decode(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), encoding);
}

/** `windows-1252` → `Windows-1252`, `koi8-r` → `KOI8-R`, for messages. */
function displayName(encoding: string): string {
  if (encoding === 'macintosh') return 'Mac Roman';
  return encoding.startsWith('windows-') ? `W${encoding.slice(1)}` : encoding.toUpperCase();
}

// --- UTF-8 and UTF-16 ------------------------------------------------------------------------

const SNIFF_SAMPLE = 8192;

/**
 * UTF-16 saved without a byte-order mark: the NUL high bytes of ASCII characters (spaces, line
 * ends, punctuation, Latin letters) fall on one side of every byte pair and almost never on the
 * other, and the sample reads as text (no lone surrogates, hardly any control characters).
 */
function utf16WithoutBom(bytes: Uint8Array): 'utf-16le' | 'utf-16be' | undefined {
  const sample = bytes.subarray(0, Math.min(bytes.length, SNIFF_SAMPLE) & ~1);
  const pairs = sample.length / 2;
  if (pairs < 4) return undefined; // too short to tell from a few bytes with a stray NUL
  let evenNul = 0;
  let oddNul = 0;
  for (let i = 0; i < sample.length; i += 2) {
    if (sample[i] === 0) evenNul++;
    if (sample[i + 1] === 0) oddNul++;
  }
  const few = Math.max(1, pairs / 50);
  const encoding =
    oddNul >= pairs / 10 && evenNul <= few
      ? 'utf-16le'
      : evenNul >= pairs / 10 && oddNul <= few
        ? 'utf-16be'
        : undefined;
  if (encoding === undefined) return undefined;
  // A character cut in half at the end of the sample is not a fault of the file.
  const text = new TextDecoder(encoding).decode(sample).replace(/[\uD800-\uDBFF\uFFFD]$/, '');
  // eslint-disable-next-line no-control-regex
  const odd = text.match(/[\u0000-\u0008\u000E-\u001F\uFFFD]/g)?.length ?? 0;
  return odd <= Math.max(1, text.length / 100) ? encoding : undefined;
}

/** More well-formed multi-byte UTF-8 characters than broken sequences: a UTF-8 file with damage. */
function mostlyUtf8(decoded: string, bytes: Uint8Array): boolean {
  const broken = decoded.split('\uFFFD').length - 1 - countOriginalReplacements(bytes);
  let multiByte = 0;
  for (const char of decoded) if (char.codePointAt(0)! > 0x7f && char !== '\uFFFD') multiByte++;
  return multiByte > broken;
}

/** U+FFFD written as bytes EF BF BD in the file itself. */
function countOriginalReplacements(bytes: Uint8Array): number {
  let count = 0;
  for (let i = bytes.indexOf(0xef); i >= 0 && i < bytes.length - 2; i = bytes.indexOf(0xef, i + 1)) {
    if (bytes[i + 1] === 0xbf && bytes[i + 2] === 0xbd) count++;
  }
  return count;
}

/** Replacement characters mean text was damaged before ficbind saw it: say where. */
function replacementCharacters(text: string, file: string): Diagnostic[] {
  if (!text.includes('\uFFFD')) return [];
  return text.split('\n').flatMap((lineText, index) => {
    const count = lineText.split('\uFFFD').length - 1;
    if (count === 0) return [];
    return [
      diagnostic(
        'encoding/replacement-character',
        file,
        `${count} character(s) here are unreadable (U+FFFD "�"): broken bytes in the file, or damage from an earlier conversion`,
        { line: index + 1 },
      ),
    ];
  });
}

/** Removes every match of `pattern` (global), calling `report` once per line that had any. */
function removePerLine(
  text: string,
  pattern: RegExp,
  report: (found: string[], line: number) => Diagnostic,
): { text: string; diagnostics: Diagnostic[] } {
  const diagnostics: Diagnostic[] = [];
  const kept = text.split('\n').map((lineText, index) => {
    const found = lineText.match(pattern);
    if (!found) return lineText;
    diagnostics.push(report(found, index + 1));
    return lineText.replace(pattern, '');
  });
  return { text: kept.join('\n'), diagnostics };
}

/** Removes characters no XML document may hold, one diagnostic per line that had any. */
function dropXmlIllegal(text: string, file: string): { text: string; diagnostics: Diagnostic[] } {
  XML_ILLEGAL.lastIndex = 0;
  if (!XML_ILLEGAL.test(text)) return { text, diagnostics: [] };
  return removePerLine(text, XML_ILLEGAL, (found, line) => {
    const codes = [...new Set(found.map((c) => `U+${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`))];
    return diagnostic(
      'encoding/illegal-character',
      file,
      `removed ${found.length} character(s) XML cannot hold (${codes.join(', ')})`,
      { line },
    );
  });
}

/**
 * Legacy encodings through iconv-lite: Node's own TextDecoder reads 'windows-1252' as Latin-1
 * since 20.18.3 (nodejs/node#56542), which turns curly quotes into invisible controls. Bytes the
 * code page leaves undefined (five in Windows-1252) come back as U+FFFD; they carry no text, so
 * they are removed and reported rather than left as replacement characters in the book.
 */
function decodeLegacy(bytes: Uint8Array, encoding: string, file: string): { text: string; diagnostics: Diagnostic[] } {
  const text = iconvDecode(bytes, encoding).replace(/\r\n?/g, '\n');
  if (!text.includes('\uFFFD')) return { text, diagnostics: [] };
  return removePerLine(text, /\uFFFD/g, (found, line) =>
    diagnostic(
      'encoding/undefined-byte',
      file,
      `removed ${found.length} byte(s) that mean nothing in ${displayName(encoding)}`,
      { line },
    ),
  );
}

// Signatures of files people save or rename by mistake: images, PDF, zip (and EPUB, DOCX), gzip.
const BINARY_SIGNATURES = [
  [0x89, 0x50, 0x4e, 0x47],
  [0xff, 0xd8, 0xff],
  [0x47, 0x49, 0x46, 0x38],
  [0x25, 0x50, 0x44, 0x46],
  [0x50, 0x4b, 0x03, 0x04],
  [0x1f, 0x8b],
];

/**
 * True when the bytes are a binary file rather than text: a known binary signature, or more than
 * a few NUL bytes at the start (a stray NUL in a text is dropped later, with a warning) that are
 * not the NUL half of UTF-16 characters.
 */
export function looksBinary(bytes: Uint8Array): boolean {
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) return false;
  if (BINARY_SIGNATURES.some((signature) => signature.every((byte, i) => bytes[i] === byte))) return true;
  const sample = bytes.subarray(0, SNIFF_SAMPLE);
  let nul = 0;
  for (const byte of sample) if (byte === 0) nul++;
  return nul > Math.max(2, sample.length / 100) && utf16WithoutBom(bytes) === undefined;
}
