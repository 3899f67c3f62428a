/**
 * Test helper: yields to the event loop through a message channel, which
 * unlike a timer is never clamped, so a task can let others run cheaply.
 *
 * @module
 */

/** Resumes the caller after the tasks already queued have run. */
export class EventLoopYielder implements Disposable {
  readonly #channel = new MessageChannel();
  readonly #resumes: (() => void)[] = [];

  /** Opens the channel used to schedule resumptions. */
  constructor() {
    this.#channel.port2.onmessage = () => this.#resumes.shift()?.();
  }

  /**
   * Waits one trip through the event loop's task queue.
   *
   * @returns A promise that resolves after the queued tasks ran.
   */
  next(): Promise<void> {
    const { promise, resolve } = Promise.withResolvers<void>();
    this.#resumes.push(resolve);
    this.#channel.port1.postMessage(null);
    return promise;
  }

  /** Closes the channel so it no longer keeps the event loop alive. */
  [Symbol.dispose](): void {
    this.#channel.port1.close();
    this.#channel.port2.close();
  }
}
