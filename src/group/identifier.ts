import { createHash } from 'node:crypto';
import type { Book } from '../model/book.js';

/**
 * A `urn:uuid:` derived from the book's content (name-based, RFC 9562 version 8 layout over a
 * SHA-256), so the same stories always give the same identifier and different ones never share it.
 */
export function contentIdentifier(book: Book): string {
  const content = JSON.stringify({
    title: book.title,
    authors: book.authors,
    language: book.language,
    stories: book.stories.map((s) => ({
      meta: s.meta,
      chapters: s.chapters.map((c) => ({ title: c.title, blocks: c.blocks })),
    })),
  });
  const bytes = createHash('sha256').update(content).digest().subarray(0, 16);
  bytes[6] = ((bytes[6] as number) & 0x0f) | 0x80; // version 8: custom, hash-based
  bytes[8] = ((bytes[8] as number) & 0x3f) | 0x80; // RFC variant
  const hex = bytes.toString('hex');
  return `urn:uuid:${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
