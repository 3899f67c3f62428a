import { strict as assert } from "node:assert";
import { join } from "node:path";
import { writeFileAtomically } from "../../../lib/compose/atomic_write.ts";
import { listDir, withTempDir } from "../../_helpers/temp_files.ts";

Deno.test("writeFileAtomically() writes the whole text", async (t) => {
  await t.step("creating a new file with mode 0644", async () => {
    await withTempDir(async (dir) => {
      const path = join(dir, "out.yaml");
      await writeFileAtomically(path, "name: tp0\n");

      assert.equal(await Deno.readTextFile(path), "name: tp0\n");
      assert.equal((await Deno.stat(path)).mode! & 0o777, 0o644);
      assert.deepEqual(await listDir(dir), ["out.yaml"]);
    });
  });

  await t.step("replacing an existing file", async () => {
    await withTempDir(async (dir) => {
      const path = join(dir, "out.yaml");
      await Deno.writeTextFile(path, "old\n");
      await writeFileAtomically(path, "new\n");

      assert.equal(await Deno.readTextFile(path), "new\n");
      assert.deepEqual(await listDir(dir), ["out.yaml"]);
    });
  });
});

Deno.test("writeFileAtomically() leaves nothing behind on failure", async (t) => {
  await t.step("when the directory does not exist", async () => {
    await withTempDir(async (dir) => {
      const path = join(dir, "missing", "out.yaml");

      await assert.rejects(writeFileAtomically(path, "x"), (error: Error) => {
        assert.match(error.message, /^Cannot write ".*missing\/out\.yaml": /);
        assert.ok(error.cause instanceof Deno.errors.NotFound);
        return true;
      });
      assert.deepEqual(await listDir(dir), []);
    });
  });

  await t.step("when the path is a directory", async () => {
    await withTempDir(async (dir) => {
      const path = join(dir, "taken");
      await Deno.mkdir(path);

      await assert.rejects(
        writeFileAtomically(path, "x"),
        /^Error: Cannot write/,
      );
      assert.deepEqual(await listDir(dir), ["taken"]);
      assert.deepEqual(await listDir(path), []);
    });
  });
});
