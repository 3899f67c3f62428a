/**
 * Turning SIGTERM (what `docker stop` sends to PID 1) and SIGINT into an
 * `AbortSignal`. The binaries run as PID 1 in their containers, where the
 * kernel applies no default action to SIGTERM: without this listener the
 * signal would be ignored and Docker would kill the process after `-t`.
 *
 * @module
 */

const SIGNALS: readonly Deno.Signal[] = ["SIGTERM", "SIGINT"];

/** An abort signal fired by the first termination signal received. */
export interface Termination extends Disposable {
  signal: AbortSignal;
}

/**
 * Listens for SIGTERM and SIGINT; the returned signal aborts with the
 * signal's name as its reason. Dispose to remove the listeners.
 */
export function listenForTermination(): Termination {
  const controller = new AbortController();
  const handlers = SIGNALS.map((name) => {
    const handler = () => controller.abort(name);
    Deno.addSignalListener(name, handler);
    return [name, handler] as const;
  });

  return {
    signal: controller.signal,
    [Symbol.dispose]() {
      for (const [name, handler] of handlers) {
        Deno.removeSignalListener(name, handler);
      }
    },
  };
}

/** Resolves when `signal` aborts. */
export function aborted(signal: AbortSignal): Promise<void> {
  if (signal.aborted) return Promise.resolve();
  return new Promise((resolve) => {
    signal.addEventListener("abort", () => resolve(), { once: true });
  });
}
