import { strict as assert } from "node:assert";
import fc from "fast-check";
import {
  type Bet,
  formatDate,
  isCalendarDate,
  parseDate,
  validateBet,
} from "../../../lib/domain/bet.ts";
import { betArbitrary, sampleBet } from "../../_helpers/bet_arbitraries.ts";

/** Noon local time on 2024-06-15: the "today" of these tests. */
const TODAY = new Date(2024, 5, 15, 12);

/** Asserts `bet` fails validation on `field`. */
function assertInvalid(bet: Bet, field: keyof Bet, message?: string): void {
  assert.throws(() => validateBet(bet, TODAY), (error: unknown) => {
    assert.ok(error instanceof Error);
    assert.equal(error.name, "InvalidBetError");
    assert.equal((error as Error & { field: string }).field, field);
    if (message !== undefined) assert.equal(error.message, message);
    return true;
  });
}

Deno.test("validateBet() accepts valid bets", async (t) => {
  await t.step("the sample bet", () => {
    validateBet(sampleBet(), TODAY);
  });

  const edges: [string, Partial<Bet>][] = [
    ["2024-02-29, a leap day", {
      birthdate: { year: 2024, month: 2, day: 29 },
    }],
    ["2000-02-29, a 400-year leap day", {
      birthdate: { year: 2000, month: 2, day: 29 },
    }],
    ["1900-01-01, the earliest day", {
      birthdate: { year: 1900, month: 1, day: 1 },
    }],
    ["today", { birthdate: { year: 2024, month: 6, day: 15 } }],
    ["number 0", { number: 0 }],
    ["number 9999", { number: 9_999 }],
    ["a 1-digit document", { document: "7" }],
    ["a 20-digit document with leading zeros", {
      document: "0".repeat(19) + "1",
    }],
    ["a 255-byte name", { firstName: "ñ".repeat(127) + "a" }],
    ["names with commas, quotes and emoji", {
      firstName: 'María "Mary", Jr.',
      lastName: "O'Brien 😀",
    }],
  ];

  for (const [name, fields] of edges) {
    await t.step(name, () => {
      validateBet(sampleBet(fields), TODAY);
    });
  }

  await t.step("every generated bet", () => {
    fc.assert(fc.property(betArbitrary(), (bet) => validateBet(bet, TODAY)));
  });
});

Deno.test("validateBet() rejects names", async (t) => {
  const cases: [string, Partial<Bet>, keyof Bet][] = [
    ["an empty first name", { firstName: "" }, "firstName"],
    ["a blank last name", { lastName: "   " }, "lastName"],
    ["a name of tabs and line breaks", { firstName: "\t\r\n" }, "firstName"],
    ["a 256-byte name", { lastName: "ñ".repeat(128) }, "lastName"],
    ["a 256-byte ASCII name", { firstName: "a".repeat(256) }, "firstName"],
  ];

  for (const [name, fields, field] of cases) {
    await t.step(name, () => assertInvalid(sampleBet(fields), field));
  }

  await t.step("the message says what is wrong", () => {
    assertInvalid(
      sampleBet({ lastName: "ñ".repeat(128) }),
      "lastName",
      "Cannot accept lastName: 256 bytes, the limit is 255",
    );
  });
});

Deno.test("validateBet() rejects documents", async (t) => {
  const cases = [
    "",
    "12a",
    "12.5",
    "-123",
    " 123",
    "123\n",
    "١٢٣",
    "1".repeat(21),
  ];

  for (const document of cases) {
    await t.step(JSON.stringify(document), () => {
      assertInvalid(
        sampleBet({ document }),
        "document",
        `Cannot accept document ${
          JSON.stringify(document)
        }: it must be 1 to 20 digits`,
      );
    });
  }
});

Deno.test("validateBet() rejects birthdates", async (t) => {
  const cases: [string, number, number, number, string][] = [
    ["2023-02-29, no leap year", 2023, 2, 29, "no such day"],
    ["1900-02-29, a century", 1900, 2, 29, "no such day"],
    ["2024-04-31", 2024, 4, 31, "no such day"],
    ["month 13", 2000, 13, 1, "no such day"],
    ["month 0", 2000, 0, 10, "no such day"],
    ["day 0", 2000, 1, 0, "no such day"],
    ["1899-12-31, year 1899", 1899, 12, 31, "not between"],
    ["tomorrow", 2024, 6, 16, "not between"],
    ["next year", 2025, 1, 1, "not between"],
  ];

  for (const [name, year, month, day, problem] of cases) {
    await t.step(name, () => {
      const birthdate = { year, month, day };
      assert.throws(() => validateBet(sampleBet({ birthdate }), TODAY), {
        name: "InvalidBetError",
        field: "birthdate",
        message: new RegExp(
          `^Cannot accept birthdate ${formatDate(birthdate)}: ${problem}`,
        ),
      });
    });
  }
});

Deno.test("validateBet() rejects numbers outside 0..9999", async (t) => {
  for (const number of [10_000, -1, 1.5, NaN, Infinity]) {
    await t.step(String(number), () => {
      assertInvalid(
        sampleBet({ number }),
        "number",
        `Cannot accept number ${number}: it must be 0..9999`,
      );
    });
  }
});

Deno.test("validateBet() checks fields in order", () => {
  const bet = sampleBet({ firstName: "", document: "x", number: -1 });

  assertInvalid(bet, "firstName");
});

Deno.test("isCalendarDate() knows the Gregorian calendar", async (t) => {
  const cases: [number, number, number, boolean][] = [
    [2024, 2, 29, true],
    [2023, 2, 28, true],
    [2023, 2, 29, false],
    [2100, 2, 29, false],
    [2000, 2, 29, true],
    [2024, 12, 31, true],
    [2024, 11, 31, false],
    [2024, 1.5, 1, false],
  ];

  for (const [year, month, day, valid] of cases) {
    await t.step(
      `${year}-${month}-${day} is ${valid ? "" : "not "}a day`,
      () => {
        assert.equal(isCalendarDate({ year, month, day }), valid);
      },
    );
  }
});

Deno.test("parseDate() reads YYYY-MM-DD shapes only", async (t) => {
  await t.step("a date", () => {
    assert.deepEqual(parseDate("1999-03-17"), {
      year: 1999,
      month: 3,
      day: 17,
    });
  });

  await t.step("formatDate() reverses it", () => {
    assert.equal(formatDate(parseDate("0999-01-02")), "0999-01-02");
  });

  for (
    const text of [
      "17/03/1999",
      "1999-3-17",
      "1999-03-17T00:00",
      "",
      " 1999-03-17",
    ]
  ) {
    await t.step(`rejects ${JSON.stringify(text)}`, () => {
      assert.throws(() => parseDate(text), {
        name: "SyntaxError",
        message: `Cannot parse date ${
          JSON.stringify(text)
        }: expected YYYY-MM-DD`,
      });
    });
  }
});
