import { hasMarks, stripMarks } from './emphasis-marks.js';
import { parseHeader, type Header } from './header.js';
import { isBlank, type SourceLine } from './lines.js';

// `Part 8/9`, `Part 8 of 9`: how stories posted in parts to lists and forums open their header.
const PART_LINE = /^part\s+(\d{1,4}\s*(?:\/|of)\s*\d{1,4})$/i;

/**
 * The header block at the top of a body, as `parseHeader` reads it, also when its first line
 * is `Part 8/9` followed by `Disclaimer:`, `Rating:`, `Summary:` lines (an inline header, often
 * `<br>` lines in a saved page, where the keys may be bold). The part becomes a `Part` field.
 */
export function parseLeadingHeader(lines: readonly SourceLine[]): Header {
  let first = 0;
  while (first < lines.length && isBlank(lines[first])) first++;
  const partLine = lines[first];
  const part = partLine && partLine.text.length < 100 ? PART_LINE.exec(stripMarks(partLine.text).trim()) : null;
  if (!partLine || !part) return parseHeader(lines);
  const block: SourceLine[] = [];
  for (let i = first + 1; i < lines.length && !isBlank(lines[i]); i++) {
    const line = lines[i] as SourceLine;
    block.push(hasMarks(line.text) ? { ...line, text: stripMarks(line.text) } : line);
  }
  const header = parseHeader(block);
  // Only a block of key lines right under the part line is a header; a lone `Part 8/9` is text.
  if (header.fields[0]?.line !== lines[first + 1]?.number) return parseHeader(lines);
  const rest = parseHeader(lines.slice(first + 1 + header.bodyStart));
  return {
    fields: [
      { key: 'Part', value: (part[1] as string).replace(/\s+/g, ' '), line: partLine.number },
      ...header.fields,
      ...rest.fields,
    ],
    bodyStart: first + 1 + header.bodyStart + rest.bodyStart,
  };
}
