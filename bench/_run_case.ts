/**
 * One measured run: a fresh server, every agency uploading at once, the
 * draw, the winners; then the server's memory and CPU, and a check that
 * every bet was stored and every winner reported.
 *
 * @module
 */
import { countLines } from "../lib/client/agency_file.ts";
import { runClientFleet } from "./_client_fleet.ts";
import type { Dataset } from "./_datasets.ts";
import type { BenchCase } from "./_plan.ts";
import { type EncodedUpload, runProbeFleet } from "./_probe_fleet.ts";
import { ServerProcess } from "./_server_process.ts";
import { percentile } from "./_stats.ts";

const MIB = 1024 * 1024;

/** What one run measured. */
export interface RunResult {
  bets: number;
  winners: number;
  /** From the agencies' start to the last agency's winners. */
  seconds: number;
  betsPerSecond: number;
  /** Until every client logged its config (client driver only). */
  startupSeconds?: number;
  /** Until the last batch's ACK; the rest is finishing and the draw. */
  uploadSeconds: number;
  /** `BET_BATCH` → `ACK` round trips (probe driver only). */
  ackP50Millis?: number;
  ackP99Millis?: number;
  serverReadyRssBytes: number;
  /** `VmHWM` just before the server is stopped. */
  serverPeakRssBytes: number;
  /** Server CPU (user + system) after it was ready, all threads. */
  serverCpuSeconds: number;
  /** All clients' CPU, startup included (client driver, GNU time). */
  clientCpuSeconds?: number;
  /** The server's resident memory every 500 ms, in MiB (JSON only). */
  serverRssMib?: number[];
}

/** What a run needs besides its case. */
export interface RunContext {
  dataset: Dataset;
  /** Pre-encoded frames, for the probe driver. */
  uploads?: readonly EncodedUpload[];
  batchMaxAmount: number;
  logLevel: string;
  timeoutMillis: number;
  /** Aborted by SIGINT/SIGTERM: the run stops and cleans up. */
  interrupt: AbortSignal;
}

/**
 * Runs `benchCase` once.
 *
 * @throws {Error} when a process fails, the time bound passes, or the
 * server stored or reported something other than the dataset.
 */
export async function runOnce(
  benchCase: BenchCase,
  context: RunContext,
): Promise<RunResult> {
  const { dataset } = context;
  const signal = AbortSignal.any([
    AbortSignal.timeout(context.timeoutMillis),
    context.interrupt,
  ]);
  await using server = await ServerProcess.start({
    agencies: dataset.files.length,
    workers: benchCase.workers,
    logLevel: context.logLevel,
    signal,
  });

  const outcome = await drive(benchCase, context, server.port, signal);
  const usage = await server.usage();
  await checkOutcome(server.storagePath, dataset, outcome);

  return {
    ...outcome,
    betsPerSecond: outcome.bets / outcome.seconds,
    serverReadyRssBytes: server.readyRssBytes,
    serverPeakRssBytes: usage.peakRssBytes,
    serverCpuSeconds: usage.cpuSeconds - server.readyCpuSeconds,
    serverRssMib: server.rssSamples.map((bytes) => Math.round(bytes / MIB)),
  };
}

type DriveOutcome = Pick<
  RunResult,
  | "bets"
  | "winners"
  | "seconds"
  | "startupSeconds"
  | "uploadSeconds"
  | "ackP50Millis"
  | "ackP99Millis"
  | "clientCpuSeconds"
>;

async function drive(
  benchCase: BenchCase,
  context: RunContext,
  port: number,
  signal: AbortSignal,
): Promise<DriveOutcome> {
  if (benchCase.driver === "clients") {
    const fleet = await runClientFleet({
      port,
      agencyFiles: context.dataset.files,
      batchMaxAmount: context.batchMaxAmount,
      logLevel: context.logLevel,
      signal,
    });
    return { ...fleet, clientCpuSeconds: fleet.cpuSeconds };
  }

  const uploads = context.uploads ?? [];
  const probe = await runProbeFleet({ port, uploads, signal });
  return {
    ...probe,
    ackP50Millis: percentile(probe.ackMillis, 50),
    ackP99Millis: percentile(probe.ackMillis, 99),
  };
}

async function checkOutcome(
  storagePath: string,
  dataset: Dataset,
  outcome: DriveOutcome,
): Promise<void> {
  const stored = await countLines(storagePath);
  const expected = `${dataset.bets} bets and ${dataset.winners} winners`;
  if (
    stored === dataset.bets && outcome.bets === dataset.bets &&
    outcome.winners === dataset.winners
  ) return;

  throw new Error(
    `Cannot trust the run: expected ${expected}, the server stored ` +
      `${stored}, the agencies sent ${outcome.bets} and heard of ` +
      `${outcome.winners} winners`,
  );
}
