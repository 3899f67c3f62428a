import { strict as assert } from "node:assert";
import type { ServerConfig } from "../../../lib/config/server_config.ts";
import { EventLogger } from "../../../lib/runtime/logging.ts";
import { WorkerPool } from "../../../lib/server/worker_pool.ts";
import { SharedSyncState } from "../../../lib/sync/shared_sync_state.ts";
import { BatchLedger } from "../../../lib/server/batch_ledger.ts";
import { DrawResults } from "../../../lib/server/draw_results.ts";

const CONFIG: ServerConfig = {
  port: 0,
  ip: "127.0.0.1",
  listenBacklog: 5,
  loggingLevel: "CRITICAL",
  storageFilePath: "./unused.csv",
  agencies: 1,
  workers: 2,
};

function options(workerFile: string) {
  return {
    config: CONFIG,
    shared: {
      sync: SharedSyncState.create(1).toTransferable(),
      ledger: BatchLedger.create(1).buffer,
      results: DrawResults.create().buffer,
    },
    log: new EventLogger("test"),
    moduleUrl: new URL(`./_workers/${workerFile}`, import.meta.url),
  };
}

Deno.test("WorkerPool reports a crashed worker with its error", async () => {
  const pool = await WorkerPool.start(options("crashing_worker.ts"));

  await pool.stop(200);
  const crash = await pool.crashed;

  assert.match(crash, /^worker [12]: .*disk on fire/);
});

Deno.test("WorkerPool.start() fails when a worker dies starting", async () => {
  await assert.rejects(
    WorkerPool.start(options("dying_worker.ts")),
    /Cannot start the bet workers: worker [12]: .*cannot open the storage/,
  );
});

Deno.test("WorkerPool.start() fails when a worker cannot listen", async () => {
  await assert.rejects(
    WorkerPool.start(options("refusing_worker.ts")),
    /Cannot start the bet workers: Address already in use/,
  );
});
