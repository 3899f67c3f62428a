/**
 * Which batches each agency has had stored, in shared memory, so a retried
 * batch (same session, same sequence number) is acknowledged without being
 * stored twice, whichever worker it lands on.
 *
 * Layout: a `Uint32Array` with two cells per agency (index 0 unused):
 * `[2a]` the session id of the agency's current upload, `[2a+1]` the last
 * sequence number stored in it. Read and written only under the storage
 * lock, which orders these accesses between workers.
 *
 * @module
 */

/** What the ledger says about an incoming batch. */
export type BatchVerdict = "new" | "duplicate" | "gap";

/** Per-agency upload progress in a `SharedArrayBuffer`. */
export class BatchLedger {
  #cells: Uint32Array<SharedArrayBuffer>;

  /** Allocates a ledger for agencies `1..agencies`. */
  static create(agencies: number): BatchLedger {
    const bytes = 2 * (agencies + 1) * Uint32Array.BYTES_PER_ELEMENT;
    return new BatchLedger(new SharedArrayBuffer(bytes));
  }

  /** Attaches to a ledger created in another thread. */
  constructor(buffer: SharedArrayBuffer) {
    this.#cells = new Uint32Array(buffer);
  }

  /** The shared buffer, to post to workers. */
  get buffer(): SharedArrayBuffer {
    return this.#cells.buffer;
  }

  /**
   * Classifies batch `sequence` of `session`: the next one is `new`, one
   * already stored is a `duplicate`, one that skips ahead is a `gap`. A new
   * session (a fresh client run) starts over from sequence 1.
   */
  classify(agency: number, session: number, sequence: number): BatchVerdict {
    const sameSession = Atomics.load(this.#cells, 2 * agency) === session;
    const last = sameSession ? Atomics.load(this.#cells, 2 * agency + 1) : 0;
    if (sequence <= last) return "duplicate";
    return sequence === last + 1 ? "new" : "gap";
  }

  /** Records that batch `sequence` of `session` is stored. */
  record(agency: number, session: number, sequence: number): void {
    Atomics.store(this.#cells, 2 * agency, session);
    Atomics.store(this.#cells, 2 * agency + 1, sequence);
  }
}
