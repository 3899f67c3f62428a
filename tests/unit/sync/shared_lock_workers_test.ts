import { strict as assert } from "node:assert";
import { SharedLock } from "../../../lib/sync/shared_lock.ts";
import { createStartGate } from "./_start_gate.ts";
import { startWorkers } from "./_worker_handle.ts";
import { EventLoopYielder } from "./_yield.ts";
import type {
  IncrementReport,
  IncrementRequest,
} from "./_workers/lock_worker.ts";

const LOCK_WORKER = new URL("./_workers/lock_worker.ts", import.meta.url);
const WORKERS = 4;
const INCREMENTS = 2_000;
const ROUNDS = 3;

/** One request per worker, all sharing the lock, counter and start gate. */
function incrementRequests(
  lock: SharedLock,
  counter: Int32Array<SharedArrayBuffer>,
  workers: number,
): IncrementRequest[] {
  const startGate = createStartGate(workers);
  return Array.from({ length: workers }, (_, index) => ({
    lock: lock.buffer,
    counter: counter.buffer,
    increments: INCREMENTS,
    tasks: 2,
    yieldInside: true,
    startGate,
    party: index + 1,
  }));
}

Deno.test("SharedLock serializes plain increments across workers", async (t) => {
  using workers = startWorkers(LOCK_WORKER, WORKERS);

  for (let round = 1; round <= ROUNDS; round++) {
    const name = `round ${round}: 4 workers × 2,000 increments end at 8,000`;
    await t.step(name, async () => {
      const lock = SharedLock.create();
      const counter = new Int32Array(new SharedArrayBuffer(4));
      const requests = incrementRequests(lock, counter, WORKERS);

      const reports = await Promise.all(
        workers.map((w, i) => w.request<IncrementReport>(requests[i])),
      );
      const performed = reports.reduce((sum, r) => sum + r.increments, 0);
      assert.equal(performed, WORKERS * INCREMENTS);
      assert.equal(counter[0], WORKERS * INCREMENTS);
      assert.equal(lock.locked, false);
    });
  }
});

Deno.test("SharedLock held by the main thread keeps workers out", async () => {
  using workers = startWorkers(LOCK_WORKER, 2);
  using yielder = new EventLoopYielder();
  const lock = SharedLock.create();
  const counter = new Int32Array(new SharedArrayBuffer(4));

  const held = await lock.acquire();
  const requests = incrementRequests(lock, counter, 2);
  const reports = workers.map((w, i) =>
    w.request<IncrementReport>(requests[i])
  );
  for (let turn = 0; turn < 100; turn++) await yielder.next();
  assert.equal(counter[0], 0);

  held[Symbol.dispose]();
  await Promise.all(reports);
  assert.equal(counter[0], 2 * INCREMENTS);
});
