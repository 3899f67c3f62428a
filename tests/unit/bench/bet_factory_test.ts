import { strict as assert } from "node:assert";
import { validateBet } from "../../../lib/domain/bet.ts";
import { hasWon } from "../../../lib/domain/bet_storage.ts";
import {
  agencyFileLine,
  makeBets,
  SeededRandom,
} from "../../../bench/_bet_factory.ts";

Deno.test("makeBets() makes valid, reproducible bets", async (t) => {
  const bets = makeBets(7574, 3, 50_000);

  await t.step("the same seed gives the same bets", () => {
    assert.deepEqual(makeBets(7574, 3, 100), bets.slice(0, 100));
  });
  await t.step("another seed gives other bets", () => {
    assert.notDeepEqual(makeBets(1, 3, 100), bets.slice(0, 100));
  });
  await t.step("every bet passes the domain's rules", () => {
    bets.forEach((bet) => validateBet(bet));
  });
  await t.step("a few bets win: about 1 in 10,000", () => {
    const winners = bets.filter(hasWon).length;
    assert.ok(winners >= 1 && winners <= 20, `${winners} winners`);
  });
});

Deno.test("agencyFileLine() writes the course's CRLF line", () => {
  const [bet] = makeBets(42, 1, 1);
  const line = agencyFileLine(bet);
  assert.match(line, /^[^,]+,[^,]+,\d+,\d{4}-\d{2}-\d{2},\d+\r\n$/);
  assert.ok(line.startsWith(`${bet.firstName},${bet.lastName},`));
});

Deno.test("SeededRandom.below() stays within its bound", () => {
  const random = new SeededRandom(9);
  for (let i = 0; i < 10_000; i++) {
    const value = random.below(7);
    assert.ok(Number.isInteger(value) && value >= 0 && value < 7);
  }
});
