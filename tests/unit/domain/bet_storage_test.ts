import { strict as assert } from "node:assert";
import fc from "fast-check";
import type { Bet } from "../../../lib/domain/bet.ts";
import {
  hasWon,
  loadBets,
  LOTTERY_WINNER_NUMBER,
  storeBets,
} from "../../../lib/domain/bet_storage.ts";
import { betArbitrary, sampleBet } from "../../_helpers/bet_arbitraries.ts";
import { makeTempDir } from "../../_helpers/temp_files.ts";

/** Every bet stored in `path`, in order. */
async function loadAll(path: string): Promise<Bet[]> {
  return await Array.fromAsync(loadBets(path));
}

Deno.test("storeBets() writes the course's CSV layout", async (t) => {
  await t.step("one unquoted record per bet, no header", async () => {
    await using dir = await makeTempDir();
    const path = dir.pathOf("bets.csv");

    storeBets([sampleBet({ agency: 3, number: 42 })], path);

    assert.equal(
      await Deno.readTextFile(path),
      "3,Santiago Lionel,Lorca,30904465,1999-03-17,42\n",
    );
  });

  await t.step(
    "fields with commas, quotes or line breaks are quoted",
    async () => {
      await using dir = await makeTempDir();
      const path = dir.pathOf("bets.csv");
      const bet = sampleBet({ firstName: 'Ana "la", Jr', lastName: "a\nb" });

      storeBets([bet], path);

      assert.equal(
        await Deno.readTextFile(path),
        '1,"Ana ""la"", Jr","a\nb",30904465,1999-03-17,7574\n',
      );
    },
  );

  await t.step("a second call appends", async () => {
    await using dir = await makeTempDir();
    const path = dir.pathOf("bets.csv");

    storeBets([sampleBet({ number: 1 })], path);
    storeBets([sampleBet({ number: 2 })], path);

    const numbers = (await loadAll(path)).map((bet) => bet.number);
    assert.deepEqual(numbers, [1, 2]);
  });
});

Deno.test("loadBets() reads back what storeBets() wrote", async (t) => {
  await t.step("a missing file holds no bets", async () => {
    await using dir = await makeTempDir();

    assert.deepEqual(await loadAll(dir.pathOf("absent.csv")), []);
  });

  await t.step("an empty file holds no bets", async () => {
    await using dir = await makeTempDir();

    assert.deepEqual(await loadAll(await dir.write("bets.csv", "")), []);
  });

  await t.step("a name that is only a carriage return", async () => {
    await using dir = await makeTempDir();
    const path = dir.pathOf("bets.csv");
    const bets = [
      sampleBet({ firstName: "\r" }),
      sampleBet({ lastName: "x\ry" }),
    ];

    storeBets(bets, path);

    assert.deepEqual(await loadAll(path), bets);
  });

  await t.step("any bets, in order, over several calls", async () => {
    await using dir = await makeTempDir();
    let run = 0;

    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.array(betArbitrary(), { maxLength: 8 }), { maxLength: 4 }),
        async (calls) => {
          const path = dir.pathOf(`bets-${run++}.csv`);
          for (const bets of calls) storeBets(bets, path);
          assert.deepEqual(await loadAll(path), calls.flat());
        },
      ),
      { numRuns: 60 },
    );
  });

  await t.step("a path that cannot be read rejects", async () => {
    await using dir = await makeTempDir();

    await assert.rejects(loadAll(dir.path), (error: Error) => {
      assert.match(error.message, /EISDIR|directory/i);
      return true;
    });
  });
});

Deno.test("hasWon() is true only for the winning number", async (t) => {
  await t.step(`${LOTTERY_WINNER_NUMBER} wins`, () => {
    assert.equal(LOTTERY_WINNER_NUMBER, 7574);
    assert.equal(hasWon(sampleBet({ number: 7574 })), true);
  });

  for (const number of [0, 7573, 7575, 9999]) {
    await t.step(`${number} loses`, () => {
      assert.equal(hasWon(sampleBet({ number })), false);
    });
  }
});
