import { strict as assert } from "node:assert";
import {
  formatEvent,
  formatLogLine,
  formatTimestamp,
  type LevelLabel,
} from "../../../lib/runtime/log_line.ts";

/** 2026-12-03 16:04:05 in the local time zone, whatever it is. */
const AT = new Date(2026, 11, 3, 16, 4, 5, 678).getTime();

Deno.test("formatTimestamp() prints local YYYY-MM-DD HH:MM:SS", async (t) => {
  await t.step("seconds resolution, milliseconds dropped", () => {
    assert.equal(formatTimestamp(AT), "2026-12-03 16:04:05");
  });

  await t.step("zero-padded single digits", () => {
    const early = new Date(2024, 0, 2, 3, 4, 5).getTime();

    assert.equal(formatTimestamp(early), "2024-01-02 03:04:05");
  });
});

Deno.test("formatEvent() renders action, result and details", async (t) => {
  await t.step("action and result only", () => {
    const text = formatEvent({ action: "sorteo", result: "success" });

    assert.equal(text, "action: sorteo | result: success");
  });

  await t.step("details in insertion order, any value type", () => {
    const text = formatEvent({
      action: "apuesta_almacenada",
      result: "success",
      details: { dni: "30904465", numero: 7574, ok: true, cantidad: 0 },
    });

    assert.equal(
      text,
      "action: apuesta_almacenada | result: success | " +
        "dni: 30904465 | numero: 7574 | ok: true | cantidad: 0",
    );
  });

  await t.step("an empty details object adds nothing", () => {
    const text = formatEvent({ action: "a", result: "fail", details: {} });

    assert.equal(text, "action: a | result: fail");
  });

  await t.step("line breaks in values are escaped", () => {
    const text = formatEvent({
      action: "receive_message",
      result: "in_progress",
      details: { msg: "one\ntwo\r\nthree\rfour" },
    });

    assert.equal(
      text,
      "action: receive_message | result: in_progress | " +
        "msg: one\\ntwo\\r\\nthree\\rfour",
    );
  });

  await t.step("a field separator or backslash in a value is escaped", () => {
    const text = formatEvent({
      action: "receive_message",
      result: "success",
      details: { msg: "a | result: fail \\n" },
    });

    assert.equal(
      text,
      "action: receive_message | result: success | " +
        "msg: a \\| result: fail \\\\n",
    );
  });

  await t.step("accents and symbols pass through", () => {
    const text = formatEvent({
      action: "receive_message",
      result: "success",
      details: { msg: "[CLIENT 1] Message N°1 ñ 😀" },
    });

    assert.equal(
      text,
      "action: receive_message | result: success | " +
        "msg: [CLIENT 1] Message N°1 ñ 😀",
    );
  });
});

Deno.test("formatLogLine() matches the course's layout", async (t) => {
  const levels: [LevelLabel, string][] = [
    ["DEBUG", "DEBUG   "],
    ["INFO", "INFO    "],
    ["WARNING", "WARNING "],
    ["ERROR", "ERROR   "],
    ["CRITICAL", "CRITICAL"],
  ];

  for (const [level, padded] of levels) {
    await t.step(`${level} is padded to eight characters`, () => {
      const line = formatLogLine(AT, level, {
        action: "accept_connections",
        result: "in_progress",
      });

      assert.equal(
        line,
        `2026-12-03 16:04:05 ${padded} action: accept_connections | result: in_progress\n`,
      );
    });
  }

  await t.step("the course's own example line", () => {
    const line = formatLogLine(AT, "INFO", {
      action: "accept_connections",
      result: "success",
      details: { ip: "172.25.125.3" },
    });

    assert.equal(
      line,
      "2026-12-03 16:04:05 INFO     action: accept_connections | " +
        "result: success | ip: 172.25.125.3\n",
    );
  });

  await t.step("one event is exactly one line", () => {
    const line = formatLogLine(AT, "ERROR", {
      action: "x",
      result: "fail",
      details: { reason: "a\nb\r\nc" },
    });

    assert.equal(line.indexOf("\n"), line.length - 1);
    assert.ok(!line.includes("\r"));
  });
});
