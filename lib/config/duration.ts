/**
 * Go-style durations (`100ms`, `5s`, `1m30s`, `1.5h`), as the course's Go
 * client reads `loop.period` with `time.ParseDuration`.
 *
 * @module
 */

const UNIT_MILLIS: Record<string, number> = {
  ns: 1e-6,
  us: 1e-3,
  "µs": 1e-3,
  "μs": 1e-3,
  ms: 1,
  s: 1_000,
  m: 60_000,
  h: 3_600_000,
};

// Go accepts both the micro sign (U+00B5) and the Greek mu (U+03BC).
const TERM = /(\d+(?:\.\d*)?|\.\d+)(ns|us|µs|μs|ms|s|m|h)/y;

/**
 * Parses a Go duration into milliseconds. Negative durations are rejected:
 * a period never runs backwards.
 *
 * @throws {SyntaxError} when `text` is not a duration.
 * @example
 * ```ts
 * import { parseDuration } from "./duration.ts";
 * parseDuration("1m30s"); // 90000
 * ```
 */
export function parseDuration(text: string): number {
  if (text === "0") return 0;
  if (text === "") throw new SyntaxError("Cannot parse duration: it is empty");

  let total = 0;
  TERM.lastIndex = 0;
  while (TERM.lastIndex < text.length) {
    const at = TERM.lastIndex;
    const match = TERM.exec(text);
    if (match === null) {
      throw new SyntaxError(
        `Cannot parse duration "${text}": unexpected text at offset ${at}`,
      );
    }
    total += Number(match[1]) * UNIT_MILLIS[match[2]];
  }
  return total;
}
