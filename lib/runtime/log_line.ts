/**
 * The course's log line: `2026-12-03 16:04:05 INFO     action: X | result: Y | k: v`.
 *
 * The course's black-box tests parse these lines, so the layout is a fixed
 * interface: the level is padded to eight characters and every detail is a
 * `key: value` pair after the action and the result.
 *
 * @module
 */

/** The three results the course's log parser accepts. */
export type EventResult = "success" | "fail" | "in_progress";

/** Details appended to an event line, in insertion order. */
export type EventDetails = Record<string, string | number | boolean>;

/** One loggable event: what happened, how it ended, and its details. */
export interface LogEvent {
  action: string;
  result: EventResult;
  details?: EventDetails;
}

/** Level names as the statement prints them. */
export type LevelLabel = "DEBUG" | "INFO" | "WARNING" | "ERROR" | "CRITICAL";

/**
 * Formats a timestamp as local `YYYY-MM-DD HH:MM:SS`, like Python's
 * `logging` with the course's `datefmt`.
 */
export function formatTimestamp(epochMillis: number): string {
  const at = new Date(epochMillis);
  const pad = (n: number) => String(n).padStart(2, "0");
  const date = `${at.getFullYear()}-${pad(at.getMonth() + 1)}-${
    pad(at.getDate())
  }`;
  const time = `${pad(at.getHours())}:${pad(at.getMinutes())}:${
    pad(at.getSeconds())
  }`;
  return `${date} ${time}`;
}

/**
 * Renders the `action: … | result: … | k: v` part of a line.
 *
 * Line breaks and `|` inside values are escaped (with backslashes) so that
 * one event is always one line with the fields it was given.
 *
 * @example
 * ```ts
 * import { formatEvent } from "./log_line.ts";
 * formatEvent({ action: "sorteo", result: "success" });
 * // "action: sorteo | result: success"
 * ```
 */
export function formatEvent(event: LogEvent): string {
  const parts = [`action: ${event.action}`, `result: ${event.result}`];
  for (const [key, value] of Object.entries(event.details ?? {})) {
    parts.push(`${key}: ${oneLine(String(value))}`);
  }
  return parts.join(" | ");
}

/** Renders a whole line, newline included. */
export function formatLogLine(
  epochMillis: number,
  level: LevelLabel,
  event: LogEvent,
): string {
  const timestamp = formatTimestamp(epochMillis);
  return `${timestamp} ${level.padEnd(8)} ${formatEvent(event)}\n`;
}

/**
 * Escapes what would let a value pass for another field or another line:
 * backslashes first, then line breaks and the `|` field separator.
 */
function oneLine(text: string): string {
  return text.replaceAll("\\", "\\\\").replaceAll("\r", "\\r")
    .replaceAll("\n", "\\n").replaceAll("|", "\\|");
}
