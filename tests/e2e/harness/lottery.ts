/**
 * Reading the outcome of a lottery deployment (agency mode) out of its
 * logs, exit codes and the server's bets file, and checking it against
 * what the agency files hold.
 *
 * @module
 */

import { strict as assert } from "node:assert";
import type { Bet } from "../../../lib/domain/bet.ts";
import { loadBets } from "../../../lib/domain/bet_storage.ts";
import type { ComposeProject, WaitOptions } from "./compose_project.ts";
import type { LogEntry } from "./logs.ts";
import type { Stack } from "./stack.ts";

/** Where the server image stores bets (`STORAGE_FILEPATH` in `/app`). */
export const SERVER_BETS_FILE = "/app/bets.csv";

/** What a finished lottery left behind. */
export interface LotteryOutcome {
  /** Exit code of each client, `client1` first. */
  exitCodes: number[];
  /** `enviadas` of each client's `envio_apuestas | success`, if logged. */
  sent: (number | undefined)[];
  /** `cant_ganadores` of each client's winners line, if logged. */
  winners: (number | undefined)[];
  /** `cantidad` of each `apuesta_recibida | success`, in log order. */
  batches: number[];
  /** How many `sorteo | success` lines the server logged. */
  draws: number;
  /** Every `result: fail` line of any service. */
  failures: string[];
  /** Every service's log but the batch lines, for failure messages. */
  log: string;
}

/** What the agency files held, one entry per agency. */
export interface LotteryExpectation {
  /** Bets in each agency's file, agency 1 first. */
  bets: number[];
  /** Winning bets in each agency's file, agency 1 first. */
  winners: number[];
}

/** `client1` to `client<count>`. */
export function clientNames(count: number): string[] {
  return Array.from({ length: count }, (_, i) => `client${i + 1}`);
}

/**
 * Waits for every client of `project` to exit, then for the server's
 * answer line to each client that logged its winners, and collects the
 * outcome.
 */
export async function awaitLottery(
  project: ComposeProject,
  clients: number,
  options: WaitOptions = {},
): Promise<LotteryOutcome> {
  const names = clientNames(clients);
  const codes = await project.waitForExit(names, options).catch(
    async (error) => {
      const log = withoutBatchLines(await project.rawLogs());
      throw new Error(`Cannot see every agency finish: ${error}\n${log}`, {
        cause: error,
      });
    },
  );

  const clientLogs = await Promise.all(names.map((name) => project.logs(name)));
  const winners = clientLogs.map((entries) =>
    detail(entries, "consulta_ganadores", "cant_ganadores")
  );
  for (const [index, count] of winners.entries()) {
    if (count !== undefined) await waitForAnswer(project, index + 1);
  }

  const server = await project.logs("server");
  const fullLog = await project.rawLogs();
  return {
    exitCodes: names.map((name) => codes[name]),
    sent: clientLogs.map((entries) =>
      detail(entries, "envio_apuestas", "enviadas")
    ),
    winners,
    batches: successes(server, "apuesta_recibida").map((e) =>
      Number(e.details.cantidad)
    ),
    draws: successes(server, "sorteo").length,
    failures: fullLog.split("\n").filter((l) => l.includes("result: fail")),
    log: withoutBatchLines(fullLog),
  };
}

/**
 * Asserts a clean lottery: every client exited 0 having sent all its bets
 * and learnt its own winners, one draw, batches adding up to every bet, and
 * no failure logged anywhere.
 */
export function assertCleanLottery(
  outcome: LotteryOutcome,
  expected: LotteryExpectation,
): void {
  const { log } = outcome;
  const total = expected.bets.reduce((sum, bets) => sum + bets, 0);
  const received = outcome.batches.reduce((sum, k) => sum + k, 0);

  assert.deepEqual(outcome.exitCodes, expected.bets.map(() => 0), log);
  assert.deepEqual(outcome.sent, expected.bets, log);
  assert.deepEqual(outcome.winners, expected.winners, log);
  assert.equal(outcome.draws, 1, log);
  assert.equal(received, total, log);
  assert.deepEqual(outcome.failures, []);
}

/** Copies the server's bets file out of its container; returns the path. */
export function copyBetsFile(stack: Stack): Promise<string> {
  return stack.copyFrom("server", SERVER_BETS_FILE);
}

/** Every bet the server stored, read from a copy of its bets file. */
export async function storedBets(stack: Stack): Promise<Bet[]> {
  return await Array.fromAsync(loadBets(await copyBetsFile(stack)));
}

function waitForAnswer(
  project: ComposeProject,
  agency: number,
): Promise<LogEntry> {
  return project.waitForLog(
    "server",
    (entry) =>
      entry.action === "consulta_ganadores" && entry.result === "success" &&
      entry.details.agencia === String(agency),
    { timeoutMillis: 10_000 },
  );
}

// A stuck upload is told by its last lines, not by hundreds of batch acks.
function withoutBatchLines(log: string): string {
  const lines = log.split("\n");
  const kept = lines.filter((line) => !line.includes("apuesta_recibida"));
  return `${kept.join("\n")}\n(${
    lines.length - kept.length
  } apuesta_recibida lines left out)`;
}

function successes(entries: LogEntry[], action: string): LogEntry[] {
  return entries.filter((e) => e.action === action && e.result === "success");
}

function detail(
  entries: LogEntry[],
  action: string,
  key: string,
): number | undefined {
  const found = successes(entries, action).find((e) => key in e.details);
  return found === undefined ? undefined : Number(found.details[key]);
}
