import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { FONT_FILES, type CoverFonts } from '../render/cover-fonts.js';
import { fontCoverage } from '../render/font-coverage.js';

let bundled: CoverFonts | undefined;

/** The fonts generated covers are drawn with (render/cover-fonts.ts), read from their npm packages once. */
export function bundledFonts(): CoverFonts {
  if (!bundled) {
    const require = createRequire(import.meta.url);
    const paths = FONT_FILES.map((file) => require.resolve(file));
    bundled = { paths, coverage: paths.map((file) => fontCoverage(readFileSync(file))) };
  }
  return bundled;
}
