import { makeBook, type BookJob, type MadeBook } from '../make-book.js';

/** Piscina's entry point: one book per task. */
export default function run(job: BookJob): Promise<MadeBook> {
  return makeBook(job);
}
