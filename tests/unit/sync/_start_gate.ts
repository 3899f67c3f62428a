/**
 * Test helper: a start gate that lets several workers begin a racing step at
 * the same moment, built on the barrier under test's sibling tests.
 *
 * @module
 */

import { DrawBarrier } from "../../../lib/sync/draw_barrier.ts";

/**
 * Creates a gate for `workers` parties.
 *
 * @param workers How many workers pass the gate.
 * @returns The gate's buffer, to post to each worker with its party number.
 */
export function createStartGate(workers: number): SharedArrayBuffer {
  return DrawBarrier.create(workers).buffer;
}

/**
 * Arrives at the gate and resolves once every party has arrived: the last
 * one to arrive opens it for all.
 *
 * @param gate The buffer from {@linkcode createStartGate}.
 * @param party This worker's party number, 1..workers.
 */
export async function passStartGate(
  gate: SharedArrayBuffer,
  party: number,
): Promise<void> {
  const barrier = new DrawBarrier(gate);
  if (barrier.arrive(party).completed) barrier.open();
  await barrier.wait();
}
