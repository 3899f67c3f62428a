/**
 * Shared `Int32Array` cells: attaching a view to a posted buffer and waiting
 * on one cell without blocking the event loop.
 *
 * @module
 */

/** An `Int32Array` view over memory shared between threads. */
export type SharedCells = Int32Array<SharedArrayBuffer>;

/** The longest delay a timer accepts; the keep-alive never has to fire. */
const MAX_TIMER_DELAY_MS = 2 ** 31 - 1;

/**
 * Names a value for an error message without dumping its contents.
 *
 * @param value Anything a caller passed in.
 * @returns The constructor name of an object, else its type and value.
 */
export function describeValue(value: unknown): string {
  if (value === null || value === undefined) return String(value);
  if (typeof value !== "object") return `${typeof value} ${String(value)}`;

  return value.constructor?.name ?? "object";
}

/**
 * Views a posted buffer as `Int32Array` cells.
 *
 * @param buffer What the caller claims is a shared buffer.
 * @param owner What is being attached, for error messages ("the lock").
 * @returns A view over the whole buffer.
 * @throws {TypeError} If `buffer` is not a `SharedArrayBuffer`.
 * @throws {RangeError} If its length is not a positive multiple of 4 bytes.
 */
export function attachCells(buffer: unknown, owner: string): SharedCells {
  if (!(buffer instanceof SharedArrayBuffer)) {
    const received = describeValue(buffer);
    throw new TypeError(
      `Cannot attach ${owner}: expected a SharedArrayBuffer, received ${received}`,
    );
  }

  const cellSize = Int32Array.BYTES_PER_ELEMENT;
  if (buffer.byteLength === 0 || buffer.byteLength % cellSize !== 0) {
    throw new RangeError(
      `Cannot attach ${owner}: buffer length must be a positive multiple of ${cellSize} bytes, received ${buffer.byteLength}`,
    );
  }
  return new Int32Array(buffer);
}

/**
 * Resolves once `cells[index]` is notified, or at once if it no longer holds
 * `expected`. A wakeup may be spurious: callers re-read the cell and decide
 * again. This never spins and never blocks the calling thread's event loop.
 *
 * If `signal` aborts first the promise rejects with its reason; the waiter
 * it leaves registered in the engine is discarded by the next notify of that
 * cell, so callers that hand out single wakeups must notify all on abort.
 *
 * @param cells The shared cells.
 * @param index Which cell to wait on.
 * @param expected The value that means "keep waiting".
 * @param signal Abandons the wait.
 * @returns A promise that settles on wakeup or abort.
 */
export function waitForChange(
  cells: SharedCells,
  index: number,
  expected: number,
  signal?: AbortSignal,
): Promise<void> {
  if (signal?.aborted) return Promise.reject(signal.reason);

  const wait = Atomics.waitAsync(cells, index, expected);
  if (!wait.async) return Promise.resolve();
  return untilWokenOrAborted(wait.value, signal);
}

function untilWokenOrAborted(
  woken: Promise<unknown>,
  signal: AbortSignal | undefined,
): Promise<void> {
  const { promise, resolve, reject } = Promise.withResolvers<void>();
  // A pending Atomics.waitAsync does not keep Deno's event loop alive: a
  // wakeup posted after the loop's last task would be dropped, leaving this
  // waiter pending forever. A timer that never fires keeps the loop running.
  const keepAlive = setInterval(() => {}, MAX_TIMER_DELAY_MS);
  const onAbort = () => reject(signal?.reason);
  signal?.addEventListener("abort", onAbort, { once: true });
  woken.then(() => resolve());

  return promise.finally(() => {
    clearInterval(keepAlive);
    signal?.removeEventListener("abort", onAbort);
  });
}
