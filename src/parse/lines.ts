/** A line of a source file with its 1-based number, so every later stage can point back to it. */
export interface SourceLine {
  text: string;
  number: number;
  /** The source marks this line as a chapter heading (a Markdown `#` line), whatever it says. */
  heading?: boolean;
  /** The source marks this line as the author speaking (a site's chapter notes), not story: it goes into a note. */
  note?: boolean;
  /** The line stands for an image the source holds (`text` is only its mark): an image block. */
  image?: { key: string; alt: string };
}

export function toLines(text: string): SourceLine[] {
  return text.split('\n').map((lineText, index) => ({ text: lineText, number: index + 1 }));
}

/** Blank means nothing but white space, no-break spaces included (saved pages are full of them). */
export function isBlank(line: SourceLine | undefined): boolean {
  return line === undefined || (line.image === undefined && !/\S/.test(line.text));
}
