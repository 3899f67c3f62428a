/**
 * Typed readers for raw settings, shared by the server's INI file and the
 * client's YAML file. Each throws a {@linkcode ConfigError} naming the key.
 *
 * @module
 */
import { ConfigError } from "./config_error.ts";
import { parseDuration } from "./duration.ts";
import { LEVEL_LABELS } from "../runtime/logging.ts";
import type { LevelLabel } from "../runtime/log_line.ts";

/** Where a setting comes from: its key and raw text (undefined if absent). */
export interface RawSetting {
  key: string;
  value: string | undefined;
}

/** Bounds for {@linkcode readInteger}. */
export interface IntegerOptions {
  min: number;
  max: number;
}

/** Returns the value, or throws when it is absent or blank. */
export function readRequired(setting: RawSetting): string {
  const value = setting.value?.trim();
  if (value === undefined || value === "") {
    throw new ConfigError(setting.key, setting.value, "a value is required");
  }
  return value;
}

/** Reads a whole number within `options.min..options.max`. */
export function readInteger(
  setting: RawSetting,
  options: IntegerOptions,
): number {
  const text = readRequired(setting);
  if (!/^[+-]?\d+$/.test(text)) {
    throw new ConfigError(setting.key, setting.value, "not a whole number");
  }

  const value = Number(text);
  if (value < options.min || value > options.max) {
    const range = `${options.min}..${options.max}`;
    throw new ConfigError(setting.key, setting.value, `not in ${range}`);
  }
  return value;
}

/** Reads a Go-style duration; returns milliseconds. */
export function readDuration(setting: RawSetting): number {
  const text = readRequired(setting);
  try {
    return parseDuration(text);
  } catch (error) {
    throw new ConfigError(
      setting.key,
      setting.value,
      "not a duration such as 100ms, 5s or 1m30s",
      { cause: error },
    );
  }
}

/** Reads a log level name (case-insensitive). */
export function readLogLevel(setting: RawSetting): LevelLabel {
  const text = readRequired(setting).toUpperCase();
  const label = LEVEL_LABELS.find((known) => known === text);
  if (label === undefined) {
    const known = LEVEL_LABELS.join(", ");
    throw new ConfigError(setting.key, setting.value, `not one of ${known}`);
  }
  return label;
}

/** Reads one of a fixed set of words. */
export function readChoice<T extends string>(
  setting: RawSetting,
  choices: readonly T[],
): T {
  const text = readRequired(setting);
  const choice = choices.find((known) => known === text);
  if (choice === undefined) {
    const known = choices.join(", ");
    throw new ConfigError(setting.key, setting.value, `not one of ${known}`);
  }
  return choice;
}

/** Reads `host:port`, the form the client dials. */
export function readAddress(setting: RawSetting): HostPort {
  const text = readRequired(setting);
  const colon = text.lastIndexOf(":");
  // `[::1]:12345`: the brackets only delimit an IPv6 address.
  const hostname = text.slice(0, colon).replace(/^\[(.*)\]$/, "$1");
  const port = text.slice(colon + 1);
  if (colon <= 0 || !/^\d+$/.test(port) || Number(port) > 65_535) {
    throw new ConfigError(setting.key, setting.value, "not a host:port");
  }
  return { hostname, port: Number(port) };
}

/** A dialable address. */
export interface HostPort {
  hostname: string;
  port: number;
}

/** Replaces an absent or blank value with `fallback`, keeping the key. */
export function withDefault(setting: RawSetting, fallback: string): RawSetting {
  const blank = setting.value === undefined || setting.value.trim() === "";
  return blank ? { key: setting.key, value: fallback } : setting;
}

/** Reads a value that falls back to `fallback` when absent or blank. */
export function readOptional(setting: RawSetting, fallback: string): string {
  return readRequired(withDefault(setting, fallback));
}
