/**
 * Private-use characters that format readers put into line text, never shown in a book:
 * explicit emphasis (HTML `<i>un</i>believable` needs no word boundary, unlike `*x*`) and the
 * source line a piece of text came from. Input text is stripped of them before any reader runs.
 */
export const EM_OPEN = '\uE000';
export const EM_CLOSE = '\uE001';
export const LINE_OPEN = '\uE002';
export const LINE_CLOSE = '\uE003';
/** An image kept at its place in the text (an EPUB's own picture), by its number in the page. */
export const IMAGE_OPEN = '\uE004';
export const IMAGE_CLOSE = '\uE005';

// A line mark with its number, or any lone mark character.
const ANY_MARK = /\uE002\d*\uE003|[\uE000-\uE003]/g;
const EM_MARK = /[\uE000\uE001]/g;

export function hasMarks(text: string): boolean {
  return /[\uE000-\uE003]/.test(text);
}

/** The text without any mark: what header, junk, heading and title matchers look at. */
export function stripMarks(text: string): string {
  return text.replace(ANY_MARK, '');
}

export function stripEmphasisMarks(text: string): string {
  return text.replace(EM_MARK, '');
}

/** `text` wrapped as explicit emphasis. */
export function emphasised(text: string): string {
  return `${EM_OPEN}${text}${EM_CLOSE}`;
}

/** The mark that stands for the page's `index`-th kept image (from 0), where it was. */
export function imageMark(index: number): string {
  return `${IMAGE_OPEN}${index}${IMAGE_CLOSE}`;
}

/** A mark saying that the text after it comes from this 1-based source line. */
export function lineMark(line: number): string {
  return `${LINE_OPEN}${line}${LINE_CLOSE}`;
}
