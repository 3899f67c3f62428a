/**
 * A bet worker: one thread that listens on the shared port (`reusePort`,
 * so the kernel spreads connections over the workers) and serves each
 * connection it accepts concurrently on its own event loop.
 *
 * @module
 */
import { setupLogging } from "../runtime/logging.ts";
import { EventLogger } from "../runtime/logging.ts";
import { closeQuietly } from "../runtime/close_quietly.ts";
import { SharedSyncState } from "../sync/shared_sync_state.ts";
import { BatchLedger } from "./batch_ledger.ts";
import { DrawResults } from "./draw_results.ts";
import { serveConnection } from "./connection.ts";
import { LotteryOffice } from "./lottery_office.ts";
import type { FromWorker, ToWorker } from "./worker_messages.ts";

type StartMessage = Extract<ToWorker, { kind: "start" }>;

/** The worker's global scope, as far as this module uses it. */
interface WorkerScope {
  onmessage: ((event: MessageEvent<ToWorker>) => void) | null;
  postMessage(message: FromWorker): void;
  close(): void;
}

/** Runs this thread as a bet worker, driven by the main thread's messages. */
export function runBetWorker(): void {
  const scope = globalThis as unknown as WorkerScope;
  let worker: BetWorker | undefined;

  scope.onmessage = async ({ data }) => {
    if (data.kind === "start") {
      worker = startWorker(data, scope);
      return;
    }
    await worker?.stop();
    scope.postMessage({ kind: "stopped" });
    scope.close();
  };
}

function startWorker(start: StartMessage, scope: WorkerScope) {
  setupLogging(start.config.loggingLevel);
  try {
    const worker = new BetWorker(start);
    scope.postMessage({ kind: "listening" });
    return worker;
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    scope.postMessage({ kind: "failed", reason });
    return undefined;
  }
}

class BetWorker {
  #log = new EventLogger("server");
  #controller = new AbortController();
  #listener: Deno.TcpListener;
  #office: LotteryOffice;
  #agencies: number;
  #connections = new Map<Deno.TcpConn, Promise<void>>();
  #accepting: Promise<void>;

  constructor(start: StartMessage) {
    const { config, shared } = start;
    this.#agencies = config.agencies;
    const { lock, barrier } = SharedSyncState.fromTransferable(shared.sync);
    this.#office = new LotteryOffice({
      lock,
      barrier,
      ledger: new BatchLedger(shared.ledger),
      results: new DrawResults(shared.results),
      storageFilePath: config.storageFilePath,
      signal: this.#controller.signal,
    });
    this.#listener = Deno.listen({
      hostname: config.ip,
      port: config.port,
      reusePort: true,
    });
    this.#accepting = this.#acceptLoop();
  }

  async #acceptLoop(): Promise<void> {
    this.#log.info("accept_connections", "in_progress");
    try {
      for await (const conn of this.#listener) {
        this.#log.info("accept_connections", "success", {
          ip: conn.remoteAddr.hostname,
        });
        this.#track(conn);
        this.#log.info("accept_connections", "in_progress");
      }
    } catch (error) {
      if (!this.#controller.signal.aborted) throw error;
    }
  }

  #track(conn: Deno.TcpConn): void {
    const serving = serveConnection(conn, {
      office: this.#office,
      agencies: this.#agencies,
      log: this.#log,
      signal: this.#controller.signal,
    }).finally(() => this.#connections.delete(conn));
    this.#connections.set(conn, serving);
  }

  /** Stops accepting, hangs up every connection and waits for them. */
  async stop(): Promise<void> {
    this.#controller.abort(new Error("The server is shutting down"));
    this.#listener.close();
    await this.#accepting;
    this.#log.info("close_listener", "success");

    for (const conn of this.#connections.keys()) closeQuietly(conn);
    await Promise.allSettled(this.#connections.values());
  }
}
