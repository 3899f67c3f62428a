/**
 * The draw's outcome in shared memory: written once, by the worker that
 * holds the draw, before it opens the draw barrier; read by every other
 * worker after the barrier opens. So the stored bets are read once per
 * draw, not once per worker.
 *
 * Layout: a growable `SharedArrayBuffer`; cell 0 (i32) is the state
 * (0 empty, 1 published, 2 too large to publish), cell 1 the byte length,
 * then the winners as UTF-8 JSON (`{"<agency>": ["<document>", ...]}`).
 * The barrier's `open()` (an atomic store and notify) orders the writes
 * before any reader's wake-up, and the state is read atomically too.
 *
 * @module
 */
import type { WinnersByAgency } from "../domain/draw.ts";

const PUBLISHED = 1;
const TOO_LARGE = 2;

const HEADER_BYTES = 8;

/** Upper bound of the reserved size; only what is written is committed. */
export const MAX_RESULTS_BYTES = 64 * 1024 * 1024;

/** The winners of a draw, shared by all workers. */
export class DrawResults {
  #buffer: SharedArrayBuffer;
  #cells: Int32Array<SharedArrayBuffer>;

  /** Reserves an empty board of at most `maxBytes`. */
  static create(maxBytes: number = MAX_RESULTS_BYTES): DrawResults {
    const buffer = new SharedArrayBuffer(HEADER_BYTES, {
      maxByteLength: maxBytes,
    });
    return new DrawResults(buffer);
  }

  /** Attaches to a board created in another thread. */
  constructor(buffer: SharedArrayBuffer) {
    this.#buffer = buffer;
    this.#cells = new Int32Array(buffer, 0, 2);
  }

  /** The shared buffer, to post to workers. */
  get buffer(): SharedArrayBuffer {
    return this.#buffer;
  }

  /**
   * Writes the winners; returns false (and marks the board so) when they
   * do not fit, in which case readers compute them themselves.
   */
  publish(winners: WinnersByAgency): boolean {
    const json = JSON.stringify(Object.fromEntries(winners));
    const bytes = new TextEncoder().encode(json);
    const needed = HEADER_BYTES + bytes.length;
    if (needed > this.#buffer.maxByteLength) {
      Atomics.store(this.#cells, 0, TOO_LARGE);
      return false;
    }

    this.#buffer.grow(Math.max(needed, this.#buffer.byteLength));
    new Uint8Array(this.#buffer, HEADER_BYTES, bytes.length).set(bytes);
    Atomics.store(this.#cells, 1, bytes.length);
    Atomics.store(this.#cells, 0, PUBLISHED);
    return true;
  }

  /** The published winners, or undefined if none were published. */
  read(): WinnersByAgency | undefined {
    if (Atomics.load(this.#cells, 0) !== PUBLISHED) return undefined;

    const length = Atomics.load(this.#cells, 1);
    // A copy: TextDecoder does not read shared memory.
    const bytes = new Uint8Array(this.#buffer, HEADER_BYTES, length).slice();
    const parsed: Record<string, string[]> = JSON.parse(
      new TextDecoder().decode(bytes),
    );
    return new Map(
      Object.entries(parsed).map(([agency, docs]) => [Number(agency), docs]),
    );
  }
}
