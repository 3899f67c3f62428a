import { strict as assert } from "node:assert";
import { aborted } from "../../../lib/runtime/termination.ts";

Deno.test("aborted() resolves when the signal aborts", async (t) => {
  await t.step("at once for an already aborted signal", async () => {
    const signal = AbortSignal.abort("SIGTERM");

    assert.equal(await aborted(signal), undefined);
  });

  await t.step("after a later abort, not before", async () => {
    const controller = new AbortController();
    let settled = false;
    const waiting = aborted(controller.signal).then(() => settled = true);

    await Promise.resolve();
    assert.equal(settled, false);

    controller.abort("SIGINT");
    await waiting;
    assert.equal(settled, true);
  });
});
