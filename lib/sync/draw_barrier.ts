/**
 * The barrier that holds back winner queries until every agency has
 * finished sending its bets and the draw has been performed.
 *
 * @module
 */

import { attachCells, type SharedCells, waitForChange } from "./_cells.ts";

/** Where the barrier's fields live in its `Int32Array`. */
const STATE = 0;
const ARRIVALS = 1;
const PARTIES = 2;
/** Party `p` (1-based) has its arrival flag at `FLAGS_START + p - 1`. */
const FLAGS_START = 3;

const WAITING = 0;
const OPEN = 1;
const CANCELLED = 2;

const NOT_ARRIVED = 0;
const ARRIVED = 1;

/** The largest number of parties one barrier accepts. */
export const MAX_PARTIES = 65_536;

/** Where a {@linkcode DrawBarrier} stands. */
export type BarrierState = "waiting" | "open" | "cancelled";

/** How a barrier wait ended. */
export type WaitOutcome = "open" | "cancelled";

/** What one call to {@linkcode DrawBarrier.arrive} achieved. */
export interface ArrivalResult {
  /** This was the party's first arrival, so it was counted. */
  counted: boolean;
  /**
   * This arrival was the last one missing. True for exactly one call per
   * barrier, across all threads: that caller performs the draw, then calls
   * {@linkcode DrawBarrier.open}.
   */
  completed: boolean;
}

/** Options for {@linkcode DrawBarrier.wait}. */
export interface BarrierWaitOptions {
  /** Abandons the wait: the promise rejects with the signal's reason. */
  signal?: AbortSignal;
}

const STATE_NAMES: readonly BarrierState[] = ["waiting", "open", "cancelled"];

/**
 * A one-shot barrier in shared memory for parties numbered 1..K (the
 * agencies). Each party arrives once; the arrival that completes the count
 * is told so, performs the draw and opens the barrier. Waiters in any thread
 * are released when it opens, or when shutdown cancels it.
 *
 * Layout, in 32-bit cells: `[state, arrivals, parties, flag 1, …, flag K]`.
 *
 * @example Decide the draw once every agency arrived
 * ```ts
 * import { DrawBarrier } from "./draw_barrier.ts";
 *
 * const barrier = DrawBarrier.create(2);
 * const query = barrier.wait(); // a winners query, held back
 * barrier.arrive(1);
 * if (barrier.arrive(2).completed) {
 *   // perform the draw here, then let the waiters through
 *   barrier.open();
 * }
 * const outcome = await query; // "open"
 * ```
 */
export class DrawBarrier {
  readonly #cells: SharedCells;

  /**
   * Allocates a barrier in the waiting state with nobody arrived.
   *
   * @param parties How many parties must arrive (K).
   * @returns A barrier whose {@linkcode DrawBarrier.buffer} can be posted.
   * @throws {RangeError} If `parties` is not an integer in 1..MAX_PARTIES.
   */
  static create(parties: number): DrawBarrier {
    checkPartyCount(parties);

    const bytes = (FLAGS_START + parties) * Int32Array.BYTES_PER_ELEMENT;
    const buffer = new SharedArrayBuffer(bytes);
    new Int32Array(buffer)[PARTIES] = parties;
    return new DrawBarrier(buffer);
  }

  /**
   * Attaches to a barrier allocated by {@linkcode DrawBarrier.create},
   * usually in another thread.
   *
   * @param buffer The barrier's buffer, as received through `postMessage`.
   * @throws {TypeError} If `buffer` is not a `SharedArrayBuffer`.
   * @throws {RangeError} If its size does not match the party count in it.
   */
  constructor(buffer: SharedArrayBuffer) {
    const cells = attachCells(buffer, "the draw barrier");
    const parties = cells.length > PARTIES ? Atomics.load(cells, PARTIES) : 0;
    if (cells.length !== FLAGS_START + parties || parties < 1) {
      throw new RangeError(
        `Cannot attach the draw barrier: ${cells.length} cells do not fit the layout for ${parties} parties`,
      );
    }
    this.#cells = cells;
  }

  /** The shared memory behind this barrier, to post to other threads. */
  get buffer(): SharedArrayBuffer {
    return this.#cells.buffer;
  }

