/**
 * The server's main thread: shared state, the worker pool, and the
 * shutdown sequence.
 *
 * @module
 */
import type { ServerConfig } from "../config/server_config.ts";
import type { EventLogger } from "../runtime/logging.ts";
import { aborted } from "../runtime/termination.ts";
import { SharedSyncState } from "../sync/shared_sync_state.ts";
import { BatchLedger } from "./batch_ledger.ts";
import { DrawResults } from "./draw_results.ts";
import { WorkerPool } from "./worker_pool.ts";

/** How long each worker gets to close its sockets at shutdown. */
export const WORKER_STOP_TIMEOUT_MILLIS = 3_000;

/** What {@linkcode runServer} needs. */
export interface RunServerOptions {
  config: ServerConfig;
  log: EventLogger;
  /** Aborted by SIGTERM/SIGINT. */
  signal: AbortSignal;
  /** The module the workers run (the server's entry point). */
  moduleUrl: string | URL;
}

/**
 * Serves until `options.signal` aborts (exit code 0) or a worker crashes
 * (exit code 1); either way every worker is stopped first.
 *
 * @returns The process exit code.
 */
export async function runServer(options: RunServerOptions): Promise<number> {
  const { config, log, signal, moduleUrl } = options;
  // A barrier needs a party; with no agencies every HELLO is refused, so a
  // one-party barrier is simply never reached.
  const sync = SharedSyncState.create(Math.max(config.agencies, 1));
  const shared = {
    sync: sync.toTransferable(),
    ledger: BatchLedger.create(config.agencies).buffer,
    results: DrawResults.create().buffer,
  };

  const pool = await WorkerPool.start({ config, shared, log, moduleUrl });
  const crash = await Promise.race([aborted(signal), pool.crashed]);
  if (crash === undefined) {
    log.info("shutdown", "in_progress", { signal: String(signal.reason) });
  } else {
    log.critical("worker_crash", "fail", { reason: crash });
    sync.lock.wakeWaiters();
  }

  sync.barrier.cancel();
  await pool.stop(WORKER_STOP_TIMEOUT_MILLIS);
  log.info("shutdown", "success");
  return crash === undefined ? 0 : 1;
}
