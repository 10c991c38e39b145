/**
 * One small stylesheet every reader renders: block layout only (no flexbox, grid or viewport
 * units), margins in em, and no font family or size so the reader's own choice wins.
 */
export const STYLESHEET = `/* ficbind */
body { margin: 0 1em; line-height: 1.4; }
h1, h2 { text-align: center; font-weight: bold; margin: 2em 0 1.5em; page-break-after: avoid; break-after: avoid; }
h1 { font-size: 1.6em; }
h2 { font-size: 1.3em; }
p { margin: 0; text-indent: 1.5em; text-align: left; orphans: 2; widows: 2; }
h1 + p, h2 + p, hr + p { text-indent: 0; }
hr.scene-break { width: 25%; margin: 1.5em auto; border: 0; border-top: 1px solid; }
p.verse { text-indent: 0; margin: 1em 0 1em 2em; }
.authors-note { margin: 1em 0; padding: 0.5em 1em; border-left: 2px solid; font-size: 0.9em; }
.authors-note p { text-indent: 0; margin: 0 0 0.5em; }
.titlepage { text-align: center; margin-top: 3em; }
.titlepage p { text-indent: 0; text-align: center; margin: 0.5em 0; }
.titlepage .author { font-size: 1.2em; margin-bottom: 1em; }
.titlepage dl { margin: 2em 0 0; text-align: center; }
.titlepage dt { font-weight: bold; margin-top: 0.6em; }
.titlepage dd { margin: 0; }
.titlepage .source { font-size: 0.8em; word-wrap: break-word; }
.change-mark { font-style: italic; }
.disclaimer p, .summary p { text-indent: 0; margin: 0 0 1em; }
.cover { text-align: center; }
.cover img { max-width: 100%; max-height: 100%; }
div.image { text-align: center; margin: 1em 0; page-break-inside: avoid; break-inside: avoid; }
div.image img { max-width: 100%; }
nav ol { list-style: none; padding-left: 1em; }
`;
