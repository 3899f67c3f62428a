import { strict as assert } from "node:assert";
import { DrawBarrier, MAX_PARTIES } from "../../../lib/sync/draw_barrier.ts";

/** Turns a missed wakeup into a failure instead of a hang. */
const hangGuard = () => AbortSignal.timeout(30_000);

function arriveAll(barrier: DrawBarrier): void {
  for (let party = 1; party <= barrier.parties; party++) barrier.arrive(party);
}

Deno.test("DrawBarrier.create() validates the party count", async (t) => {
  await t.step("rejects counts outside 1..MAX_PARTIES with RangeError", () => {
    for (const parties of [0, -1, 1.5, Number.NaN, MAX_PARTIES + 1]) {
      assert.throws(() => DrawBarrier.create(parties), RangeError);
    }
  });

  await t.step("starts waiting with nobody arrived", () => {
    const barrier = DrawBarrier.create(5);
    assert.deepEqual(
      [barrier.parties, barrier.arrivals, barrier.state],
      [5, 0, "waiting"],
    );
    assert.equal(barrier.hasArrived(1), false);
  });
});

Deno.test("new DrawBarrier() validates the buffer it attaches", async (t) => {
  await t.step("rejects a non-shared ArrayBuffer with TypeError", () => {
    const plain = new ArrayBuffer(32) as unknown as SharedArrayBuffer;
    assert.throws(() => new DrawBarrier(plain), TypeError);
  });

  await t.step("rejects a buffer whose size does not fit its parties", () => {
    const lying = new SharedArrayBuffer(4 * 5);
    new Int32Array(lying)[2] = 7;
    assert.throws(() => new DrawBarrier(lying), RangeError);
    assert.throws(() => new DrawBarrier(new SharedArrayBuffer(8)), RangeError);
  });

  await t.step("shares arrivals with the barrier that made the buffer", () => {
    const barrier = DrawBarrier.create(3);
    const attached = new DrawBarrier(barrier.buffer);
    barrier.arrive(2);
    assert.equal(attached.hasArrived(2), true);
    assert.equal(attached.arrivals, 1);
  });
});

Deno.test("DrawBarrier.arrive() counts each party once", async (t) => {
  const barrier = DrawBarrier.create(3);

  await t.step("rejects a party outside 1..K with RangeError", () => {
    for (const party of [0, 4, -1, 1.5, Number.NaN]) {
      assert.throws(() => barrier.arrive(party), RangeError);
      assert.throws(() => barrier.hasArrived(party), RangeError);
    }
    assert.equal(barrier.arrivals, 0);
  });

  await t.step("a first arrival counts without completing", () => {
    assert.deepEqual(barrier.arrive(2), { counted: true, completed: false });
    assert.equal(barrier.hasArrived(2), true);
  });

  await t.step("a duplicate arrival is ignored", () => {
    assert.deepEqual(barrier.arrive(2), { counted: false, completed: false });
    assert.equal(barrier.arrivals, 1);
  });

  await t.step("the K-th distinct arrival completes but does not open", () => {
    assert.deepEqual(barrier.arrive(1), { counted: true, completed: false });
    assert.deepEqual(barrier.arrive(3), { counted: true, completed: true });
    assert.deepEqual([barrier.arrivals, barrier.state], [3, "waiting"]);
  });

  await t.step("arrivals after completion complete nothing more", () => {
    assert.deepEqual(barrier.arrive(3), { counted: false, completed: false });
  });
});

Deno.test("DrawBarrier.open() and cancel() leave the waiting state once", async (t) => {
  await t.step("open() refuses while a party is missing", () => {
    const barrier = DrawBarrier.create(2);
    barrier.arrive(1);
    assert.throws(() => barrier.open(), TypeError);
    assert.equal(barrier.state, "waiting");
  });

  await t.step("open() opens once; later calls change nothing", () => {
    const barrier = DrawBarrier.create(2);
    arriveAll(barrier);
    assert.equal(barrier.open(), true);
    assert.equal(barrier.open(), false);
    assert.equal(barrier.cancel(), false);
    assert.equal(barrier.state, "open");
  });

  await t.step("cancel() wins over a later open()", () => {
    const barrier = DrawBarrier.create(2);
    assert.equal(barrier.cancel(), true);
    arriveAll(barrier);
    assert.equal(barrier.open(), false);
    assert.equal(barrier.state, "cancelled");
  });
});

Deno.test("DrawBarrier.wait() settles when the barrier leaves waiting", async (t) => {
  await t.step(
    "many waiters of one thread are released by open()",
    async () => {
      const barrier = DrawBarrier.create(2);
      const waiters = Array.from(
        { length: 10 },
        () => barrier.wait({ signal: hangGuard() }),
      );
      arriveAll(barrier);
      barrier.open();
      assert.deepEqual(await Promise.all(waiters), Array(10).fill("open"));
    },
  );

  await t.step("cancel() releases waiters with cancelled", async () => {
    const barrier = DrawBarrier.create(2);
    const waiter = barrier.wait({ signal: hangGuard() });
    barrier.cancel();
    assert.equal(await waiter, "cancelled");
  });

  await t.step("settles at once when already open or cancelled", async () => {
    const opened = DrawBarrier.create(1);
    opened.arrive(1);
    opened.open();
    const cancelled = DrawBarrier.create(1);
    cancelled.cancel();
    assert.equal(await opened.wait(), "open");
    assert.equal(await cancelled.wait(), "cancelled");
  });

  await t.step("is woken by an open() in the loop's last task", async () => {
    const barrier = DrawBarrier.create(1);
    barrier.arrive(1);
    setTimeout(() => barrier.open(), 0);
    assert.equal(await barrier.wait(), "open");
  });
});

Deno.test("DrawBarrier.wait() can be abandoned through a signal", async (t) => {
  const barrier = DrawBarrier.create(1);

  await t.step("an already aborted signal rejects at once", async () => {
    const reason = new Error("shutting down");
    const signal = AbortSignal.abort(reason);
    await assert.rejects(barrier.wait({ signal }), (e) => e === reason);
  });

  await t.step("aborting rejects that waiter only", async () => {
    const controller = new AbortController();
    const abandoned = barrier.wait({ signal: controller.signal });
    const other = barrier.wait({ signal: hangGuard() });

    controller.abort();
    await assert.rejects(abandoned, { name: "AbortError" });
    barrier.arrive(1);
    barrier.open();
    assert.equal(await other, "open");
  });
});
