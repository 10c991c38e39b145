import { decodeHTMLStrict } from 'entities/decode';

// `&#8217;`, `&#x2019;`, `&rsquo;`: a reference that still stands in a value.
const REFERENCE = /&(?:#\d+|#x[\da-f]+|[a-z][a-z\d]*);/i;
// What a reference may name but no XML document may hold (`&#1;`, `&#xFFFF;`).
// eslint-disable-next-line no-control-regex
const XML_ILLEGAL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g;

/**
 * Character references in a metadata value (title, author, series, summary) → characters, with
 * the full HTML5 set of names. A value is plain text and never means the code itself, so a value
 * a site escaped twice (`&amp;rsquo;`) is decoded twice; story bodies are decoded once, by their
 * format (docs/decisions.md, "Character references").
 */
export function decodeValueReferences(value: string): string {
  let text = value;
  for (let round = 0; round < 2 && REFERENCE.test(text); round++) text = decodeHTMLStrict(text);
  return text.replace(XML_ILLEGAL, '');
}
