/**
 * Reading a configuration file and looking keys up with environment
 * overrides, shared by both processes.
 *
 * @module
 */
import { ConfigError } from "./config_error.ts";
import type { RawSetting } from "./setting.ts";

/** Looks an environment variable up; injectable for tests. */
export type EnvLookup = (name: string) => string | undefined;

/** Options shared by both configuration loaders. */
export interface ConfigSourceOptions {
  /** Path of the configuration file (default: the process's cwd). */
  path?: string;
  /** Environment lookup (default: `Deno.env.get`). */
  env?: EnvLookup;
}

/** Reads the whole configuration file as text, or names it in the error. */
export function readConfigText(path: string): string {
  try {
    return Deno.readTextFileSync(path);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new ConfigError(path, undefined, `cannot read the file (${reason})`, {
      cause: error,
    });
  }
}

/** The process environment, read lazily. */
export function processEnv(name: string): string | undefined {
  return Deno.env.get(name);
}

/**
 * Picks the environment variable `envKey` if set, else the file's value.
 * The returned key names whichever source the value came from.
 */
export function overridden(
  envKey: string,
  env: EnvLookup,
  fileKey: string,
  fileValue: unknown,
): RawSetting {
  const fromEnv = env(envKey);
  if (fromEnv !== undefined) return { key: envKey, value: fromEnv };
  if (fileValue === undefined || fileValue === null) {
    return { key: fileKey, value: undefined };
  }
  return { key: fileKey, value: String(fileValue) };
}
