/**
 * Logging through LogTape, with a sink that writes the course's line format
 * to stdout synchronously (one `write` per event, so lines from several
 * workers never interleave mid-line and nothing is lost at exit).
 *
 * @module
 */
import {
  configureSync,
  getLogger,
  type Logger,
  type LogLevel,
  type LogRecord,
} from "@logtape/logtape";
import {
  type EventDetails,
  type EventResult,
  formatLogLine,
  type LevelLabel,
  type LogEvent,
} from "./log_line.ts";

const LABEL_TO_LEVEL: Record<LevelLabel, LogLevel> = {
  DEBUG: "debug",
  INFO: "info",
  WARNING: "warning",
  ERROR: "error",
  CRITICAL: "fatal",
};

const LEVEL_TO_LABEL: Partial<Record<LogLevel, LevelLabel>> = {
  trace: "DEBUG",
  debug: "DEBUG",
  info: "INFO",
  warning: "WARNING",
  error: "ERROR",
  fatal: "CRITICAL",
};

/** The level names accepted in configuration, lowest first. */
export const LEVEL_LABELS: readonly LevelLabel[] = Object.keys(
  LABEL_TO_LEVEL,
) as LevelLabel[];

const ROOT_CATEGORY = "tp0";
const encoder = new TextEncoder();

/**
 * Routes every `tp0` logger to stdout at `level` and above. Safe to call
 * again (for example once the configured level is known).
 */
export function setupLogging(level: LevelLabel): void {
  configureSync({
    reset: true,
    sinks: { stdout: writeRecord },
    loggers: [
      {
        category: [ROOT_CATEGORY],
        lowestLevel: LABEL_TO_LEVEL[level],
        sinks: ["stdout"],
      },
      { category: ["logtape", "meta"], lowestLevel: "error", sinks: [] },
    ],
  });
}

function writeRecord(record: LogRecord): void {
  const event = record.properties.event as LogEvent | undefined;
  if (event === undefined) return;

  const label = LEVEL_TO_LABEL[record.level] ?? "INFO";
  const line = formatLogLine(record.timestamp, label, event);
  writeAllSync(encoder.encode(line));
}

function writeAllSync(bytes: Uint8Array): void {
  let written = 0;
  while (written < bytes.length) {
    written += Deno.stdout.writeSync(bytes.subarray(written));
  }
}

/**
 * Logs course-style events (`action`, `result`, details) under one category.
 *
 * @example
 * ```ts
 * import { EventLogger } from "./logging.ts";
 * const log = new EventLogger("server");
 * log.info("accept_connections", "in_progress");
 * ```
 */
export class EventLogger {
  #logger: Logger;

  /** Creates a logger for `tp0.<category>`. */
  constructor(category: string) {
    this.#logger = getLogger([ROOT_CATEGORY, category]);
  }

  /** Logs at DEBUG. */
  debug(action: string, result: EventResult, details?: EventDetails): void {
    this.#logger.debug("{event}", { event: { action, result, details } });
  }

  /** Logs at INFO. */
  info(action: string, result: EventResult, details?: EventDetails): void {
    this.#logger.info("{event}", { event: { action, result, details } });
  }

  /** Logs at WARNING. */
  warning(action: string, result: EventResult, details?: EventDetails): void {
    this.#logger.warn("{event}", { event: { action, result, details } });
  }

  /** Logs at ERROR. */
  error(action: string, result: EventResult, details?: EventDetails): void {
    this.#logger.error("{event}", { event: { action, result, details } });
  }

  /** Logs at CRITICAL. */
  critical(action: string, result: EventResult, details?: EventDetails): void {
    this.#logger.fatal("{event}", { event: { action, result, details } });
  }

  /** Whether DEBUG lines would be written (to skip costly detail building). */
  get debugEnabled(): boolean {
    return this.#logger.isEnabledFor("debug");
  }
}
