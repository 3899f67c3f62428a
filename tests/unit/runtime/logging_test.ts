import { strict as assert } from "node:assert";
import { getLogger, resetSync } from "@logtape/logtape";
import {
  EventLogger,
  LEVEL_LABELS,
  setupLogging,
} from "../../../lib/runtime/logging.ts";
import { captureStdoutSync } from "../../_helpers/stdout_capture.ts";

const TIMESTAMP = String.raw`\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}`;

/** Logs one event at each level and returns the lines written. */
function logAtEveryLevel(log: EventLogger): string[] {
  const text = captureStdoutSync(() => {
    log.debug("step", "in_progress", { level: "debug" });
    log.info("step", "success", { level: "info" });
    log.warning("step", "fail", { level: "warning" });
    log.error("step", "fail", { level: "error" });
    log.critical("step", "fail", { level: "critical" });
  });
  return text.split("\n").filter((line) => line !== "");
}

/** The level label and message part of a line, timestamp checked. */
function withoutTimestamp(line: string): string {
  const match = new RegExp(`^${TIMESTAMP} (.*)$`).exec(line);
  assert.ok(match, `no timestamp in ${JSON.stringify(line)}`);
  return match[1];
}

Deno.test("LEVEL_LABELS lists the levels lowest first", () => {
  assert.deepEqual(LEVEL_LABELS, [
    "DEBUG",
    "INFO",
    "WARNING",
    "ERROR",
    "CRITICAL",
  ]);
});

Deno.test("setupLogging() writes course lines at the level and above", async (t) => {
  const log = new EventLogger("unit");

  try {
    await t.step("DEBUG writes every level with its label", () => {
      setupLogging("DEBUG");
      const lines = logAtEveryLevel(log).map(withoutTimestamp);

      assert.deepEqual(lines, [
        "DEBUG    action: step | result: in_progress | level: debug",
        "INFO     action: step | result: success | level: info",
        "WARNING  action: step | result: fail | level: warning",
        "ERROR    action: step | result: fail | level: error",
        "CRITICAL action: step | result: fail | level: critical",
      ]);
    });

    await t.step("WARNING drops DEBUG and INFO", () => {
      setupLogging("WARNING");
      const levels = logAtEveryLevel(log).map((line) =>
        withoutTimestamp(line).split(" ")[0]
      );

      assert.deepEqual(levels, ["WARNING", "ERROR", "CRITICAL"]);
    });

    await t.step("CRITICAL keeps only CRITICAL", () => {
      setupLogging("CRITICAL");

      assert.equal(logAtEveryLevel(log).length, 1);
    });

    await t.step("calling it again replaces the level", () => {
      setupLogging("CRITICAL");
      setupLogging("INFO");

      assert.equal(logAtEveryLevel(log).length, 4);
    });

    await t.step("debugEnabled follows the level", () => {
      setupLogging("INFO");
      assert.equal(log.debugEnabled, false);

      setupLogging("DEBUG");
      assert.equal(log.debugEnabled, true);
    });

    await t.step("records without an event are not written", () => {
      setupLogging("DEBUG");
      const text = captureStdoutSync(() => {
        getLogger(["tp0", "unit"]).info("plain message");
      });

      assert.equal(text, "");
    });

    await t.step("loggers outside tp0 are not written", () => {
      setupLogging("DEBUG");
      const text = captureStdoutSync(() => {
        getLogger(["other"]).info("{event}", {
          event: { action: "x", result: "success" },
        });
      });

      assert.equal(text, "");
    });
  } finally {
    resetSync();
  }
});
