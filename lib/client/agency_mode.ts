/**
 * Exercises 6–7: an agency streams its bets file to the server in batches,
 * says it has finished, and asks for its own winners.
 *
 * @module
 */
import { BatchBuilder } from "../protocol/batch_builder.ts";
import { AgencyFileError, countLines, readAgencyFile } from "./agency_file.ts";
import type { ClientContext, ModeOutcome } from "./client_context.ts";
import { LotterySession } from "./lottery_session.ts";

/** How often a long upload logs its progress. */
export const PROGRESS_INTERVAL_MILLIS = 3_000;

/** Uploads, finishes and queries; 0 once the winners are known. */
export async function runAgencyMode(
  context: ClientContext,
): Promise<ModeOutcome> {
  const { config, log, signal } = context;
  using session = new LotterySession(context);
  try {
    const sent = await uploadBets(context, session);
    if (signal.aborted) return 0;
    log.info("envio_apuestas", "success", {
      client_id: config.id,
      enviadas: sent,
    });

    await session.finish();
    const winners = await session.winners();
    log.info("consulta_ganadores", "success", {
      cant_ganadores: winners.length,
    });
    return 0;
  } catch (error) {
    if (signal.aborted) return 0;
    const reason = error instanceof Error ? error.message : String(error);
    const action = isFileProblem(error) ? "leer_apuestas" : "envio_apuestas";
    log.error(action, "fail", { client_id: config.id, reason });
    return 1;
  }
}

/**
 * Streams the file into batches of at most `batch.maxAmount` bets, each
 * also within the 8 KiB frame limit, and waits for each batch's ACK. A bad
 * line stops the upload before the batch holding it is sent.
 *
 * @returns How many bets the server acknowledged.
 */
async function uploadBets(
  context: ClientContext,
  session: LotterySession,
): Promise<number> {
  const { config, signal } = context;
  const builder = new BatchBuilder(config.id, config.batchMaxAmount);
  const progress = new ProgressLog(
    context,
    await countLines(config.agencyFile),
  );
  let sequence = 0;
  let sent = 0;

  const flush = async () => {
    const count = builder.count;
    sequence++;
    await session.store(builder.takeFrame(sequence), sequence);
    sent += count;
    progress.report(sent);
  };

  for await (const { bet } of readAgencyFile(config.agencyFile, config.id)) {
    if (signal.aborted) return sent;
    if (builder.tryAdd(bet)) continue;
    await flush();
    builder.tryAdd(bet);
  }
  if (builder.count > 0) await flush();
  return sent;
}

/** Logs upload progress at most once per interval. */
class ProgressLog {
  #context: ClientContext;
  #total: number;
  #lastAt = performance.now();

  constructor(context: ClientContext, total: number) {
    this.#context = context;
    this.#total = total;
  }

  report(sent: number): void {
    const now = performance.now();
    if (now - this.#lastAt < PROGRESS_INTERVAL_MILLIS) return;
    this.#lastAt = now;
    this.#context.log.info("envio_apuestas", "in_progress", {
      client_id: this.#context.config.id,
      enviadas: sent,
      total: this.#total,
    });
  }
}

/** A bad agency file, as opposed to a failure talking to the server. */
function isFileProblem(error: unknown): boolean {
  return error instanceof AgencyFileError ||
    error instanceof Deno.errors.NotFound ||
    error instanceof Deno.errors.PermissionDenied ||
    error instanceof Deno.errors.IsADirectory;
}
