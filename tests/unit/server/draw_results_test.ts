import { strict as assert } from "node:assert";
import { DrawResults } from "../../../lib/server/draw_results.ts";

Deno.test("DrawResults shares the winners through shared memory", async (t) => {
  await t.step("nothing is read before publishing", () => {
    assert.equal(DrawResults.create().read(), undefined);
  });

  await t.step("another view of the buffer reads what was published", () => {
    const board = DrawResults.create();
    const winners = new Map([[1, ["30904465", "007"]], [3, []], [2, ["ñ"]]]);

    assert.equal(board.publish(winners), true);
    const other = new DrawResults(board.buffer);

    assert.deepEqual(other.read(), winners);
  });

  await t.step("winners too large to publish are left to the readers", () => {
    const board = DrawResults.create(64);
    const many = new Map([[1, Array.from({ length: 50 }, (_, i) => `${i}`)]]);

    assert.equal(board.publish(many), false);
    assert.equal(board.read(), undefined);
  });
});

Deno.test("DrawResults is visible to a worker once published", async () => {
  const board = DrawResults.create();
  board.publish(new Map([[4, ["1234"]]]));
  const worker = new Worker(
    new URL("./_workers/results_reader.ts", import.meta.url),
    { type: "module" },
  );
  try {
    const seen = new Promise((resolve) => {
      worker.onmessage = (event) => resolve(event.data);
    });
    worker.postMessage(board.buffer);
    assert.deepEqual(await seen, [[4, ["1234"]]]);
  } finally {
    worker.terminate();
  }
});
