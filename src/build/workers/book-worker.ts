import { makeBook, type BookJob, type MadeBook } from '../make-book.js';
import { parseJob, type ParseJob, type ParsedStory } from '../parse-job.js';

/** Piscina's entry points, by the task's name (workers/pool.ts): one story or one book per task. */
export function parse(job: ParseJob): Promise<ParsedStory> {
  return parseJob(job);
}

export function make(job: BookJob): Promise<MadeBook> {
  return makeBook(job);
}
