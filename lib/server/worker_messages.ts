/**
 * Messages between the server's main thread and its bet workers.
 *
 * @module
 */
import type { ServerConfig } from "../config/server_config.ts";
import type { SharedSyncBuffers } from "../sync/shared_sync_state.ts";

/** The shared-memory buffers every worker attaches to. */
export interface SharedBuffers {
  /** The storage lock and the draw barrier. */
  sync: SharedSyncBuffers;
  /** The batch ledger (see `batch_ledger.ts`). */
  ledger: SharedArrayBuffer;
  /** The draw's winners (see `draw_results.ts`). */
  results: SharedArrayBuffer;
}

/** Main thread → worker. */
export type ToWorker =
  | {
    kind: "start";
    index: number;
    config: ServerConfig;
    shared: SharedBuffers;
  }
  | { kind: "stop" };

/** Worker → main thread. */
export type FromWorker =
  | { kind: "listening" }
  | { kind: "failed"; reason: string }
  | { kind: "stopped" };

/** The name prefix that tells a thread it is a bet worker. */
export const BET_WORKER_NAME_PREFIX = "bet-worker-";

/** Whether this thread was started as a bet worker. */
export function isBetWorkerThread(): boolean {
  const name = (globalThis as { name?: unknown }).name;
  return typeof name === "string" && name.startsWith(BET_WORKER_NAME_PREFIX);
}
