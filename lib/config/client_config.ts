/**
 * The client's settings: `config.yaml`, each key overridable by a `CLI_`
 * environment variable, as the course's Go client does with Viper.
 *
 * @module
 */
import { parse as parseYaml } from "yaml";
import type { LevelLabel } from "../runtime/log_line.ts";
import { ConfigError } from "./config_error.ts";
import {
  type ConfigSourceOptions,
  type EnvLookup,
  overridden,
  processEnv,
  readConfigText,
} from "./config_source.ts";
import {
  type HostPort,
  type RawSetting,
  readAddress,
  readChoice,
  readDuration,
  readInteger,
  readLogLevel,
  readOptional,
  readRequired,
  withDefault,
} from "./setting.ts";
import { MAX_AGENCIES } from "./server_config.ts";

/** What the client does: the exercise stage it runs. */
export type ClientMode = "echo" | "bet" | "agency";

/** The client modes, in exercise order. */
export const CLIENT_MODES: readonly ClientMode[] = ["echo", "bet", "agency"];

/** Everything the client needs to start. */
export interface ClientConfig {
  /** Agency number, 1-based; also the `[CLIENT <id>]` in echo messages. */
  id: number;
  /** Where the server listens. */
  serverAddress: HostPort;
  /** Echo mode: how many messages to send. */
  loopAmount: number;
  /** Echo mode: pause between messages, in milliseconds. */
  loopPeriodMillis: number;
  /** Lowest level written to the log. */
  logLevel: LevelLabel;
  /** Most bets in one batch (a batch is also split to fit 8 KiB). */
  batchMaxAmount: number;
  /** The exercise stage to run. */
  mode: ClientMode;
  /** Agency mode: the CSV file of this agency's bets. */
  agencyFile: string;
  /** Raw texts, logged exactly as configured. */
  raw: { serverAddress: string; loopPeriod: string };
}

/** Largest accepted `batch.maxAmount` (the wire's bet count is a u16). */
export const MAX_BATCH_AMOUNT = 65_535;

/**
 * Loads `./config.yaml` (or `options.path`) and applies env overrides.
 *
 * @throws {ConfigError} naming the first bad key and its value.
 */
export function loadClientConfig(
  options: ConfigSourceOptions = {},
): ClientConfig {
  const path = options.path ?? "config.yaml";
  const env = options.env ?? processEnv;
  const setting = settingReader(readYamlFile(path), env);

  const address = setting("CLI_SERVER_ADDRESS", "server.address");
  const period = setting("CLI_LOOP_PERIOD", "loop.period");
  return {
    id: readInteger(setting("CLI_ID", "id"), { min: 1, max: MAX_AGENCIES }),
    serverAddress: readAddress(address),
    loopAmount: readInteger(setting("CLI_LOOP_AMOUNT", "loop.amount"), {
      min: 0,
      max: Number.MAX_SAFE_INTEGER,
    }),
    loopPeriodMillis: readDuration(period),
    logLevel: readLogLevel(setting("CLI_LOG_LEVEL", "log.level")),
    batchMaxAmount: readInteger(
      setting("CLI_BATCH_MAXAMOUNT", "batch.maxAmount"),
      { min: 1, max: MAX_BATCH_AMOUNT },
    ),
    mode: readChoice(
      withDefault(setting("CLI_MODE", "mode"), "agency"),
      CLIENT_MODES,
    ),
    agencyFile: readOptional(
      setting("CLI_AGENCY_FILE", "agency.file"),
      "./agency.csv",
    ),
    raw: { serverAddress: readRequired(address), loopPeriod: period.value! },
  };
}

function readYamlFile(path: string): unknown {
  const text = readConfigText(path);
  try {
    return parseYaml(text) ?? {};
  } catch (error) {
    throw new ConfigError(path, undefined, "not valid YAML", { cause: error });
  }
}

function settingReader(document: unknown, env: EnvLookup) {
  return (envKey: string, path: string): RawSetting =>
    overridden(envKey, env, path, lookupPath(document, path));
}

function lookupPath(document: unknown, path: string): unknown {
  let node = document;
  for (const step of path.split(".")) {
    if (node === null || typeof node !== "object") return undefined;
    node = (node as Record<string, unknown>)[step];
  }
  return node;
}