  /** How many parties must arrive (K). */
  get parties(): number {
    return this.#cells[PARTIES];
  }

  /** How many distinct parties have arrived so far. */
  get arrivals(): number {
    return Atomics.load(this.#cells, ARRIVALS);
  }

  /** Whether the barrier is still waiting, open or cancelled. */
  get state(): BarrierState {
    return STATE_NAMES[Atomics.load(this.#cells, STATE)];
  }

  /**
   * Records that `party` finished. Only its first arrival counts; a
   * duplicate (a client retrying) changes nothing. Arriving never opens the
   * barrier, and arrivals are still recorded after it was cancelled.
   *
   * @param party The party number, 1..K.
   * @returns Whether this call counted and whether it completed the count.
   * @throws {RangeError} If `party` is not an integer in 1..K.
   */
  arrive(party: number): ArrivalResult {
    const flag = this.#flagIndex(party, "record the arrival");

    const previous = Atomics.compareExchange(
      this.#cells,
      flag,
      NOT_ARRIVED,
      ARRIVED,
    );
    if (previous !== NOT_ARRIVED) return { counted: false, completed: false };

    const arrivals = Atomics.add(this.#cells, ARRIVALS, 1) + 1;
    return { counted: true, completed: arrivals === this.parties };
  }

  /**
   * Tells whether `party` has arrived.
   *
   * @param party The party number, 1..K.
   * @returns True once its first arrival was recorded.
   * @throws {RangeError} If `party` is not an integer in 1..K.
   */
  hasArrived(party: number): boolean {
    const flag = this.#flagIndex(party, "check the arrival");
    return Atomics.load(this.#cells, flag) === ARRIVED;
  }

  /**
   * Opens the barrier, releasing every waiter in every thread. Called by the
   * one caller whose arrival completed the count, after the draw.
   *
   * @returns True if this call opened it; false if it was already open or
   *   cancelled, in which case nothing changes.
   * @throws {TypeError} If some party has not arrived yet.
   */
  open(): boolean {
    const arrivals = this.arrivals;
    if (arrivals < this.parties) {
      throw new TypeError(
        `Cannot open the draw barrier: only ${arrivals} of ${this.parties} parties arrived`,
      );
    }
    return this.#leaveWaiting(OPEN);
  }

  /**
   * Cancels the barrier for shutdown, releasing every waiter with
   * `"cancelled"`. An open barrier stays open.
   *
   * @returns True if this call cancelled it.
   */
  cancel(): boolean {
    return this.#leaveWaiting(CANCELLED);
  }

  /**
   * Waits until the barrier opens or is cancelled, without blocking the
   * event loop. Settles at once if that already happened.
   *
   * @param options Lets shutdown abandon the wait.
   * @returns `"open"` or `"cancelled"`.
   * @throws The signal's reason, if it aborts first.
   */
  async wait(options: BarrierWaitOptions = {}): Promise<WaitOutcome> {
    const { signal } = options;
    signal?.throwIfAborted();

    let state = Atomics.load(this.#cells, STATE);
    while (state === WAITING) {
      await waitForChange(this.#cells, STATE, WAITING, signal);
      state = Atomics.load(this.#cells, STATE);
    }
    return state === OPEN ? "open" : "cancelled";
  }

  #leaveWaiting(next: typeof OPEN | typeof CANCELLED): boolean {
    const previous = Atomics.compareExchange(
      this.#cells,
      STATE,
      WAITING,
      next,
    );
    if (previous !== WAITING) return false;

    Atomics.notify(this.#cells, STATE);
    return true;
  }

  #flagIndex(party: number, action: string): number {
    if (!Number.isInteger(party) || party < 1 || party > this.parties) {
      throw new RangeError(
        `Cannot ${action}: party must be an integer in 1..${this.parties}, received ${party}`,
      );
    }
    return FLAGS_START + party - 1;
  }
}

function checkPartyCount(parties: number): void {
  if (!Number.isInteger(parties) || parties < 1 || parties > MAX_PARTIES) {
    throw new RangeError(
      `Cannot create the draw barrier: parties must be an integer in 1..${MAX_PARTIES}, received ${parties}`,
    );
  }
}
