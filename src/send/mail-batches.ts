/**
 * Send to Kindle's documented limits for one e-mail (Amazon, "Using Your Send to Kindle Email
 * Address"): at most 25 attachments, and documents of 50 MB or less in all.
 */
export const KINDLE_LIMITS = { attachments: 25, bytes: 50 * 1000 * 1000 } as const;

export interface Batches<T> {
  /** The messages to send, each a list of books within the limits, in the order given. */
  messages: T[][];
  /** Books larger than one message may carry. */
  tooLarge: T[];
}

/** Splits books into as few messages as the limits allow, keeping their order. Pure. */
export function mailBatches<T extends { size: number }>(books: readonly T[], limits = KINDLE_LIMITS): Batches<T> {
  const messages: T[][] = [];
  const tooLarge: T[] = [];
  let current: T[] = [];
  let bytes = 0;
  for (const book of books) {
    if (book.size > limits.bytes) {
      tooLarge.push(book);
      continue;
    }
    if (current.length === limits.attachments || bytes + book.size > limits.bytes) {
      messages.push(current);
      current = [];
      bytes = 0;
    }
    current.push(book);
    bytes += book.size;
  }
  if (current.length > 0) messages.push(current);
  return { messages, tooLarge };
}
