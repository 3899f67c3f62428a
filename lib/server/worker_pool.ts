/**
 * The main thread's pool of bet workers: starting them, noticing a crash,
 * and stopping them within a time bound.
 *
 * A crashed worker is not restarted: it may have died holding the shared
 * storage lock or in the middle of a batch, so the server stops (exit code
 * 1) rather than go on with state it cannot trust.
 *
 * @module
 */
import type { ServerConfig } from "../config/server_config.ts";
import type { EventLogger } from "../runtime/logging.ts";
import {
  BET_WORKER_NAME_PREFIX,
  type FromWorker,
  type SharedBuffers,
  type ToWorker,
} from "./worker_messages.ts";

/** What {@linkcode WorkerPool.start} needs. */
export interface WorkerPoolOptions {
  config: ServerConfig;
  shared: SharedBuffers;
  log: EventLogger;
  /** The module each worker runs (the server's own entry point). */
  moduleUrl: string | URL;
}

/** The bet workers, started and listening. */
export class WorkerPool {
  #workers: Worker[];
  #log: EventLogger;
  #crash: Promise<string>;

  private constructor(
    workers: Worker[],
    log: EventLogger,
    crash: Promise<string>,
  ) {
    this.#workers = workers;
    this.#log = log;
    this.#crash = crash;
  }

  /**
   * Starts `config.workers` workers and waits until each is listening.
   *
   * @throws {Error} when a worker cannot listen; the others are stopped.
   */
  static async start(options: WorkerPoolOptions): Promise<WorkerPool> {
    const { config, shared, log, moduleUrl } = options;
    const workers = Array.from({ length: config.workers }, (_, index) => {
      const name = `${BET_WORKER_NAME_PREFIX}${index + 1}`;
      const worker = new Worker(moduleUrl, { type: "module", name });
      post(worker, { kind: "start", index, config, shared });
      return worker;
    });

    // Watch for crashes from the start: a worker may die before the others
    // are listening, and an unwatched worker error would end the process.
    const crash = Promise.race(workers.map(crashOf));
    const failure = await Promise.race([
      Promise.all(workers.map(nextMessage)).then(firstFailure),
      crash,
    ]);
    if (failure !== undefined) {
      workers.forEach((worker) => worker.terminate());
      throw new Error(`Cannot start the bet workers: ${failure}`);
    }
    return new WorkerPool(workers, log, crash);
  }

  /** Resolves with a description when any worker dies of an error. */
  get crashed(): Promise<string> {
    return this.#crash;
  }

  /**
   * Asks every worker to stop and waits up to `timeoutMillis` for each;
   * a worker that does not answer in time is terminated.
   */
  async stop(timeoutMillis: number): Promise<void> {
    await Promise.all(this.#workers.map(async (worker, i) => {
      post(worker, { kind: "stop" });
      const stopped = await withTimeout(nextMessage(worker), timeoutMillis);
      worker.terminate();
      const details = { worker: i + 1 };
      if (stopped) this.#log.info("close_worker", "success", details);
      else {this.#log.error("close_worker", "fail", {
          ...details,
          reason: "timeout",
        });}
    }));
  }
}

function post(worker: Worker, message: ToWorker): void {
  worker.postMessage(message);
}

function nextMessage(worker: Worker): Promise<FromWorker> {
  return new Promise((resolve) => {
    worker.addEventListener("message", (event) => resolve(event.data), {
      once: true,
    });
  });
}

function firstFailure(replies: FromWorker[]): string | undefined {
  for (const reply of replies) {
    if (reply.kind === "failed") return reply.reason;
  }
  return undefined;
}

function crashOf(worker: Worker, index: number): Promise<string> {
  return new Promise((resolve) => {
    worker.addEventListener("error", (event) => {
      event.preventDefault();
      resolve(`worker ${index + 1}: ${event.message}`);
    });
  });
}

async function withTimeout<T>(
  promise: Promise<T>,
  millis: number,
): Promise<boolean> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<false>((resolve) => {
    timer = setTimeout(() => resolve(false), millis);
  });
  try {
    return await Promise.race([promise.then(() => true), timeout]);
  } finally {
    clearTimeout(timer);
  }
}
