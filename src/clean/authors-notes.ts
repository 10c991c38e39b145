// `A/N:`, `AN -`, `Author's Note:`, `Authors' notes.`, `(A/N: …)`, `Note from the author:`.
const NOTE_START = /^\(?\s*(?:A\/N|A\.N\.|AN(?=\s*[:\-–—])|Author[’']?s?[’']?\s+Notes?|Notes?\s+from\s+the\s+author)\s*[:.\-–—)]/i;

/** True when a paragraph is an author's note rather than story text. */
export function isAuthorsNote(paragraphText: string): boolean {
  return NOTE_START.test(paragraphText.trimStart());
}
