/**
 * Reads the course's log lines out of `docker compose logs` output.
 *
 * @module
 */

/** One parsed `LEVEL action: X | result: Y | k: v` line. */
export interface LogEntry {
  level: string;
  action: string;
  result: string;
  /** The `k: v` details after the result, in order. */
  details: Record<string, string>;
  /** The line as printed, escapes removed. */
  line: string;
}

// Compose v2 prefixes lines with an erase-line escape even when piped.
const ESC = "\u001b";
const ANSI_ESCAPE = new RegExp(`${ESC}\\[[0-9;]*[A-Za-z]`, "g");

const EVENT_LINE =
  /^(?:\S+\s+\|\s)?\d{4}-\d\d-\d\d \d\d:\d\d:\d\d (\w+)\s+action: (.*?) \| result: (\w+)(.*)$/;

/** Removes terminal escape sequences from `text`. */
export function stripAnsi(text: string): string {
  return text.replace(ANSI_ESCAPE, "");
}

/**
 * Parses every course log line in `text`, skipping lines of any other
 * shape. A `service  | ` prefix, as compose adds, is allowed.
 */
export function parseLogLines(text: string): LogEntry[] {
  const entries: LogEntry[] = [];
  for (const line of stripAnsi(text).split("\n")) {
    const match = EVENT_LINE.exec(line);
    if (match === null) continue;

    const [, level, action, result, rest] = match;
    entries.push({ level, action, result, details: details(rest), line });
  }
  return entries;
}

function details(rest: string): Record<string, string> {
  const pairs: Record<string, string> = {};
  for (const part of rest.split(" | ").slice(1)) {
    const colon = part.indexOf(": ");
    if (colon > 0) pairs[part.slice(0, colon)] = part.slice(colon + 2);
  }
  return pairs;
}
