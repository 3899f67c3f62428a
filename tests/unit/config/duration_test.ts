import { strict as assert } from "node:assert";
import { parseDuration } from "../../../lib/config/duration.ts";

Deno.test("parseDuration() reads Go durations as milliseconds", async (t) => {
  const cases: [string, number][] = [
    ["100ms", 100],
    ["5s", 5_000],
    ["1m30s", 90_000],
    ["1.5h", 5_400_000],
    ["0", 0],
    ["0s", 0],
    [".5s", 500],
    ["1h2m3s4ms", 3_723_004],
    ["1500us", 1.5],
    ["1500µs", 1.5],
    ["1500\u03bcs", 1.5],
    ["2000000ns", 2],
  ];

  for (const [text, millis] of cases) {
    await t.step(`"${text}" is ${millis} ms`, () => {
      assert.equal(parseDuration(text), millis);
    });
  }
});

Deno.test("parseDuration() rejects anything else", async (t) => {
  const cases = [
    "",
    "5",
    "00",
    "s",
    "ms",
    "-5s",
    "+5s",
    "5 s",
    " 5s",
    "5s ",
    "5S",
    "5sec",
    "1d",
    "1m30",
    "five seconds",
    "1e3s",
  ];

  for (const text of cases) {
    await t.step(JSON.stringify(text), () => {
      assert.throws(() => parseDuration(text), {
        name: "SyntaxError",
        message: /^Cannot parse duration/,
      });
    });
  }

  await t.step("the message names the text and the offset", () => {
    assert.throws(() => parseDuration("1m30"), {
      message: 'Cannot parse duration "1m30": unexpected text at offset 2',
    });
  });
});
