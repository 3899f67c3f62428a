/**
 * The central's side of the lottery, shared by every worker: storing bets
 * once, counting agencies that finished, holding the draw and answering
 * each agency with its own winners.
 *
 * Every call of the course's `storeBets`/`loadBets` runs under the shared
 * lock, because they are not thread-safe; the draw barrier decides which
 * single worker announces the draw.
 *
 * @module
 */
import type { Bet } from "../domain/bet.ts";
import { loadBets, storeBets } from "../domain/bet_storage.ts";
import { drawWinners, type WinnersByAgency } from "../domain/draw.ts";
import type { SharedLock } from "../sync/shared_lock.ts";
import type { DrawBarrier } from "../sync/draw_barrier.ts";
import type { ErrorCodeName } from "../protocol/error_code.ts";
import type { BatchLedger } from "./batch_ledger.ts";
import type { DrawResults } from "./draw_results.ts";

/** What happened to a batch handed to {@linkcode LotteryOffice.storeBatch}. */
export type StoreOutcome = "stored" | "duplicate";

/** The error codes a {@linkcode LotteryRefusal} can carry. */
export type RefusalCode = Extract<
  ErrorCodeName,
  "SEQUENCE_GAP" | "AGENCY_FINISHED" | "NOT_FINISHED" | "SHUTTING_DOWN"
>;

/** A request the lottery refuses; `code` is the wire error code name. */
export class LotteryRefusal extends Error {
  /** The error code answered to the agency. */
  readonly code: RefusalCode;

  /** Creates the refusal. */
  constructor(code: RefusalCode, message: string) {
    super(message);
    this.name = "LotteryRefusal";
    this.code = code;
  }
}

/** The shared pieces a {@linkcode LotteryOffice} works on. */
export interface LotteryOfficeOptions {
  lock: SharedLock;
  barrier: DrawBarrier;
  ledger: BatchLedger;
  results: DrawResults;
  storageFilePath: string;
  /** Aborted at shutdown: pending lock and barrier waits give up. */
  signal: AbortSignal;
}

/** Identifies an upload: the agency and the client run's session id. */
export interface Upload {
  agency: number;
  session: number;
}

/** One worker's view of the shared lottery state. */
export class LotteryOffice {
  #options: LotteryOfficeOptions;
  #winners?: Promise<WinnersByAgency>;

  /** Works on the given shared state. */
  constructor(options: LotteryOfficeOptions) {
    this.#options = options;
  }

  /**
   * Stores a batch unless this upload already stored it.
   *
   * @throws {LotteryRefusal} `AGENCY_FINISHED` after the agency finished,
   * `SEQUENCE_GAP` when a batch was skipped.
   */
  async storeBatch(
    upload: Upload,
    sequence: number,
    bets: readonly Bet[],
  ): Promise<StoreOutcome> {
    const { lock, ledger, storageFilePath, signal } = this.#options;
    using _held = await lock.acquire({ signal });
    this.#refuseIfFinished(upload.agency);

    const verdict = ledger.classify(upload.agency, upload.session, sequence);
    if (verdict === "duplicate") return "duplicate";
    if (verdict === "gap") {
      throw new LotteryRefusal(
        "SEQUENCE_GAP",
        `Cannot store batch ${sequence}: an earlier batch of agency ${upload.agency} is missing`,
      );
    }

    storeBets(bets, storageFilePath);
    ledger.record(upload.agency, upload.session, sequence);
    return "stored";
  }

  /**
   * Records that `agency` sent all its bets. Returns true for the one call,
   * across all workers, that completes the set: its caller holds the draw
   * (see {@linkcode LotteryOffice.holdDraw}).
   */
  finish(agency: number): boolean {
    return this.#options.barrier.arrive(agency).completed;
  }

  /**
   * Reads the stored bets once, publishes every agency's winners to the
   * other workers, then lets every waiting query through.
   */
  async holdDraw(): Promise<void> {
    const { barrier, results } = this.#options;
    try {
      results.publish(await this.#drawnWinners());
    } finally {
      barrier.open();
    }
  }

  /**
   * The documents of `agency`'s winning bets, once the draw is held; waits
   * (without polling) until then.
   *
   * @throws {LotteryRefusal} `NOT_FINISHED` if the agency has not finished,
   * `SHUTTING_DOWN` if the server stops first.
   */
  async winnersOf(agency: number): Promise<readonly string[]> {
    const { barrier, signal } = this.#options;
    if (!barrier.hasArrived(agency)) {
      throw new LotteryRefusal(
        "NOT_FINISHED",
        `Cannot answer winners: agency ${agency} has not finished sending bets`,
      );
    }

    const outcome = await barrier.wait({ signal });
    if (outcome === "cancelled") {
      throw new LotteryRefusal(
        "SHUTTING_DOWN",
        "Cannot answer winners: the server is shutting down",
      );
    }
    const winners = await this.#drawnWinners();
    return winners.get(agency) ?? [];
  }

  #refuseIfFinished(agency: number): void {
    if (!this.#options.barrier.hasArrived(agency)) return;
    throw new LotteryRefusal(
      "AGENCY_FINISHED",
      `Cannot store bets: agency ${agency} already finished (one draw per server run)`,
    );
  }

  /**
   * The winners: as published by the worker that held the draw, or read
   * from storage (under the lock) when this worker is that one, or when
   * they were too large to publish.
   */
  #drawnWinners(): Promise<WinnersByAgency> {
    const published = this.#options.results.read();
    if (published !== undefined) return Promise.resolve(published);

    this.#winners ??= this.#readWinners().catch((error) => {
      this.#winners = undefined;
      throw error;
    });
    return this.#winners;
  }

  async #readWinners(): Promise<WinnersByAgency> {
    const { lock, storageFilePath, signal } = this.#options;
    using _held = await lock.acquire({ signal });
    return await drawWinners(loadBets(storageFilePath));
  }
}
