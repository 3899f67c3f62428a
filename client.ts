/**
 * A Lotería Nacional agency client. Reads `./config.yaml` (with `CLI_*`
 * environment overrides) and runs the mode `CLI_MODE` selects: `echo`
 * (exercises 1–4), `bet` (exercise 5) or `agency` (exercises 6–7).
 *
 * @module
 */
import {
  type ClientConfig,
  loadClientConfig,
} from "./lib/config/client_config.ts";
import { ConfigError } from "./lib/config/config_error.ts";
import { runClient } from "./lib/client/run_client.ts";
import { EventLogger, setupLogging } from "./lib/runtime/logging.ts";
import { listenForTermination } from "./lib/runtime/termination.ts";

async function main(): Promise<number> {
  setupLogging("INFO");
  const log = new EventLogger("client");
  const config = loadConfigOrReport(log);
  if (config === undefined) return 1;

  setupLogging(config.logLevel);
  log.info("config", "success", {
    client_id: config.id,
    server_address: config.raw.serverAddress,
    loop_amount: config.loopAmount,
    loop_period: config.raw.loopPeriod,
    log_level: config.logLevel,
    mode: config.mode,
    batch_max_amount: config.batchMaxAmount,
  });

  using termination = listenForTermination();
  const { signal } = termination;
  signal.addEventListener("abort", () => {
    log.info("shutdown", "in_progress", {
      client_id: config.id,
      signal: String(signal.reason),
    });
  });

  const code = await runClient({ config, log, signal });
  if (signal.aborted) log.info("shutdown", "success", { client_id: config.id });
  return code;
}

function loadConfigOrReport(log: EventLogger): ClientConfig | undefined {
  try {
    return loadClientConfig();
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    log.critical("config", "fail", { error: error.message });
    return undefined;
  }
}

if (import.meta.main) {
  Deno.exit(await main());
}
