/**
 * Which code points an OpenType/TrueType font maps to a glyph, read from its `cmap` table
 * (subtable formats 4 and 12, the two every Unicode font has). Used to know, before rendering,
 * whether the fonts ficbind ships can draw a cover's text.
 */
export type CodePointRanges = ReadonlyArray<readonly [first: number, last: number]>;

/** The code point ranges a font maps to glyphs; a table it cannot read gives no ranges. */
export function fontCoverage(font: Uint8Array): CodePointRanges {
  const view = new DataView(font.buffer, font.byteOffset, font.byteLength);
  const cmap = tableOffset(view, 'cmap');
  if (cmap === undefined) return [];
  const ranges: Array<[number, number]> = [];
  const subtables = view.getUint16(cmap + 2);
  for (let i = 0; i < subtables; i++) {
    const record = cmap + 4 + i * 8;
    const platform = view.getUint16(record);
    const encoding = view.getUint16(record + 2);
    // Unicode platform, or Windows Unicode BMP (1) / full repertoire (10).
    if (platform !== 0 && !(platform === 3 && (encoding === 1 || encoding === 10))) continue;
    const offset = cmap + view.getUint32(record + 4);
    const format = view.getUint16(offset);
    if (format === 4) ranges.push(...format4Ranges(view, offset));
    else if (format === 12) ranges.push(...format12Ranges(view, offset));
  }
  return ranges.sort((a, b) => a[0] - b[0]);
}

export function covers(ranges: CodePointRanges, codePoint: number): boolean {
  let low = 0;
  let high = ranges.length - 1;
  while (low <= high) {
    const middle = (low + high) >> 1;
    const [first, last] = ranges[middle]!;
    if (codePoint < first) high = middle - 1;
    else if (codePoint > last) low = middle + 1;
    else return true;
  }
  return false;
}

function tableOffset(view: DataView, tag: string): number | undefined {
  const tables = view.getUint16(4);
  for (let i = 0; i < tables; i++) {
    const record = 12 + i * 16;
    const name = String.fromCharCode(
      view.getUint8(record),
      view.getUint8(record + 1),
      view.getUint8(record + 2),
      view.getUint8(record + 3),
    );
    if (name === tag) return view.getUint32(record + 8);
  }
  return undefined;
}

/** Segment mapping to delta values: segments whose glyph is not 0 (`.notdef`). */
function format4Ranges(view: DataView, offset: number): Array<[number, number]> {
  const segments = view.getUint16(offset + 6) / 2;
  const ends = offset + 14;
  const starts = ends + segments * 2 + 2;
  const deltas = starts + segments * 2;
  const rangeOffsets = deltas + segments * 2;
  const ranges: Array<[number, number]> = [];
  for (let s = 0; s < segments; s++) {
    const end = view.getUint16(ends + s * 2);
    const start = view.getUint16(starts + s * 2);
    const delta = view.getUint16(deltas + s * 2);
    const rangeOffset = view.getUint16(rangeOffsets + s * 2);
    for (let c = start; c <= end && c !== 0xffff; c++) {
      let glyph: number;
      if (rangeOffset === 0) glyph = (c + delta) & 0xffff;
      else {
        const at = rangeOffsets + s * 2 + rangeOffset + (c - start) * 2;
        glyph = at + 2 <= view.byteLength ? view.getUint16(at) : 0;
        if (glyph !== 0) glyph = (glyph + delta) & 0xffff;
      }
      if (glyph === 0) continue;
      const last = ranges.at(-1);
      if (last && last[1] === c - 1) last[1] = c;
      else ranges.push([c, c]);
    }
  }
  return ranges;
}

/** Segmented coverage: each group maps a run of code points to consecutive glyphs. */
function format12Ranges(view: DataView, offset: number): Array<[number, number]> {
  const groups = view.getUint32(offset + 12);
  const ranges: Array<[number, number]> = [];
  for (let g = 0; g < groups; g++) {
    const group = offset + 16 + g * 12;
    ranges.push([view.getUint32(group), view.getUint32(group + 4)]);
  }
  return ranges;
}
