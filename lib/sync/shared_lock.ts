/**
 * A mutual-exclusion lock shared by every thread (the main thread and its
 * workers) that holds the same `SharedArrayBuffer`.
 *
 * @module
 */

import { attachCells, type SharedCells, waitForChange } from "./_cells.ts";

/** The lock word when nobody holds the lock. */
const UNLOCKED = 0;
/** Held, and no acquirer has gone to sleep since it was taken. */
const LOCKED = 1;
/** Held, and some acquirer may be asleep: the release must notify. */
const LOCKED_CONTENDED = 2;

const WORD = 0;
const BYTE_LENGTH = Int32Array.BYTES_PER_ELEMENT;

/** Options for {@linkcode SharedLock.acquire}. */
export interface AcquireOptions {
  /**
   * Abandons a pending acquire: the promise rejects with the signal's reason
   * and the lock is neither taken nor left in a state that blocks others.
   */
  signal?: AbortSignal;
}

/**
 * A mutex over one `Int32Array` word in shared memory, built only on
 * `Atomics`. The word has three states (unlocked, locked, locked with
 * possible sleepers) so that an uncontended release is one compare-exchange
 * and never calls `Atomics.notify`.
 *
 * Waiting uses `Atomics.waitAsync`: it never spins and never blocks the
 * event loop, so several async tasks of one thread may contend for the lock
 * as well as tasks on different workers. The lock is not reentrant and not
 * fair: a newcomer may take a just-released lock before a woken sleeper.
 *
 * If a worker dies while holding the lock, the lock stays held: nothing in
 * the shared word records which thread owns it. Pending acquires can still
 * be abandoned through their `signal`.
 *
 * @example Share a lock with a worker and guard a critical section
 * ```ts
 * import { SharedLock } from "./shared_lock.ts";
 *
 * const lock = SharedLock.create();
 * // worker.postMessage(lock.buffer); in the worker: new SharedLock(buffer)
 * {
 *   using _held = await lock.acquire();
 *   // read-modify-write shared state here
 * }
 * ```
 */
export class SharedLock {
  readonly #word: SharedCells;

  /**
   * Allocates a new, unlocked lock.
   *
   * @returns A lock whose {@linkcode SharedLock.buffer} can be posted.
   */
  static create(): SharedLock {
    return new SharedLock(new SharedArrayBuffer(BYTE_LENGTH));
  }

  /**
   * Attaches to a lock allocated by {@linkcode SharedLock.create}, usually
   * in another thread.
   *
   * @param buffer The lock's buffer, as received through `postMessage`.
   * @throws {TypeError} If `buffer` is not a `SharedArrayBuffer`.
   * @throws {RangeError} If `buffer` is not exactly one 4-byte word.
   */
  constructor(buffer: SharedArrayBuffer) {
    const word = attachCells(buffer, "the lock");
    if (word.byteLength !== BYTE_LENGTH) {
      throw new RangeError(
        `Cannot attach the lock: buffer must be ${BYTE_LENGTH} bytes, received ${word.byteLength}`,
      );
    }
    this.#word = word;
  }

  /** The shared memory behind this lock, to post to other threads. */
  get buffer(): SharedArrayBuffer {
    return this.#word.buffer;
  }

  /** Whether some task, in any thread, holds the lock right now. */
  get locked(): boolean {
    return Atomics.load(this.#word, WORD) !== UNLOCKED;
  }

  /**
   * Waits for the lock and takes it.
   *
   * @param options Lets shutdown abandon the wait.
   * @returns A hold whose disposal releases the lock: write
   *   `using _held = await lock.acquire()`. Disposing it twice throws.
   * @throws The signal's reason, if it aborts before the lock is taken.
   */
  async acquire(options: AcquireOptions = {}): Promise<Disposable> {
    const { signal } = options;
    signal?.throwIfAborted();

    const previous = Atomics.compareExchange(
      this.#word,
      WORD,
      UNLOCKED,
      LOCKED,
    );
    if (previous !== UNLOCKED) await this.#acquireContended(signal);
    return this.#hold();
  }

  /**
   * Runs `fn` while holding the lock, releasing it however `fn` ends.
   *
   * @param fn The critical section.
   * @param options Lets shutdown abandon the wait for the lock.
   * @returns What `fn` returned.
   * @throws Whatever `fn` throws, or the signal's reason.
   */
  async withLock<T>(
    fn: () => T | Promise<T>,
    options: AcquireOptions = {},
  ): Promise<T> {
    using _held = await this.acquire(options);
    return await fn();
  }

  /**
   * Wakes every pending acquirer, in every thread, so that each re-reads the
   * lock word. Harmless at any time; meant for the moment a worker dies, in
   * case it was asleep here and swallowed the single wakeup of a release.
   *
   * @returns How many sleepers were woken.
   */
  wakeWaiters(): number {
    return Atomics.notify(this.#word, WORD);
  }

  async #acquireContended(signal: AbortSignal | undefined): Promise<void> {
    // Marking the word contended before sleeping obliges the holder's
    // release to notify. A sleeper that wins keeps that mark even if it was
    // the last one, which costs at most one needless notify.
    while (Atomics.exchange(this.#word, WORD, LOCKED_CONTENDED) !== UNLOCKED) {
      await this.#sleepWhileHeld(signal);
    }
  }

  async #sleepWhileHeld(signal: AbortSignal | undefined): Promise<void> {
    try {
      await waitForChange(this.#word, WORD, LOCKED_CONTENDED, signal);
    } catch (error) {
      // The abandoned sleeper stays queued in the engine and could swallow
      // the one wakeup a release sends; waking everyone flushes it out.
      Atomics.notify(this.#word, WORD);
      throw error;
    }
  }

  #hold(): Disposable {
    let held = true;
    return {
      [Symbol.dispose]: () => {
        if (!held) {
          throw new TypeError(
            "Cannot release the lock: this hold was already released",
          );
        }
        held = false;
        this.#release();
      },
    };
  }

  #release(): void {
    const previous = Atomics.compareExchange(
      this.#word,
      WORD,
      LOCKED,
      UNLOCKED,
    );
    if (previous === LOCKED) return;

    if (previous !== LOCKED_CONTENDED) {
      throw new TypeError(
        `Cannot release the lock: the lock word is ${previous}, not held`,
      );
    }
    Atomics.store(this.#word, WORD, UNLOCKED);
    Atomics.notify(this.#word, WORD, 1);
  }
}
