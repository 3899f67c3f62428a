/**
 * Cross-worker synchronization built only on `SharedArrayBuffer` and
 * `Atomics`: a lock for the bet storage and the barrier that decides the
 * draw.
 *
 * @module
 */

export { type AcquireOptions, SharedLock } from "./shared_lock.ts";
export {
  type ArrivalResult,
  type BarrierState,
  type BarrierWaitOptions,
  DrawBarrier,
  MAX_PARTIES,
  type WaitOutcome,
} from "./draw_barrier.ts";
export {
  type SharedSyncBuffers,
  SharedSyncState,
} from "./shared_sync_state.ts";
