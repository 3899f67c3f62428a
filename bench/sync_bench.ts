/**
 * Speed of the shared-memory lock and draw barrier.
 *
 * Run with `deno bench -A bench/sync_bench.ts`. The contended cases time a
 * whole batch per iteration; divide by the batch size for the cost of one
 * acquire/release.
 *
 * @module
 */

import { DrawBarrier } from "../lib/sync/draw_barrier.ts";
import { SharedLock } from "../lib/sync/shared_lock.ts";
import { createStartGate } from "../tests/unit/sync/_start_gate.ts";
import { startWorkers } from "../tests/unit/sync/_worker_handle.ts";
import type {
  IncrementReport,
  IncrementRequest,
} from "../tests/unit/sync/_workers/lock_worker.ts";

const LOCK_WORKER = new URL(
  "../tests/unit/sync/_workers/lock_worker.ts",
  import.meta.url,
);

/** Acquire/release pairs per iteration in the same-thread contended case. */
const TASKS = 4;
const ROUNDS_PER_TASK = 250;

/** Acquire/release pairs per worker per iteration across workers. */
const WORKERS = 2;
const PER_WORKER = 5_000;

/** Requests that make every worker start its batch at the same moment. */
function batchRequests(increments: number): IncrementRequest[] {
  const lock = SharedLock.create();
  const counter = new SharedArrayBuffer(4);
  const startGate = createStartGate(WORKERS);
  return Array.from({ length: WORKERS }, (_, index) => ({
    lock: lock.buffer,
    counter,
    increments,
    tasks: 2,
    yieldInside: false,
    startGate,
    party: index + 1,
  }));
}

const uncontended = SharedLock.create();
const openBarrier = DrawBarrier.create(5);
for (let party = 1; party <= 5; party++) openBarrier.arrive(party);
openBarrier.open();

Deno.bench({
  name: "acquire() + dispose, uncontended",
  group: "uncontended",
  baseline: true,
  async fn() {
    using _held = await uncontended.acquire();
  },
});

Deno.bench({
  name: "withLock(), uncontended",
  group: "uncontended",
  async fn() {
    await uncontended.withLock(() => undefined);
  },
});

Deno.bench({
  name: `${TASKS} tasks × ${ROUNDS_PER_TASK} acquire/release, one thread`,
  group: "contended",
  async fn() {
    const lock = SharedLock.create();
    const task = async () => {
      for (let round = 0; round < ROUNDS_PER_TASK; round++) {
        using _held = await lock.acquire();
        await Promise.resolve();
      }
    };
    await Promise.all(Array.from({ length: TASKS }, task));
  },
});

Deno.bench({
  name: `${WORKERS} workers × ${PER_WORKER} acquire/release, shared counter`,
  group: "contended",
  n: 20,
  warmup: 2,
  async fn(b) {
    using workers = startWorkers(LOCK_WORKER, WORKERS);
    const requests = batchRequests(0);
    await Promise.all(workers.map((w, i) => w.request(requests[i])));

    const timed = batchRequests(PER_WORKER);
    b.start();
    await Promise.all(
      workers.map((w, i) => w.request<IncrementReport>(timed[i])),
    );
    b.end();
  },
});

Deno.bench({
  name: "arrive() of a party that already arrived",
  group: "barrier",
  fn() {
    openBarrier.arrive(3);
  },
});

Deno.bench({
  name: "wait() on an open barrier",
  group: "barrier",
  async fn() {
    await openBarrier.wait();
  },
});
