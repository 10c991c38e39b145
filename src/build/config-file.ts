import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { CONFIG_NAMES, ConfigError, parseConfig } from '../config/parse-config.js';
import type { Config } from '../config/schema.js';

export interface LoadedConfig {
  config: Config;
  /** Path of the file it came from. */
  file: string;
}

/** Reads and validates the config at the input root; undefined when there is none. */
export async function loadConfig(inputFolder: string): Promise<LoadedConfig | undefined> {
  for (const name of CONFIG_NAMES) {
    const file = path.join(inputFolder, name);
    const text = await readFile(file, 'utf8').catch((error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT') return undefined;
      throw new ConfigError(`${file}: cannot read it: ${error.message}`);
    });
    if (text === undefined) continue;
    return { config: parseConfig(text, file), file };
  }
  return undefined;
}
