/**
 * What every client mode receives.
 *
 * @module
 */
import type { ClientConfig } from "../config/client_config.ts";
import type { EventLogger } from "../runtime/logging.ts";

/** A mode's inputs: the configuration, the logger and the stop signal. */
export interface ClientContext {
  config: ClientConfig;
  log: EventLogger;
  /** Aborted by SIGTERM: the mode stops sending and closes its socket. */
  signal: AbortSignal;
}

/** How a mode ended: its exit code. */
export type ModeOutcome = 0 | 1;
