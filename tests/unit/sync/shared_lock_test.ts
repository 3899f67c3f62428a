import { strict as assert } from "node:assert";
import { SharedLock } from "../../../lib/sync/shared_lock.ts";
import { EventLoopYielder } from "./_yield.ts";

/** Turns a lost wakeup into a failure instead of a hang. */
const hangGuard = () => AbortSignal.timeout(30_000);

/** Reads the raw lock word: 0 unlocked, 1 locked, 2 locked and contended. */
const wordOf = (lock: SharedLock) =>
  Atomics.load(new Int32Array(lock.buffer), 0);

async function incrementFromTasks(
  tasks: number,
  each: number,
  lock: SharedLock | undefined,
): Promise<number> {
  using yielder = new EventLoopYielder();
  let counter = 0;
  const work = async () => {
    for (let done = 0; done < each; done++) {
      using _held = lock ? await lock.acquire({ signal: hangGuard() }) : null;
      const seen = counter;
      await yielder.next();
      counter = seen + 1;
    }
  };
  await Promise.all(Array.from({ length: tasks }, work));
  return counter;
}

Deno.test("new SharedLock() validates the buffer it attaches", async (t) => {
  await t.step("rejects a non-shared ArrayBuffer with TypeError", () => {
    const plain = new ArrayBuffer(4) as unknown as SharedArrayBuffer;
    assert.throws(() => new SharedLock(plain), TypeError);
  });

  await t.step("rejects a buffer that is not one word with RangeError", () => {
    for (const bytes of [0, 3, 8]) {
      const buffer = new SharedArrayBuffer(bytes);
      assert.throws(() => new SharedLock(buffer), RangeError);
    }
  });

  await t.step(
    "attaches to the word of the lock that made the buffer",
    async () => {
      const lock = SharedLock.create();
      const attached = new SharedLock(lock.buffer);

      const held = await lock.acquire();
      assert.equal(attached.locked, true);
      held[Symbol.dispose]();
      assert.equal(attached.locked, false);
    },
  );
});

Deno.test("SharedLock.acquire() uses the three-state word", async (t) => {
  const lock = SharedLock.create();

  await t.step("a free lock is taken at once and marked locked", async () => {
    assert.equal(lock.locked, false);
    using _held = await lock.acquire();
    assert.equal(lock.locked, true);
    assert.equal(wordOf(lock), 1);
  });

  await t.step("disposing the hold frees the lock", () => {
    assert.equal(lock.locked, false);
    assert.equal(wordOf(lock), 0);
  });

  await t.step("a pending acquirer marks the word contended", async () => {
    const first = await lock.acquire();
    const second = lock.acquire({ signal: hangGuard() });
    assert.equal(wordOf(lock), 2);

    first[Symbol.dispose]();
    using _held = await second;
    assert.equal(lock.locked, true);
  });
});

Deno.test("SharedLock.acquire() serializes async tasks of one thread", async (t) => {
  await t.step("control: without the lock, increments are lost", async () => {
    const total = await incrementFromTasks(8, 50, undefined);
    assert.ok(total < 8 * 50, `expected lost updates, got ${total}`);
  });

  await t.step(
    "with the lock, 8 tasks × 250 increments end at 2,000",
    async () => {
      const lock = SharedLock.create();
      const total = await incrementFromTasks(8, 250, lock);
      assert.equal(total, 2_000);
      assert.equal(lock.locked, false);
    },
  );
});

Deno.test("SharedLock.acquire() is woken by a release in the loop's last task", async () => {
  const lock = SharedLock.create();
  const holder = await lock.acquire();
  setTimeout(() => holder[Symbol.dispose](), 0);

  // Nothing else keeps the event loop alive: the pending acquire must.
  using _held = await lock.acquire();
  assert.equal(lock.locked, true);
});

Deno.test("SharedLock.acquire() can be abandoned through a signal", async (t) => {
  const lock = SharedLock.create();

  await t.step(
    "an already aborted signal rejects without locking",
    async () => {
      const reason = new Error("shutting down");
      const signal = AbortSignal.abort(reason);
      await assert.rejects(lock.acquire({ signal }), (e) => e === reason);
      assert.equal(lock.locked, false);
    },
  );

  await t.step(
    "aborting a pending acquire rejects with the reason",
    async () => {
      using _held = await lock.acquire();
      const controller = new AbortController();
      const pending = lock.acquire({ signal: controller.signal });

      const reason = new Error("shutting down");
      controller.abort(reason);
      await assert.rejects(pending, (e) => e === reason);
      assert.equal(lock.locked, true);
    },
  );

  await t.step(
    "the lock is free and usable after that holder left",
    async () => {
      assert.equal(lock.locked, false);
      using _held = await lock.acquire();
      assert.equal(wordOf(lock), 1);
    },
  );

  await t.step(
    "an abandoned acquire does not strand the next one",
    async () => {
      const holder = await lock.acquire();
      const controller = new AbortController();
      const abandoned = lock.acquire({ signal: controller.signal });
      const next = lock.acquire({ signal: hangGuard() });

      controller.abort();
      await assert.rejects(abandoned, { name: "AbortError" });
      holder[Symbol.dispose]();
      using _held = await next;
      assert.equal(lock.locked, true);
    },
  );
});

Deno.test("SharedLock hold disposal refuses to release twice", async (t) => {
  const lock = SharedLock.create();

  await t.step(
    "a second dispose throws and leaves the next holder alone",
    async () => {
      const first = await lock.acquire();
      first[Symbol.dispose]();
      using _second = await lock.acquire();

      assert.throws(() => first[Symbol.dispose](), TypeError);
      assert.equal(lock.locked, true);
    },
  );

  await t.step("releasing a word that reads unlocked throws", async () => {
    const held = await lock.acquire();
    Atomics.store(new Int32Array(lock.buffer), 0, 0);
    assert.throws(() => held[Symbol.dispose](), TypeError);
  });
});

Deno.test("SharedLock.withLock() releases on every path", async (t) => {
  const lock = SharedLock.create();

  await t.step("returns what the critical section returned", async () => {
    const result = await lock.withLock(() => {
      assert.equal(lock.locked, true);
      return 42;
    });
    assert.equal(result, 42);
    assert.equal(lock.locked, false);
  });

  await t.step("releases when the critical section throws", async () => {
    const failing = lock.withLock(() => Promise.reject(new RangeError("no")));
    await assert.rejects(failing, RangeError);
    assert.equal(lock.locked, false);
  });
});

Deno.test("SharedLock.wakeWaiters() wakes sleepers without letting them in", async () => {
  const lock = SharedLock.create();
  const holder = await lock.acquire();
  const entered: number[] = [];
  const sleepers = [1, 2].map(async (id) => {
    using _held = await lock.acquire({ signal: hangGuard() });
    entered.push(id);
  });

  assert.equal(lock.wakeWaiters(), 2);
  using yielder = new EventLoopYielder();
  await yielder.next();
  assert.deepEqual(entered, []);

  holder[Symbol.dispose]();
  await Promise.all(sleepers);
  assert.deepEqual(entered.toSorted(), [1, 2]);
  assert.equal(lock.locked, false);
});
