import { strict as assert } from "node:assert";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { parse } from "yaml";
import { renderComposeFile } from "../../../lib/compose/render.ts";
import { listDir, withTempDir } from "../../_helpers/temp_files.ts";

const SCRIPT = fileURLToPath(
  new URL("../../../generar-compose.sh", import.meta.url),
);

interface Outcome {
  code: number;
  stdout: string;
  stderr: string;
}

// Runs from the temporary directory so the script must find its own files.
async function generate(cwd: string, ...args: string[]): Promise<Outcome> {
  const output = await new Deno.Command(SCRIPT, { args, cwd }).output();
  const decoder = new TextDecoder();

  return {
    code: output.code,
    stdout: decoder.decode(output.stdout),
    stderr: decoder.decode(output.stderr),
  };
}

Deno.test("generar-compose.sh writes the compose file", async (t) => {
  await t.step("from any working directory", async () => {
    await withTempDir(async (dir) => {
      const outcome = await generate(
        dir,
        "compose.yaml",
        "3",
        "--mode",
        "echo",
      );
      const text = await Deno.readTextFile(join(dir, "compose.yaml"));

      assert.equal(outcome.code, 0);
      assert.equal(text, renderComposeFile({ clients: 3, mode: "echo" }));
      assert.equal(
        outcome.stdout,
        "generar-compose: wrote compose.yaml (3 clients, echo mode)\n",
      );
    });
  });

  await t.step("with only the server for zero clients", async () => {
    await withTempDir(async (dir) => {
      const outcome = await generate(dir, "compose.yaml", "0");
      const text = await Deno.readTextFile(join(dir, "compose.yaml"));

      assert.equal(outcome.code, 0);
      assert.deepEqual(Object.keys(parse(text).services), ["server"]);
    });
  });
});

Deno.test("generar-compose.sh fails cleanly on bad input", async (t) => {
  await t.step("printing usage when arguments are missing", async () => {
    await withTempDir(async (dir) => {
      const outcome = await generate(dir, "compose.yaml");

      assert.equal(outcome.code, 1);
      assert.match(
        outcome.stderr,
        /^Usage: .*generar-compose\.sh <output-file> <clients>/,
      );
      assert.deepEqual(await listDir(dir), []);
    });
  });

  const badArguments = [
    ["-1"],
    ["5x"],
    [""],
    ["2.5"],
    ["3", "--mode", "shout"],
    ["3", "--verbose"],
  ];
  for (const args of badArguments) {
    await t.step(
      `with one error line and no file for ${JSON.stringify(args)}`,
      async () => {
        await withTempDir(async (dir) => {
          const outcome = await generate(dir, "compose.yaml", ...args);

          assert.equal(outcome.code, 1);
          assert.match(outcome.stderr, /^generar-compose: Cannot [^\n]+\n$/);
          assert.equal(outcome.stdout, "");
          assert.deepEqual(await listDir(dir), []);
        });
      },
    );
  }

  await t.step("keeping an existing file as it was", async () => {
    await withTempDir(async (dir) => {
      await Deno.writeTextFile(join(dir, "compose.yaml"), "previous\n");
      const outcome = await generate(dir, "compose.yaml", "nope");

      assert.equal(outcome.code, 1);
      assert.equal(
        await Deno.readTextFile(join(dir, "compose.yaml")),
        "previous\n",
      );
      assert.deepEqual(await listDir(dir), ["compose.yaml"]);
    });
  });

  await t.step("when the output cannot be written", async () => {
    await withTempDir(async (dir) => {
      await Deno.mkdir(join(dir, "taken"));
      const missingDir = await generate(dir, "missing/compose.yaml", "2");
      const isDir = await generate(dir, "taken", "2");

      for (const outcome of [missingDir, isDir]) {
        assert.equal(outcome.code, 1);
        assert.match(
          outcome.stderr,
          /^generar-compose: Cannot write "[^"]+": [^\n]+\n$/,
        );
      }
      assert.deepEqual(await listDir(dir), ["taken"]);
      assert.deepEqual(await listDir(join(dir, "taken")), []);
    });
  });
});
