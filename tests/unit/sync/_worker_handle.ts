/**
 * Test helper: a worker whose messages are read one at a time, in order,
 * and which is always terminated when the test leaves its scope.
 *
 * @module
 */

/**
 * How long to wait for one worker message before failing the test. It only
 * turns a deadlock into a failure; no assertion depends on timing.
 */
const HANG_GUARD_MS = 30_000;

/** A module worker whose replies are queued and read with `next()`. */
export class WorkerHandle implements Disposable {
  readonly #worker: Worker;
  readonly #name: string;
  readonly #inbox: unknown[] = [];
  #waiting: PromiseWithResolvers<unknown> | undefined;
  #failure: Error | undefined;

  /**
   * Starts the module worker at `url`.
   *
   * @param url The worker module.
   * @param name Names the worker in failure messages.
   */
  constructor(url: URL, name: string) {
    this.#name = name;
    this.#worker = new Worker(url, { type: "module", name });
    this.#worker.onmessage = (event) => this.#deliver(event.data);
    this.#worker.onerror = (event) => {
      event.preventDefault();
      this.#fail(new Error(`Worker ${name} failed: ${event.message}`));
    };
  }

  /**
   * Sends a message to the worker.
   *
   * @param message Anything structured-clonable.
   */
  post(message: unknown): void {
    this.#worker.postMessage(message);
  }

  /**
   * Reads the worker's next message, in the order it sent them.
   *
   * @returns The message data.
   * @throws {Error} If the worker failed or stayed silent past the guard.
   */
  async next<T>(): Promise<T> {
    if (this.#failure) throw this.#failure;
    if (this.#inbox.length > 0) return this.#inbox.shift() as T;

    this.#waiting = Promise.withResolvers();
    const guard = setTimeout(() => {
      this.#fail(new Error(`Worker ${this.#name} sent nothing: deadlock?`));
    }, HANG_GUARD_MS);
    try {
      return await this.#waiting.promise as T;
    } finally {
      clearTimeout(guard);
    }
  }

  /**
   * Sends `message` and reads the next message back.
   *
   * @param message The request.
   * @returns The worker's next message.
   */
  request<T>(message: unknown): Promise<T> {
    this.post(message);
    return this.next<T>();
  }

  /** Terminates the worker. */
  [Symbol.dispose](): void {
    this.#worker.terminate();
  }

  #deliver(data: unknown): void {
    const waiting = this.#waiting;
    this.#waiting = undefined;
    if (waiting) waiting.resolve(data);
    else this.#inbox.push(data);
  }

  #fail(error: Error): void {
    this.#failure = error;
    this.#waiting?.reject(error);
    this.#waiting = undefined;
  }
}

/**
 * Starts `count` workers from one module.
 *
 * @param url The worker module.
 * @param count How many.
 * @returns The workers, terminated together when the result is disposed.
 */
export function startWorkers(
  url: URL,
  count: number,
): WorkerHandle[] & Disposable {
  const module = url.pathname.split("/").at(-1);
  const workers = Array.from(
    { length: count },
    (_, index) => new WorkerHandle(url, `${module}#${index}`),
  );
  return Object.assign(workers, {
    [Symbol.dispose]: () =>
      workers.forEach((worker) => worker[Symbol.dispose]()),
  });
}
