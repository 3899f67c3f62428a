/**
 * Picks the client's mode and runs it.
 *
 * @module
 */
import type { ClientMode } from "../config/client_config.ts";
import { runAgencyMode } from "./agency_mode.ts";
import { runBetMode } from "./bet_mode.ts";
import type { ClientContext, ModeOutcome } from "./client_context.ts";
import { runEchoMode } from "./echo_mode.ts";

const MODES: Record<
  ClientMode,
  (context: ClientContext) => Promise<ModeOutcome>
> = {
  echo: runEchoMode,
  bet: runBetMode,
  agency: runAgencyMode,
};

/** Runs the configured mode; returns the process exit code. */
export function runClient(context: ClientContext): Promise<ModeOutcome> {
  return MODES[context.config.mode](context);
}
