import iconv from 'iconv-lite';
import { diagnostic, type Diagnostic } from '../diagnostics.js';

export interface DecodedText {
  text: string;
  encoding: 'utf-8' | 'utf-16le' | 'utf-16be' | 'windows-1252';
  diagnostics: Diagnostic[];
}

// Characters XML 1.0 forbids (C0 controls but tab/LF/CR, lone surrogates, U+FFFE/U+FFFF).
// eslint-disable-next-line no-control-regex
const XML_ILLEGAL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/**
 * Bytes → text: BOM-aware; UTF-8 when the bytes are UTF-8 (a few broken sequences in an otherwise
 * UTF-8 file are replaced and reported rather than turning the whole file into mojibake);
 * Windows-1252 as the fallback old saved pages need. Line endings become LF, text NFC.
 */
export function decodeText(bytes: Uint8Array, file: string): DecodedText {
  const diagnostics: Diagnostic[] = [];
  let encoding: DecodedText['encoding'];
  let text: string;
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
    encoding = 'utf-8';
    text = new TextDecoder('utf-8').decode(bytes.subarray(3));
  } else if (bytes[0] === 0xff && bytes[1] === 0xfe) {
    encoding = 'utf-16le';
    text = new TextDecoder('utf-16le').decode(bytes.subarray(2));
  } else if (bytes[0] === 0xfe && bytes[1] === 0xff) {
    encoding = 'utf-16be';
    text = new TextDecoder('utf-16be').decode(bytes.subarray(2));
  } else {
    const asUtf8 = new TextDecoder('utf-8').decode(bytes);
    if (!asUtf8.includes('\uFFFD') || mostlyUtf8(asUtf8, bytes)) {
      text = asUtf8;
      encoding = 'utf-8';
    } else {
      text = decodeWindows1252(bytes, file, diagnostics);
      encoding = 'windows-1252';
      diagnostics.push(
        diagnostic('info', 'encoding/fallback', file, 'not valid UTF-8; read as Windows-1252', {
          hint: 'If accents or quotes look wrong in the book, save the file as UTF-8.',
        }),
      );
    }
  }
  text = text.replace(/\r\n?/g, '\n').normalize('NFC');
  if (encoding !== 'windows-1252') reportReplacementCharacters(text, file, diagnostics);
  return { text: dropXmlIllegal(text, file, diagnostics), encoding, diagnostics };
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
function reportReplacementCharacters(text: string, file: string, diagnostics: Diagnostic[]): void {
  if (!text.includes('\uFFFD')) return;
  text.split('\n').forEach((lineText, index) => {
    const count = lineText.split('\uFFFD').length - 1;
    if (count === 0) return;
    diagnostics.push(
      diagnostic('warning', 'encoding/replacement-character', file, `${count} character(s) here are unreadable (U+FFFD "�"): broken bytes in the file, or damage from an earlier conversion`, {
        line: index + 1,
        hint: 'Compare this line with the original story and fix the file if you can.',
      }),
    );
  });
}

/** Removes every match of `pattern` (global), calling `report` once per line that had any. */
function removePerLine(text: string, pattern: RegExp, report: (found: string[], line: number) => Diagnostic): { text: string; diagnostics: Diagnostic[] } {
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
function dropXmlIllegal(text: string, file: string, diagnostics: Diagnostic[]): string {
  XML_ILLEGAL.lastIndex = 0;
  if (!XML_ILLEGAL.test(text)) return text;
  const result = removePerLine(text, XML_ILLEGAL, (found, line) => {
    const codes = [...new Set(found.map((c) => `U+${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`))];
    return diagnostic('warning', 'encoding/illegal-character', file, `removed ${found.length} character(s) XML cannot hold (${codes.join(', ')})`, {
      line,
      hint: 'These are control characters or broken surrogates, usually left by a bad copy or conversion.',
    });
  });
  diagnostics.push(...result.diagnostics);
  return result.text;
}

/**
 * Windows-1252 through iconv-lite: Node's own TextDecoder reads 'windows-1252' as Latin-1 since
 * 20.18.3 (nodejs/node#56542), which turns curly quotes into invisible controls. The five bytes
 * the code page leaves undefined come back as U+FFFD; they carry no text, so they are removed and
 * reported rather than left as replacement characters in the book.
 */
function decodeWindows1252(bytes: Uint8Array, file: string, diagnostics: Diagnostic[]): string {
  const text = iconv.decode(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), 'windows-1252').replace(/\r\n?/g, '\n');
  if (!text.includes('\uFFFD')) return text;
  const result = removePerLine(text, /\uFFFD/g, (found, line) =>
    diagnostic('warning', 'encoding/undefined-byte', file, `removed ${found.length} byte(s) that mean nothing in Windows-1252`, {
      line,
      hint: 'The file may be in another encoding; save it as UTF-8 if letters look wrong in the book.',
    }),
  );
  diagnostics.push(...result.diagnostics);
  return result.text;
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
 * a few NUL bytes at the start (a stray NUL in a text is dropped later, with a warning).
 */
export function looksBinary(bytes: Uint8Array): boolean {
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) return false;
  if (BINARY_SIGNATURES.some((signature) => signature.every((byte, i) => bytes[i] === byte))) return true;
  const sample = bytes.subarray(0, 8192);
  let nul = 0;
  for (const byte of sample) if (byte === 0) nul++;
  return nul > Math.max(2, sample.length / 100);
}
