/// <reference no-default-lib="true" />
/// <reference lib="deno.worker" />

/**
 * Test worker: plays some agencies against a shared {@linkcode DrawBarrier}
 * and holds winner-query waiters on it, reporting what each one saw.
 *
 * @module
 */

import {
  DrawBarrier,
  type WaitOutcome,
} from "../../../../lib/sync/draw_barrier.ts";
import { passStartGate } from "../_start_gate.ts";

/** The value the completing worker writes as "the draw" before opening. */
export const DRAW_DONE = 7574;

/** What the main thread asks of this worker. */
export type BarrierRequest =
  | { kind: "attach"; barrier: SharedArrayBuffer; draw: SharedArrayBuffer }
  | { kind: "wait"; waiters: number }
  | { kind: "arrive"; parties: number[]; gate?: StartGate }
  | { kind: "count" }
  | { kind: "settle" };

/** A start gate to pass before arriving, so that workers race. */
export interface StartGate {
  buffer: SharedArrayBuffer;
  party: number;
}

/** One arrival as this worker saw it. */
export interface ArrivalRecord {
  party: number;
  counted: boolean;
  completed: boolean;
  /** Whether this worker's `open()` call opened the barrier. */
  opened: boolean;
}

/** What one waiter saw when its wait settled. */
export interface ReleaseRecord {
  waiter: number;
  outcome: WaitOutcome;
  arrivals: number;
  draw: number;
}

/** This worker's replies, one per request. */
export type BarrierReply =
  | { kind: "attached" }
  | { kind: "waiting"; waiters: number }
  | { kind: "arrived"; arrivals: ArrivalRecord[] }
  | { kind: "count"; released: number }
  | { kind: "settled"; releases: ReleaseRecord[] };

let barrier: DrawBarrier | undefined;
let draw = new Int32Array(new SharedArrayBuffer(4));
let pending: Promise<void>[] = [];
let releases: ReleaseRecord[] = [];

function attached(): DrawBarrier {
  if (!barrier) throw new TypeError("Cannot use the barrier: not attached");
  return barrier;
}

async function holdWaiter(waiter: number): Promise<void> {
  const outcome = await attached().wait();
  const arrivals = attached().arrivals;
  releases.push({ waiter, outcome, arrivals, draw: Atomics.load(draw, 0) });
}

function arrive(party: number): ArrivalRecord {
  const { counted, completed } = attached().arrive(party);
  if (!completed) return { party, counted, completed, opened: false };

  Atomics.store(draw, 0, DRAW_DONE);
  const opened = attached().open();
  return { party, counted, completed, opened };
}

async function handle(request: BarrierRequest): Promise<BarrierReply> {
  switch (request.kind) {
    case "attach":
      barrier = new DrawBarrier(request.barrier);
      draw = new Int32Array(request.draw);
      pending = [];
      releases = [];
      return { kind: "attached" };
    case "wait": {
      const first = pending.length;
      for (let i = 0; i < request.waiters; i++) {
        pending.push(holdWaiter(first + i));
      }
      return { kind: "waiting", waiters: pending.length };
    }
    case "arrive":
      if (request.gate) {
        await passStartGate(request.gate.buffer, request.gate.party);
      }
      return { kind: "arrived", arrivals: request.parties.map(arrive) };
    case "count":
      return { kind: "count", released: releases.length };
    case "settle":
      await Promise.all(pending);
      return { kind: "settled", releases };
  }
}

self.onmessage = async (event: MessageEvent<BarrierRequest>) => {
  self.postMessage(await handle(event.data));
};
