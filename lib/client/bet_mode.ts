/**
 * Exercise 5: one agency sends one person's bet, read from the environment,
 * and logs `apuesta_enviada` once the server confirms it is stored.
 *
 * @module
 */
import { ConfigError } from "../config/config_error.ts";
import { processEnv } from "../config/config_source.ts";
import { encodeMessage } from "../protocol/messages.ts";
import { betFromEnv } from "./bet_from_env.ts";
import type { ClientContext, ModeOutcome } from "./client_context.ts";
import { LotterySession } from "./lottery_session.ts";

/** Sends the bet; 0 once the server has stored it. */
export async function runBetMode(context: ClientContext): Promise<ModeOutcome> {
  const { config, log, signal } = context;
  let bet;
  try {
    bet = betFromEnv(config.id, processEnv);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    log.critical("apuesta_enviada", "fail", { reason: error.message });
    return 1;
  }

  const details = { dni: bet.document, numero: bet.number };
  using session = new LotterySession(context);
  try {
    const sequence = 1;
    await session.store(
      encodeMessage({ type: "BET", agency: config.id, sequence, bet }),
      sequence,
    );
  } catch (error) {
    if (signal.aborted) return 0;
    const reason = error instanceof Error ? error.message : String(error);
    log.error("apuesta_enviada", "fail", { ...details, reason });
    return 1;
  }
  log.info("apuesta_enviada", "success", details);
  return 0;
}
