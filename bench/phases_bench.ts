/**
 * Speed of each step a bet goes through besides the codec: the client
 * reading its agency file, the server validating the bet and appending it
 * with `storeBets`, and the draw reading every bet back with `loadBets`.
 * The end-to-end figures are bounded by the slowest of these.
 *
 * Run with `deno bench -A bench/phases_bench.ts`. Every iteration handles
 * {@linkcode BETS_PER_ITERATION} bets.
 *
 * @module
 */
import { strict as assert } from "node:assert";
import { join } from "node:path";
import { readAgencyFile } from "../lib/client/agency_file.ts";
import { validateBet } from "../lib/domain/bet.ts";
import { loadBets, storeBets } from "../lib/domain/bet_storage.ts";
import { drawWinners } from "../lib/domain/draw.ts";
import { agencyFileLine, makeBets } from "./_bet_factory.ts";

/** Bets handled by one iteration of every benchmark below. */
const BETS_PER_ITERATION = 10_000;

/** Bets per `storeBets` call: the default `batch.maxAmount` of client/config.yaml. */
const BATCH_BETS = 200;

const AGENCY = 1;
const bets = makeBets(7574, AGENCY, BETS_PER_ITERATION);
const batches = Array.from(
  { length: BETS_PER_ITERATION / BATCH_BETS },
  (_, i) => bets.slice(i * BATCH_BETS, (i + 1) * BATCH_BETS),
);

const dir = Deno.makeTempDirSync({ prefix: "tp0-bench-phases-" });
globalThis.addEventListener("unload", () => {
  Deno.removeSync(dir, { recursive: true });
});

const agencyFile = join(dir, "agency-1.csv");
Deno.writeTextFileSync(agencyFile, bets.map(agencyFileLine).join(""));

const storedFile = join(dir, "stored.csv");
for (const batch of batches) storeBets(batch, storedFile);

const scratchFile = join(dir, "scratch.csv");

Deno.bench({
  name: "readAgencyFile (client), 10,000 bets",
  group: "client",
  baseline: true,
  async fn() {
    let read = 0;
    for await (const _ of readAgencyFile(agencyFile, AGENCY)) read++;
    assert.equal(read, BETS_PER_ITERATION);
  },
});

Deno.bench({
  name: "validateBet (server), 10,000 bets",
  group: "server",
  baseline: true,
  fn() {
    for (const bet of bets) validateBet(bet);
  },
});

Deno.bench({
  name: `storeBets (server), ${
    BETS_PER_ITERATION / BATCH_BETS
  } calls of ${BATCH_BETS} bets`,
  group: "server",
  async fn(b) {
    await Deno.remove(scratchFile).catch(() => {});

    b.start();
    for (const batch of batches) await storeBets(batch, scratchFile);
    b.end();
  },
});

Deno.bench({
  name: "loadBets + drawWinners (draw), 10,000 bets",
  group: "server",
  async fn() {
    const winners = await drawWinners(loadBets(storedFile));
    assert.ok(winners.size <= 1);
  },
});
