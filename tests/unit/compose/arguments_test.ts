import { strict as assert } from "node:assert";
import {
  parseClientCount,
  parseGeneratorArguments,
} from "../../../lib/compose/arguments.ts";

Deno.test("parseGeneratorArguments() reads the command line", async (t) => {
  await t.step("output and count, mode defaulting to agency", () => {
    assert.deepEqual(parseGeneratorArguments(["out.yaml", "5"]), {
      output: "out.yaml",
      clients: 5,
      mode: "agency",
    });
  });

  await t.step("--mode as a separate or joined value, anywhere", () => {
    const expected = { output: "o.yaml", clients: 2, mode: "echo" };

    assert.deepEqual(
      parseGeneratorArguments(["o.yaml", "2", "--mode", "echo"]),
      expected,
    );
    assert.deepEqual(
      parseGeneratorArguments(["--mode=echo", "o.yaml", "2"]),
      expected,
    );
  });

  await t.step("the last --mode when repeated", () => {
    const args = ["o.yaml", "1", "--mode", "echo", "--mode=bet"];

    assert.equal(parseGeneratorArguments(args).mode, "bet");
  });
});

Deno.test("parseGeneratorArguments() rejects a bad command line", async (t) => {
  const cases: [string, string[], string][] = [
    ["no arguments", [], "TypeError"],
    ["a missing count", ["out.yaml"], "TypeError"],
    ["an extra argument", ["out.yaml", "1", "2"], "TypeError"],
    ["an empty output path", ["", "1"], "TypeError"],
    ["an unknown option", ["out.yaml", "1", "--clients"], "TypeError"],
    ["--mode without a value", ["out.yaml", "1", "--mode"], "TypeError"],
    ["an unknown mode", ["out.yaml", "1", "--mode", "draw"], "RangeError"],
    ["a negative count", ["out.yaml", "-1"], "RangeError"],
  ];

  for (const [name, args, errorName] of cases) {
    await t.step(name, () => {
      assert.throws(() => parseGeneratorArguments(args), { name: errorName });
    });
  }
});

Deno.test("parseClientCount() accepts plain decimal integers", async (t) => {
  for (const [text, count] of [["0", 0], ["7", 7], ["007", 7], ["250", 250]]) {
    await t.step(`"${text}" is ${count}`, () => {
      assert.equal(parseClientCount(text as string), count);
    });
  }
});

Deno.test("parseClientCount() rejects anything else", async (t) => {
  const texts = ["", " ", "-1", "+1", "1.5", "5x", "0x10", "1e3", " 5", "٣"];
  for (const text of [...texts, "9".repeat(20)]) {
    await t.step(`"${text}"`, () => {
      assert.throws(() => parseClientCount(text), {
        name: "RangeError",
        message:
          `Cannot parse client count: expected a non-negative integer, got "${text}"`,
      });
    });
  }
});
