/** ficbind's public API: build books from a folder of stories, check books, or use the pipeline's stages. */
export {
  build,
  plan,
  type BuildPlan,
  type BuildEvent,
  type BuildHooks,
  type BuildResult,
  type WrittenBook,
} from './build/build.js';
export type { BookChanges, ChapterChange } from './build/book-changes.js';
export type { StaleBook } from './build/stale-books.js';
export { generateCover } from './build/make-book.js';
export { toKepub } from './package/kepub.js';
export { checkBook, checkBooks, type CheckResult, type CheckedBook, type CheckOptions } from './check/index.js';
export { formatCheckReport } from './cli/check-report.js';
export {
  DEFAULT_OPTIONS,
  UsageError,
  buildOptionsSchema,
  resolveOptions,
  type BuildOptions,
  type BuildOptionsInput,
} from './config/options.js';
export { formatDiagnostic, type Diagnostic, type Severity } from './diagnostics/diagnostic.js';
export { parseStory, type ParseOptions } from './parse/parse-story.js';
export type {
  Story,
  StoryHead,
  StoryInfo,
  StoryStats,
  StoryMeta,
  Chapter,
  Block,
  Inline,
  SeriesRef,
} from './model/story.js';
export { groupIntoBooks } from './group/group.js';
export type { Book, BookShape, ChangeMark, ChangeMarks, Cover } from './model/book.js';
export { renderBook } from './render/render-book.js';
export { pack } from './package/pack.js';
export type { EpubFile } from './model/epub.js';
export { parseConfig, ConfigError, CONFIG_NAMES } from './config/parse-config.js';
export { loadConfig } from './build/config-file.js';
export type { Config } from './config/schema.js';
export { serveBooks, type ServeOptions, type RunningServer } from './serve/server.js';
export { openShelf, type Shelf, type ShelfScan } from './shelf/shelf-index.js';
export type { ShelfBook, ShelfSeries, ShelfFile } from './model/shelf.js';
export { sendToDevice, type SendToDeviceOptions, type SendResult, type SentBook } from './send/send-books.js';
export { sendByMail, type SendByMailOptions } from './send/mail.js';
export { mailBatches, KINDLE_LIMITS } from './send/mail-batches.js';
