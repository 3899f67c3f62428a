import { strict as assert } from "node:assert";
import { closeQuietly } from "../../../lib/runtime/close_quietly.ts";

Deno.test("closeQuietly() ignores only an already-closed resource", async (t) => {
  await t.step("closes an open resource", () => {
    let closes = 0;

    closeQuietly({ close: () => closes++ });

    assert.equal(closes, 1);
  });

  await t.step("swallows BadResource", () => {
    const closed = {
      close() {
        throw new Deno.errors.BadResource("Bad resource ID");
      },
    };

    assert.doesNotThrow(() => closeQuietly(closed));
  });

  await t.step("rethrows any other error", () => {
    const broken = {
      close() {
        throw new Deno.errors.Interrupted("interrupted");
      },
    };

    assert.throws(() => closeQuietly(broken), Deno.errors.Interrupted);
  });

  await t.step("a real file closed twice", async () => {
    const path = await Deno.makeTempFile();
    try {
      const file = await Deno.open(path);
      file.close();

      assert.doesNotThrow(() => closeQuietly(file));
    } finally {
      await Deno.remove(path);
    }
  });
});
