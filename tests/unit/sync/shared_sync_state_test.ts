import { strict as assert } from "node:assert";
import {
  type SharedSyncBuffers,
  SharedSyncState,
} from "../../../lib/sync/shared_sync_state.ts";

Deno.test("SharedSyncState survives a trip through structured cloning", async (t) => {
  const sync = SharedSyncState.create(5);
  const received = SharedSyncState.fromTransferable(
    structuredClone(sync.toTransferable()),
  );

  await t.step("the barrier is the same shared memory", () => {
    assert.equal(received.barrier.parties, 5);
    sync.barrier.arrive(4);
    assert.equal(received.barrier.hasArrived(4), true);
  });

  await t.step("the lock is the same shared memory", async () => {
    using _held = await received.lock.acquire();
    assert.equal(sync.lock.locked, true);
  });
});

Deno.test("SharedSyncState.fromTransferable() validates what it receives", async (t) => {
  await t.step("rejects a non-object with TypeError", () => {
    for (const value of [null, undefined, 42, "buffers"]) {
      const buffers = value as unknown as SharedSyncBuffers;
      assert.throws(() => SharedSyncState.fromTransferable(buffers), TypeError);
    }
  });

  await t.step("rejects missing or swapped buffers", () => {
    const { lock, barrier } = SharedSyncState.create(2).toTransferable();
    const missing = { lock } as unknown as SharedSyncBuffers;
    const swapped = { lock: barrier, barrier: lock };
    assert.throws(() => SharedSyncState.fromTransferable(missing), TypeError);
    assert.throws(() => SharedSyncState.fromTransferable(swapped), RangeError);
  });
});

Deno.test("SharedSyncState.create() rejects an invalid agency count", () => {
  assert.throws(() => SharedSyncState.create(0), RangeError);
});
