import { parseDocument } from 'yaml';
import { UsageError } from './options.js';
import { describeIssue, keyPath } from './issues.js';
import { configSchema, type Config } from './schema.js';

/** Names looked for at the input root, first found wins. */
export const CONFIG_NAMES = ['ficbind.config.json', 'ficbind.config.yaml', 'ficbind.config.yml'] as const;

/** A config file that is not valid: building stops before anything is written (exit code 2). */
export class ConfigError extends UsageError {
  override name = 'ConfigError';
}

/** Text → validated config, or a ConfigError naming the file, line and key path. */
export function parseConfig(text: string, file: string): Config {
  const raw = file.endsWith('.json') ? parseJson(text, file) : parseYaml(text, file);
  const result = configSchema.safeParse(raw ?? {});
  if (result.success) return result.data;
  const problems = result.error.issues.map((issue) => `  ${keyPath(issue)}: ${describeIssue(issue)}`);
  throw new ConfigError(
    `${file}: ${problems.length === 1 ? 'a setting is' : `${problems.length} settings are`} not valid; nothing was built\n${problems.join('\n')}\nSee "Config file" in README.md for what each key takes.`,
  );
}

function parseJson(text: string, file: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    const message = (error as Error).message;
    const at = /position (\d+)/.exec(message);
    const line = at ? text.slice(0, Number(at[1])).split('\n').length : undefined;
    throw new ConfigError(
      `${file}${line ? `:${line}` : ''}: not valid JSON (${message}); nothing was built. Fix the file, or check it with a JSON validator.`,
    );
  }
}

function parseYaml(text: string, file: string): unknown {
  const document = parseDocument(text);
  const error = document.errors[0];
  if (error) {
    const line = error.linePos?.[0].line ?? text.slice(0, error.pos[0]).split('\n').length;
    throw new ConfigError(
      `${file}${line ? `:${line}` : ''}: not valid YAML (${error.message.split('\n')[0]}); nothing was built.`,
    );
  }
  return document.toJS();
}
