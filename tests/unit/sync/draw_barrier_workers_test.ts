import { strict as assert } from "node:assert";
import { DrawBarrier } from "../../../lib/sync/draw_barrier.ts";
import { createStartGate } from "./_start_gate.ts";
import { startWorkers, type WorkerHandle } from "./_worker_handle.ts";
import {
  type ArrivalRecord,
  type BarrierReply,
  type BarrierRequest,
  DRAW_DONE,
  type ReleaseRecord,
} from "./_workers/barrier_worker.ts";

const BARRIER_WORKER = new URL(
  "./_workers/barrier_worker.ts",
  import.meta.url,
);
const PARTIES = 7;
const WORKERS = 3;
const WAITERS_PER_WORKER = 4;
const RACING_ROUNDS = 5;

/** Parties 1..7 dealt round-robin: worker 0 plays 1, 4, 7 and so on. */
const DEALT = [[1, 4, 7], [2, 5], [3, 6]];

type Reply<K extends BarrierReply["kind"]> = Extract<BarrierReply, { kind: K }>;

function ask<K extends BarrierReply["kind"]>(
  worker: WorkerHandle,
  request: BarrierRequest,
): Promise<Reply<K>> {
  return worker.request<Reply<K>>(request);
}

async function attachAll(
  workers: WorkerHandle[],
  barrier: DrawBarrier,
): Promise<Int32Array<SharedArrayBuffer>> {
  const draw = new Int32Array(new SharedArrayBuffer(4));
  const attach = { kind: "attach", barrier: barrier.buffer, draw: draw.buffer };
  await Promise.all(workers.map((w) => ask(w, attach as BarrierRequest)));
  await Promise.all(
    workers.map((w) => ask(w, { kind: "wait", waiters: WAITERS_PER_WORKER })),
  );
  return draw;
}

async function arriveEach(
  workers: WorkerHandle[],
  parties: number[][],
): Promise<ArrivalRecord[]> {
  const gate = createStartGate(workers.length);
  const replies = await Promise.all(
    workers.map((w, i) =>
      ask<"arrived">(w, {
        kind: "arrive",
        parties: parties[i],
        gate: { buffer: gate, party: i + 1 },
      })
    ),
  );
  return replies.flatMap((reply) => reply.arrivals);
}

async function settleAll(workers: WorkerHandle[]): Promise<ReleaseRecord[]> {
  const replies = await Promise.all(
    workers.map((w) => ask<"settled">(w, { kind: "settle" })),
  );
  return replies.flatMap((reply) => reply.releases);
}

async function releasedSoFar(workers: WorkerHandle[]): Promise<number> {
  const replies = await Promise.all(
    workers.map((w) => ask<"count">(w, { kind: "count" })),
  );
  return replies.reduce((sum, reply) => sum + reply.released, 0);
}

function assertAllReleasedAfterDraw(releases: ReleaseRecord[]): void {
  assert.equal(releases.length, WORKERS * WAITERS_PER_WORKER);
  for (const release of releases) {
    assert.deepEqual(
      {
        outcome: release.outcome,
        arrivals: release.arrivals,
        draw: release.draw,
      },
      { outcome: "open", arrivals: PARTIES, draw: DRAW_DONE },
    );
  }
}

Deno.test("DrawBarrier holds waiters on 3 workers until 7 parties arrive and open()", async (t) => {
  using workers = startWorkers(BARRIER_WORKER, WORKERS);
  const barrier = DrawBarrier.create(PARTIES);
  await attachAll(workers, barrier);
  const mainWaiter = barrier.wait();
  let mainSettled = false;
  mainWaiter.finally(() => mainSettled = true);

  await t.step("six arrivals count but release nobody", async () => {
    const firstSix = DEALT.map((parties) => parties.filter((p) => p < 7));
    const arrivals = await arriveEach(workers, firstSix);
    assert.equal(arrivals.filter((a) => a.counted).length, 6);
    assert.equal(arrivals.some((a) => a.completed), false);
    assert.equal(await releasedSoFar(workers), 0);
    assert.equal(mainSettled, false);
    assert.deepEqual([barrier.arrivals, barrier.state], [6, "waiting"]);
  });

  await t.step(
    "the seventh arrival completes; its open() releases all",
    async () => {
      const [last] = await arriveEach(workers, [[7], [], []]);
      assert.deepEqual(last, {
        party: 7,
        counted: true,
        completed: true,
        opened: true,
      });
      assertAllReleasedAfterDraw(await settleAll(workers));
      assert.equal(await mainWaiter, "open");
    },
  );

  await t.step(
    "a late duplicate arrival neither counts nor completes",
    async () => {
      const [late] = await arriveEach(workers, [[], [3], []]);
      assert.deepEqual(late, {
        party: 3,
        counted: false,
        completed: false,
        opened: false,
      });
      assert.deepEqual([barrier.arrivals, barrier.state], [7, "open"]);
    },
  );

  await t.step("a waiter that comes after open() passes at once", async () => {
    await ask(workers[1], { kind: "wait", waiters: 1 });
    const releases = await settleAll(workers);
    assert.equal(releases.length, WORKERS * WAITERS_PER_WORKER + 1);
    assert.equal(releases.every((r) => r.outcome === "open"), true);
  });
});

Deno.test("DrawBarrier.arrive() racing on 3 workers completes exactly once", async (t) => {
  using workers = startWorkers(BARRIER_WORKER, WORKERS);
  const everyParty = Array.from({ length: PARTIES }, (_, i) => i + 1);

  for (let round = 1; round <= RACING_ROUNDS; round++) {
    await t.step(`round ${round}: every worker arrives for all 7`, async () => {
      const barrier = DrawBarrier.create(PARTIES);
      await attachAll(workers, barrier);
      const orders = workers.map((_, i) =>
        everyParty.map((_, j) => everyParty[(j + i * 3) % PARTIES])
      );

      const arrivals = await arriveEach(workers, orders);
      assert.equal(arrivals.filter((a) => a.counted).length, PARTIES);
      assert.equal(arrivals.filter((a) => a.completed).length, 1);
      assert.equal(arrivals.filter((a) => a.opened).length, 1);
      assertAllReleasedAfterDraw(await settleAll(workers));
    });
  }
});

Deno.test("DrawBarrier.cancel() releases waiters on every worker", async () => {
  using workers = startWorkers(BARRIER_WORKER, WORKERS);
  const barrier = DrawBarrier.create(PARTIES);
  await attachAll(workers, barrier);
  await arriveEach(workers, [[1], [2], [3]]);

  assert.equal(barrier.cancel(), true);
  const releases = await settleAll(workers);
  assert.equal(releases.length, WORKERS * WAITERS_PER_WORKER);
  assert.equal(releases.every((r) => r.outcome === "cancelled"), true);
  assert.equal(releases.every((r) => r.draw === 0), true);
  assert.equal(barrier.state, "cancelled");
});
