import { strict as assert } from "node:assert";
import { type Bet, validateBet } from "../../lib/domain/bet.ts";
import { loadBets } from "../../lib/domain/bet_storage.ts";
import { generatedDocument, writeAgencyFile } from "./harness/agency_files.ts";
import { clientNames, copyBetsFile } from "./harness/lottery.ts";
import type { LogEntry } from "./harness/logs.ts";
import { Stack } from "./harness/stack.ts";

const AGENCIES = 2;

// An upload of this size lasts about 14 s here, far longer than the 3 s
// before its first progress line, so the stop lands mid-upload.
const BETS_PER_AGENCY = 500_000;

function isUploadProgress(entry: LogEntry): boolean {
  return entry.action === "envio_apuestas" && entry.result === "in_progress";
}

function has(entries: LogEntry[], action: string, result = "success") {
  return entries.some((e) => e.action === action && e.result === result);
}

/** Sums the `cantidad` of every batch the server acknowledged. */
function acknowledged(server: LogEntry[]): number {
  return server
    .filter((e) => e.action === "apuesta_recibida" && e.result === "success")
    .reduce((sum, e) => sum + Number(e.details.cantidad), 0);
}

/** Asserts `bets` are the first lines of each agency's file, in order. */
function assertFilePrefixes(bets: Bet[]): void {
  for (let agency = 1; agency <= AGENCIES; agency++) {
    const documents = bets
      .filter((bet) => bet.agency === agency)
      .map((bet) => bet.document);
    const expected = documents.map((_, i) => generatedDocument(agency, i));

    assert.ok(documents.length > 0, `agency ${agency} stored nothing`);
    assert.deepEqual(documents, expected, `agency ${agency}`);
  }
}

Deno.test(
  "docker compose stop -t 1 during an agency upload ends it cleanly",
  async (t) => {
    await using stack = await Stack.start({
      clients: AGENCIES,
      data: (dir) =>
        Promise.all(
          clientNames(AGENCIES).map((_, i) =>
            writeAgencyFile(dir, {
              agency: i + 1,
              bets: BETS_PER_AGENCY,
              winners: 3,
            })
          ),
        ),
    });
    const clients = clientNames(AGENCIES);
    for (const name of clients) {
      await stack.waitForLog(name, isUploadProgress);
    }
    await stack.compose(["stop", "-t", "1"]);

    await t.step("every process exits 0 within the timeout", async () => {
      const codes = await stack.waitForExit(["server", ...clients]);
      const log = await stack.rawLogs();

      for (const code of Object.values(codes)) assert.equal(code, 0, log);
    });

    await t.step("each client logs its shutdown mid-upload", async () => {
      for (const name of clients) {
        const entries = await stack.logs(name);
        const log = await stack.rawLogs(name);

        assert.ok(has(entries, "shutdown"), log);
        assert.ok(!has(entries, "envio_apuestas"), log);
        assert.ok(!has(entries, "consulta_ganadores"), log);
      }
    });

    await t.step("the server closes everything and holds no draw", async () => {
      const entries = await stack.logs("server");
      const log = await stack.rawLogs("server");

      assert.ok(has(entries, "close_listener"), log);
      assert.ok(has(entries, "close_worker"), log);
      assert.ok(has(entries, "shutdown"), log);
      assert.ok(!has(entries, "sorteo"), log);
    });

    await t.step("the bets file holds whole, valid bets only", async () => {
      const path = await copyBetsFile(stack);
      const bets = await Array.fromAsync(loadBets(path));
      const server = await stack.logs("server");

      const today = new Date();
      for (const bet of bets) validateBet(bet, today);
      assertFilePrefixes(bets);
      assert.ok((await Deno.readTextFile(path)).endsWith("\n"), "torn record");
      assert.ok(bets.length >= acknowledged(server));
      assert.ok(bets.length < AGENCIES * BETS_PER_AGENCY);
    });
  },
);
