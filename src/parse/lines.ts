/** A line of a source file with its 1-based number, so every later stage can point back to it. */
export interface SourceLine {
  text: string;
  number: number;
  /** The source marks this line as a chapter heading (a Markdown `#` line), whatever it says. */
  heading?: boolean;
  /** The source marks this line as the author speaking (a site's author's-note box). */
  note?: boolean;
}

export function toLines(text: string): SourceLine[] {
  return text.split('\n').map((lineText, index) => ({ text: lineText, number: index + 1 }));
}

/** Blank means nothing but white space, no-break spaces included (saved pages are full of them). */
export function isBlank(line: SourceLine | undefined): boolean {
  return line === undefined || !/\S/.test(line.text);
}
