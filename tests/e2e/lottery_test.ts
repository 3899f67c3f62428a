import { strict as assert } from "node:assert";
import type { Bet } from "../../lib/domain/bet.ts";
import { hasWon } from "../../lib/domain/bet_storage.ts";
import { generatedDocument, writeAgencyFile } from "./harness/agency_files.ts";
import {
  assertCleanLottery,
  awaitLottery,
  type LotteryOutcome,
  storedBets,
} from "./harness/lottery.ts";
import { Stack } from "./harness/stack.ts";

const BET_SENT =
  "action: apuesta_enviada | result: success | dni: 30904465 | numero: 7574";
const BET_STORED =
  "action: apuesta_almacenada | result: success | dni: 30904465 | numero: 7574";

// Small batches, so every agency sends several of them.
const BATCH_MAX_AMOUNT = 40;

// Winners per agency, as the statement's two example draws.
const DRAWS = [[2, 1, 0], [1, 2, 3, 4, 5]];

// `undefined` keeps config.ini's empty WORKERS: one per CPU.
const POOL_SIZES = [undefined, "1", "3"];

/** Bets in agency `index`'s file (0-based): each agency a different size. */
function betsOf(index: number): number {
  return 150 + 60 * index;
}

/** What one agency's bets became on the server. */
interface StoredAgency {
  /** Documents of its stored bets, sorted. */
  documents: string[];
  /** Documents of its stored winning bets, sorted. */
  winners: string[];
}

/** What a draw gave: each client's winners and what the server stored. */
interface DrawResult {
  winners: (number | undefined)[];
  stored: StoredAgency[];
}

function storedByAgency(bets: Bet[], agencies: number): StoredAgency[] {
  return Array.from({ length: agencies }, (_, i) => {
    const own = bets.filter((bet) => bet.agency === i + 1);
    return {
      documents: own.map((bet) => bet.document).sort(),
      winners: own.filter(hasWon).map((bet) => bet.document).sort(),
    };
  });
}

/** Batches fit `batch.maxAmount` and are as few as that allows. */
function assertBatches(outcome: LotteryOutcome, bets: number[]): void {
  const perAgency = bets.map((b) => Math.ceil(b / BATCH_MAX_AMOUNT));
  const expected = perAgency.reduce((sum, n) => sum + n, 0);

  assert.equal(outcome.batches.length, expected, outcome.log);
  assert.ok(outcome.batches.every((k) => k <= BATCH_MAX_AMOUNT), outcome.log);
}

/** Each agency's file was stored whole, exactly once, winners included. */
function assertStored(
  stored: StoredAgency[],
  bets: number[],
  winners: number[],
): void {
  for (const [i, agency] of stored.entries()) {
    const documents = Array.from(
      { length: bets[i] },
      (_, k) => generatedDocument(i + 1, k),
    );

    assert.deepEqual(agency.documents, documents.sort(), `agency ${i + 1}`);
    assert.equal(agency.winners.length, winners[i], `agency ${i + 1}`);
  }
}

/** The server started the pool asked for (config.ini's WORKERS). */
async function assertPoolSize(stack: Stack, workers: string): Promise<void> {
  const entries = await stack.logs("server");
  const config = entries.find((e) => e.action === "config");

  assert.equal(config?.details.workers, workers, config?.line);
}

/** Runs one draw from generated files and checks it end to end. */
async function checkDraw(
  winners: number[],
  workers?: string,
): Promise<DrawResult> {
  const bets = winners.map((_, i) => betsOf(i));
  await using stack = await Stack.start({
    clients: winners.length,
    clientConfig: { batch: { maxAmount: BATCH_MAX_AMOUNT } },
    serverConfig: workers === undefined ? {} : { WORKERS: workers },
    data: (dir) =>
      Promise.all(
        winners.map((count, i) =>
          writeAgencyFile(dir, { agency: i + 1, bets: bets[i], winners: count })
        ),
      ),
  });
  const outcome = await awaitLottery(stack, winners.length);

  assertCleanLottery(outcome, { bets, winners });
  assertBatches(outcome, bets);
  if (workers !== undefined) await assertPoolSize(stack, workers);
  const stored = storedByAgency(await storedBets(stack), bets.length);
  assertStored(stored, bets, winners);
  return { winners: outcome.winners, stored };
}

Deno.test("bet mode: the statement's bet is sent and stored", async (t) => {
  await using stack = await Stack.start({ clients: 1, mode: "bet" });
  const { client1 } = await stack.waitForExit(["client1"]);

  await t.step("the client logs apuesta_enviada and exits 0", async () => {
    const entries = await stack.logs("client1");
    const log = await stack.rawLogs("client1");

    assert.equal(client1, 0, log);
    assert.ok(entries.some((e) => e.line.endsWith(BET_SENT)), log);
  });

  await t.step("the server logs apuesta_almacenada", async () => {
    const stored = await stack.waitForLog(
      "server",
      (e) => e.action === "apuesta_almacenada",
    );

    assert.ok(stored.line.endsWith(BET_STORED), stored.line);
  });

  await t.step("the server's bets file holds exactly that bet", async () => {
    const bets = await storedBets(stack);

    assert.deepEqual(bets, [{
      agency: 1,
      firstName: "Santiago Lionel",
      lastName: "Lorca",
      document: "30904465",
      birthdate: { year: 1999, month: 3, day: 17 },
      number: 7574,
    }]);
  });
});

Deno.test(
  "agency mode: each agency learns its own winners after one draw",
  async (t) => {
    for (const winners of DRAWS) {
      const results = new Map<string, DrawResult>();

      for (const workers of POOL_SIZES) {
        const pool = workers ?? "one per CPU";
        const agencies = `${winners.length} agencies with ${
          winners.join(", ")
        } winners`;

        await t.step(`${agencies}, WORKERS=${pool}`, async () => {
          results.set(pool, await checkDraw(winners, workers));
        });
      }

      await t.step("the same results whatever the pool size", () => {
        const [first, ...rest] = [...results.values()];

        assert.equal(results.size, POOL_SIZES.length);
        for (const other of rest) assert.deepEqual(other, first);
      });
    }
  },
);
