/** ficbind's public API: build books from a folder of stories, check books, or use the pipeline's stages. */
export { build, plan, type BuildPlan, type BuildEvent, type BuildHooks, type BuildResult, type WrittenBook } from './compile.js';
export { generateCover } from './render/generated-cover.js';
export { toKepub } from './epub/kepub.js';
export { checkBook, checkBooks, type CheckResult, type CheckedBook, type CheckOptions } from './check/index.js';
export { formatCheckReport } from './check/report.js';
export { DEFAULT_OPTIONS, UsageError, resolveOptions, type BuildOptions } from './options.js';
export { formatDiagnostic, type Diagnostic, type Severity } from './diagnostics.js';
export { parseStory, type ParseOptions } from './story/parse-story.js';
export type { Story, StoryMeta, Chapter, Block, Inline, SeriesRef } from './story/model.js';
export { groupIntoBooks } from './book/group.js';
export type { Book, BookShape, Cover } from './book/model.js';
export { renderBook } from './render/render-book.js';
export { pack, type EpubFile } from './epub/pack.js';
export { loadConfig, parseConfig, ConfigError, CONFIG_NAMES } from './config/load.js';
export type { Config } from './config/schema.js';
