/**
 * The Lotería Nacional central server. Reads `./config.ini`, then serves
 * agencies on a pool of Web Workers until SIGTERM.
 *
 * The same module is the workers' entry point, so one compiled binary or
 * one bundle carries both roles.
 *
 * @module
 */
import { ConfigError } from "./lib/config/config_error.ts";
import {
  loadServerConfig,
  type ServerConfig,
} from "./lib/config/server_config.ts";
import { EventLogger, setupLogging } from "./lib/runtime/logging.ts";
import { listenForTermination } from "./lib/runtime/termination.ts";
import { runBetWorker } from "./lib/server/bet_worker.ts";
import { runServer } from "./lib/server/run_server.ts";
import { isBetWorkerThread } from "./lib/server/worker_messages.ts";

async function main(): Promise<number> {
  setupLogging("INFO");
  const log = new EventLogger("server");
  const config = loadConfigOrReport(log);
  if (config === undefined) return 1;

  setupLogging(config.loggingLevel);
  log.info("config", "success", {
    port: config.port,
    listen_backlog: config.listenBacklog,
    logging_level: config.loggingLevel,
    workers: config.workers,
    agencies: config.agencies,
    storage_filepath: config.storageFilePath,
  });

  using termination = listenForTermination();
  try {
    return await runServer({
      config,
      log,
      signal: termination.signal,
      moduleUrl: Deno.mainModule,
    });
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    log.critical("server", "fail", { reason });
    return 1;
  }
}

function loadConfigOrReport(log: EventLogger): ServerConfig | undefined {
  try {
    return loadServerConfig();
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    log.critical("config", "fail", { error: error.message });
    return undefined;
  }
}

if (isBetWorkerThread()) {
  runBetWorker();
} else if (import.meta.main) {
  Deno.exit(await main());
}
