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
 * Bytes → text: BOM-aware, strict UTF-8 first, Windows-1252 as the fallback that old saved
 * pages need; line endings unified to LF and text normalised to NFC.
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
    try {
      text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
      encoding = 'utf-8';
    } catch {
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
  return { text: dropXmlIllegal(text, file, diagnostics), encoding, diagnostics };
}

/** Removes characters no XML document may hold, one diagnostic per line that had any. */
function dropXmlIllegal(text: string, file: string, diagnostics: Diagnostic[]): string {
  if (!XML_ILLEGAL.test(text)) return text;
  XML_ILLEGAL.lastIndex = 0;
  return text
    .split('\n')
    .map((lineText, index) => {
      const found = lineText.match(XML_ILLEGAL);
      if (!found) return lineText;
      const codes = [...new Set(found.map((c) => `U+${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`))];
      diagnostics.push(
        diagnostic('warning', 'encoding/illegal-character', file, `removed ${found.length} character(s) XML cannot hold (${codes.join(', ')})`, {
          line: index + 1,
          hint: 'These are control characters or broken surrogates, usually left by a bad copy or conversion.',
        }),
      );
      return lineText.replace(XML_ILLEGAL, '');
    })
    .join('\n');
}

/**
 * Windows-1252 through iconv-lite: Node's own TextDecoder reads 'windows-1252' as Latin-1 since
 * 20.18.3 (nodejs/node#56542), which turns curly quotes into invisible controls. The five bytes
 * the code page leaves undefined come back as U+FFFD; they carry no text, so they are removed and
 * reported rather than left as replacement characters in the book.
 */
function decodeWindows1252(bytes: Uint8Array, file: string, diagnostics: Diagnostic[]): string {
  const text = iconv.decode(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), 'windows-1252');
  if (!text.includes('\uFFFD')) return text;
  return text
    .split(/(?<=\n)/)
    .map((lineText, index) => {
      const count = lineText.split('\uFFFD').length - 1;
      if (count === 0) return lineText;
      diagnostics.push(
        diagnostic('warning', 'encoding/undefined-byte', file, `removed ${count} byte(s) that mean nothing in Windows-1252`, {
          line: index + 1,
          hint: 'The file may be in another encoding; save it as UTF-8 if letters look wrong in the book.',
        }),
      );
      return lineText.replaceAll('\uFFFD', '');
    })
    .join('');
}

/** True when the bytes look like a binary file (NUL bytes outside a UTF-16 text). */
export function looksBinary(bytes: Uint8Array): boolean {
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) return false;
  const sample = bytes.subarray(0, 8192);
  return sample.includes(0);
}
