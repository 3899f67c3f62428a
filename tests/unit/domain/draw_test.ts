import { strict as assert } from "node:assert";
import fc from "fast-check";
import type { Bet } from "../../../lib/domain/bet.ts";
import {
  hasWon,
  loadBets,
  storeBets,
} from "../../../lib/domain/bet_storage.ts";
import { drawWinners } from "../../../lib/domain/draw.ts";
import { betArbitrary, sampleBet } from "../../_helpers/bet_arbitraries.ts";
import { makeTempDir } from "../../_helpers/temp_files.ts";

/** Serves `bets` as the async stream `drawWinners` reads. */
async function* streamOf(bets: Bet[]): AsyncGenerator<Bet> {
  yield* bets;
}

/** A winning bet of `agency` with `document`. */
function winner(agency: number, document: string): Bet {
  return sampleBet({ agency, document, number: 7574 });
}

/** A losing bet of `agency`. */
function loser(agency: number, document: string): Bet {
  return sampleBet({ agency, document, number: 1234 });
}

Deno.test("drawWinners() groups winning documents by agency", async (t) => {
  await t.step("no bets, no winners", async () => {
    assert.equal((await drawWinners(streamOf([]))).size, 0);
  });

  await t.step(
    "winners per agency in storage order, losers left out",
    async () => {
      const bets = [
        winner(2, "20"),
        loser(1, "10"),
        winner(1, "11"),
        winner(2, "21"),
        loser(3, "30"),
        winner(1, "12"),
      ];

      const winners = await drawWinners(streamOf(bets));

      assert.deepEqual(
        winners,
        new Map([[2, ["20", "21"]], [1, ["11", "12"]]]),
      );
      assert.equal(winners.get(3), undefined);
    },
  );

  await t.step("the same document may win twice", async () => {
    const winners = await drawWinners(
      streamOf([winner(5, "7"), winner(5, "7")]),
    );

    assert.deepEqual(winners.get(5), ["7", "7"]);
  });

  await t.step(
    "any bets: exactly the winners, per agency, in order",
    async () => {
      const bets = fc.array(
        fc.oneof(
          betArbitrary(),
          betArbitrary().map((bet) => ({ ...bet, number: 7574 })),
        ).map((bet) => ({ ...bet, agency: (bet.agency % 5) + 1 })),
        { maxLength: 60 },
      );

      await fc.assert(
        fc.asyncProperty(bets, async (input) => {
          const winners = await drawWinners(streamOf(input));
          for (let agency = 1; agency <= 5; agency++) {
            const expected = input
              .filter((bet) => bet.agency === agency && hasWon(bet))
              .map((bet) => bet.document);
            assert.deepEqual(winners.get(agency) ?? [], expected);
          }
        }),
      );
    },
  );

  await t.step("straight from the storage file", async () => {
    await using dir = await makeTempDir();
    const path = dir.pathOf("bets.csv");
    storeBets([winner(1, "0011"), loser(2, "22"), winner(3, "33")], path);

    const winners = await drawWinners(loadBets(path));

    assert.deepEqual(winners, new Map([[1, ["0011"]], [3, ["33"]]]));
  });
});
