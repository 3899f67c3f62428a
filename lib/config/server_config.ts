/**
 * The server's settings: `config.ini`, section `[DEFAULT]`, each key
 * overridable by an environment variable of the same name.
 *
 * @module
 */
import { parse as parseIni } from "ini";
import type { LevelLabel } from "../runtime/log_line.ts";
import {
  type ConfigSourceOptions,
  overridden,
  processEnv,
  readConfigText,
} from "./config_source.ts";
import { ConfigError } from "./config_error.ts";
import {
  type RawSetting,
  readInteger,
  readLogLevel,
  readOptional,
  withDefault,
} from "./setting.ts";

/** Everything the server needs to start. */
export interface ServerConfig {
  /** TCP port to listen on. */
  port: number;
  /** Address to bind (`0.0.0.0` when blank). */
  ip: string;
  /** Listen backlog as configured (see README: Deno cannot apply it). */
  listenBacklog: number;
  /** Lowest level written to the log. */
  loggingLevel: LevelLabel;
  /** CSV file where `storeBets` appends. */
  storageFilePath: string;
  /**
   * Number of agencies expected before the draw. Zero (a compose file with
   * no clients) leaves an echo-only server that refuses every agency.
   */
  agencies: number;
  /** Size of the Web Worker pool. */
  workers: number;
}

/** Highest agency number the wire format carries (u16). */
export const MAX_AGENCIES = 65_535;

const MAX_WORKERS = 256;

/**
 * Loads `./config.ini` (or `options.path`) and applies env overrides.
 *
 * @throws {ConfigError} naming the first bad key and its value.
 */
export function loadServerConfig(
  options: ConfigSourceOptions = {},
): ServerConfig {
  const path = options.path ?? "config.ini";
  const env = options.env ?? processEnv;
  const section = readDefaultSection(path);
  const setting = (key: string): RawSetting =>
    overridden(key, env, key, section[key]);

  return {
    port: readInteger(setting("SERVER_PORT"), { min: 0, max: 65_535 }),
    ip: setting("SERVER_IP").value?.trim() || "0.0.0.0",
    listenBacklog: readInteger(setting("SERVER_LISTEN_BACKLOG"), {
      min: 1,
      max: 65_535,
    }),
    loggingLevel: readLogLevel(setting("LOGGING_LEVEL")),
    storageFilePath: readOptional(setting("STORAGE_FILEPATH"), "./bets.csv"),
    agencies: readInteger(withDefault(setting("AGENCIES"), "5"), {
      min: 0,
      max: MAX_AGENCIES,
    }),
    workers: readInteger(
      withDefault(setting("WORKERS"), String(defaultWorkers())),
      { min: 1, max: MAX_WORKERS },
    ),
  };
}

/** One worker per CPU, within the accepted range. */
function defaultWorkers(): number {
  return Math.min(navigator.hardwareConcurrency, MAX_WORKERS);
}

function readDefaultSection(path: string): Record<string, unknown> {
  const parsed = parseIni(readConfigText(path));
  const section = parsed.DEFAULT;
  if (section === undefined || typeof section !== "object") {
    throw new ConfigError(path, undefined, "no [DEFAULT] section");
  }
  return section as Record<string, unknown>;
}
