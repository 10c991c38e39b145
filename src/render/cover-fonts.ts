import type { ResvgRenderOptions } from '@resvg/resvg-js';
import { covers, type CodePointRanges } from './font-coverage.js';

/**
 * The fonts generated covers are drawn with, shipped as npm packages (TrueType: resvg reads
 * neither WOFF nor WOFF2) so a cover looks the same, byte for byte, on every machine. Noto Sans
 * covers Latin, Greek and Cyrillic; the others are picked by resvg's per-character fallback.
 * CJK is left to the system's fonts: a Noto CJK package weighs about 100 MB.
 */
export const FONT_FILES = [
  '@expo-google-fonts/noto-sans/700Bold/NotoSans_700Bold.ttf',
  '@expo-google-fonts/noto-sans/400Regular/NotoSans_400Regular.ttf',
  '@expo-google-fonts/noto-sans-arabic/700Bold/NotoSansArabic_700Bold.ttf',
  '@expo-google-fonts/noto-sans-arabic/400Regular/NotoSansArabic_400Regular.ttf',
  '@expo-google-fonts/noto-sans-hebrew/700Bold/NotoSansHebrew_700Bold.ttf',
  '@expo-google-fonts/noto-sans-hebrew/400Regular/NotoSansHebrew_400Regular.ttf',
  '@expo-google-fonts/noto-emoji/400Regular/NotoEmoji_400Regular.ttf',
];

export const COVER_FONT_FAMILY = 'Noto Sans';

/** FONT_FILES as found on this machine (paths), with the characters each can draw; read by the build (build/cover-fonts.ts). */
export interface CoverFonts {
  paths: string[];
  coverage: CodePointRanges[];
}

// Characters that draw nothing themselves: spaces, controls, joiners, bidi marks, variation selectors.
const INVISIBLE = /[\p{White_Space}\p{Cc}\p{Cf}\p{Variation_Selector}]/u;

/** The distinct characters of `text` that no bundled font can draw, in order of appearance. */
export function charactersWithoutBundledFont(text: string, { coverage }: CoverFonts): string[] {
  const missing = new Set<string>();
  for (const char of text) {
    if (INVISIBLE.test(char)) continue;
    const codePoint = char.codePointAt(0) as number;
    if (!coverage.some((ranges) => covers(ranges, codePoint))) missing.add(char);
  }
  return [...missing];
}

/** How many of FONT_FILES, from the first, are Noto Sans: the family every cover names. */
const BASE_FONTS = 2;

/**
 * resvg's font options for a cover's text: Noto Sans, and of the other bundled fonts those that
 * draw a character of the text Noto Sans lacks (resvg reads every font file it is given for each
 * layout, and a cover takes several; a font no character falls back to changes nothing); the
 * system's fonts too when the text needs a character none of them has, which makes that cover
 * depend on the fonts of the machine.
 */
export function coverFontOptions(
  text: string,
  { paths, coverage }: CoverFonts,
  useSystemFonts: boolean,
): NonNullable<ResvgRenderOptions['font']> {
  const base = coverage.slice(0, BASE_FONTS);
  const fallbacks = new Set<number>();
  for (const char of text) {
    const codePoint = char.codePointAt(0) as number;
    if (base.some((ranges) => covers(ranges, codePoint))) continue;
    coverage.forEach((ranges, index) => {
      if (index >= BASE_FONTS && covers(ranges, codePoint)) fallbacks.add(index);
    });
  }
  return {
    loadSystemFonts: useSystemFonts,
    // In FONT_FILES order, as resvg's fallback takes the first font that has the character.
    fontFiles: paths.filter((_, index) => index < BASE_FONTS || fallbacks.has(index)),
    defaultFontFamily: COVER_FONT_FAMILY,
    sansSerifFamily: COVER_FONT_FAMILY,
  };
}
