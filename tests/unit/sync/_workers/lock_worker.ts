/// <reference no-default-lib="true" />
/// <reference lib="deno.worker" />

/**
 * Test and bench worker: increments a plain (non-atomic) shared counter
 * under a {@linkcode SharedLock}, from several async tasks at once.
 *
 * @module
 */

import { SharedLock } from "../../../../lib/sync/shared_lock.ts";
import { passStartGate } from "../_start_gate.ts";
import { EventLoopYielder } from "../_yield.ts";

/** Asks the worker to run its increments. */
export interface IncrementRequest {
  /** The lock's buffer. */
  lock: SharedArrayBuffer;
  /** One `Int32Array` cell, read and written without `Atomics`. */
  counter: SharedArrayBuffer;
  /** Increments performed by this worker in total. */
  increments: number;
  /** Concurrent async tasks sharing those increments. */
  tasks: number;
  /** Yield to the event loop between the read and the write. */
  yieldInside: boolean;
  /**
   * A start gate with one party per worker, so that all of them start
   * incrementing together.
   */
  startGate: SharedArrayBuffer;
  /** This worker's party number on the start gate. */
  party: number;
}

/** The worker's reply once every increment is done. */
export interface IncrementReport {
  /** Increments this worker performed. */
  increments: number;
}

const yielder = new EventLoopYielder();

async function incrementMany(
  lock: SharedLock,
  counter: Int32Array,
  count: number,
  yieldInside: boolean,
): Promise<void> {
  for (let done = 0; done < count; done++) {
    using _held = await lock.acquire();
    const seen = counter[0];
    if (yieldInside) await yielder.next();
    counter[0] = seen + 1;
  }
}

function splitAmong(total: number, parts: number): number[] {
  const share = Math.floor(total / parts);
  const first = total - share * (parts - 1);
  return Array.from({ length: parts }, (_, i) => i === 0 ? first : share);
}

self.onmessage = async (event: MessageEvent<IncrementRequest>) => {
  const { increments, tasks, yieldInside } = event.data;
  const lock = new SharedLock(event.data.lock);
  const counter = new Int32Array(event.data.counter);

  await passStartGate(event.data.startGate, event.data.party);
  await Promise.all(
    splitAmong(increments, tasks).map((count) =>
      incrementMany(lock, counter, count, yieldInside)
    ),
  );

  const report: IncrementReport = { increments };
  self.postMessage(report);
};
