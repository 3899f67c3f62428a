/**
 * Everything the server's workers share, bundled so that one message hands
 * it to a new worker.
 *
 * @module
 */

import { describeValue } from "./_cells.ts";
import { DrawBarrier } from "./draw_barrier.ts";
import { SharedLock } from "./shared_lock.ts";

/**
 * The shared buffers behind a {@linkcode SharedSyncState}, as a plain object
 * that `postMessage` can carry. The buffers are shared, not moved: do not
 * list them as transferables.
 */
export interface SharedSyncBuffers {
  /** The buffer of {@linkcode SharedSyncState.lock}. */
  lock: SharedArrayBuffer;
  /** The buffer of {@linkcode SharedSyncState.barrier}. */
  barrier: SharedArrayBuffer;
}

/**
 * The cross-worker synchronization of the server: the lock that serializes
 * access to the bet storage, and the barrier that holds winner queries back
 * until every agency has arrived and the draw is done.
 *
 * @example Create in the main thread, rebuild in a worker
 * ```ts
 * import { SharedSyncState } from "./shared_sync_state.ts";
 *
 * const sync = SharedSyncState.create(5);
 * const message = sync.toTransferable(); // worker.postMessage(message)
 * const inWorker = SharedSyncState.fromTransferable(message);
 * await inWorker.lock.withLock(() => {
 *   // store bets
 * });
 * ```
 */
export class SharedSyncState {
  /** Serializes access to the bet storage. */
  readonly lock: SharedLock;
  /** Opens once every agency arrived and the draw was performed. */
  readonly barrier: DrawBarrier;

  /**
   * Bundles an existing lock and barrier.
   *
   * @param lock The bet storage lock.
   * @param barrier The draw barrier.
   */
  constructor(lock: SharedLock, barrier: DrawBarrier) {
    this.lock = lock;
    this.barrier = barrier;
  }

  /**
   * Allocates a fresh lock and a barrier for `agencies` parties.
   *
   * @param agencies How many agencies must arrive before the draw.
   * @returns The new shared state.
   * @throws {RangeError} If `agencies` is not a valid party count.
   */
  static create(agencies: number): SharedSyncState {
    return new SharedSyncState(
      SharedLock.create(),
      DrawBarrier.create(agencies),
    );
  }

  /**
   * Attaches to the shared state described by a posted message.
   *
   * @param buffers What {@linkcode SharedSyncState.toTransferable} returned.
   * @returns Views over the same shared memory.
   * @throws {TypeError} If `buffers` is not an object with both buffers.
   * @throws {RangeError} If a buffer does not fit its layout.
   */
  static fromTransferable(buffers: SharedSyncBuffers): SharedSyncState {
    if (typeof buffers !== "object" || buffers === null) {
      const received = describeValue(buffers);
      throw new TypeError(
        `Cannot attach the shared sync state: expected an object with lock and barrier buffers, received ${received}`,
      );
    }

    const lock = new SharedLock(buffers.lock);
    const barrier = new DrawBarrier(buffers.barrier);
    return new SharedSyncState(lock, barrier);
  }

  /**
   * Describes this state for `postMessage`.
   *
   * @returns The lock and barrier buffers.
   */
  toTransferable(): SharedSyncBuffers {
    return { lock: this.lock.buffer, barrier: this.barrier.buffer };
  }
}
