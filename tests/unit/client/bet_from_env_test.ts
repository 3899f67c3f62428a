import { strict as assert } from "node:assert";
import { betFromEnv } from "../../../lib/client/bet_from_env.ts";
import { sampleBet } from "../../_helpers/bet_arbitraries.ts";
import { fakeEnv } from "../../_helpers/temp_files.ts";

const VARIABLES = {
  NOMBRE: "Santiago Lionel",
  APELLIDO: "Lorca",
  DOCUMENTO: "30904465",
  NACIMIENTO: "1999-03-17",
  NUMERO: "7574",
};

/** Reads agency 3's bet from the variables above with `changes` applied. */
function readWith(changes: Record<string, string | undefined>) {
  const variables: Record<string, string> = { ...VARIABLES };
  for (const [name, value] of Object.entries(changes)) {
    if (value === undefined) delete variables[name];
    else variables[name] = value;
  }
  return betFromEnv(3, fakeEnv(variables));
}

Deno.test("betFromEnv() reads exercise 5's bet", async (t) => {
  await t.step("every field, with the agency given", () => {
    assert.deepEqual(readWith({}), sampleBet({ agency: 3 }));
  });

  await t.step("surrounding blanks are trimmed", () => {
    const bet = readWith({ NOMBRE: "  Ana ", NUMERO: " 42 " });

    assert.equal(bet.firstName, "Ana");
    assert.equal(bet.number, 42);
  });

  await t.step("leading zeros of the document are kept", () => {
    assert.equal(readWith({ DOCUMENTO: "000123" }).document, "000123");
  });
});

Deno.test("betFromEnv() names the missing variable", async (t) => {
  for (const name of Object.keys(VARIABLES)) {
    await t.step(name, () => {
      assert.throws(() => readWith({ [name]: undefined }), {
        name: "ConfigError",
        key: name,
        message: `Cannot read setting ${name}=(missing): a value is required`,
      });
    });
  }

  await t.step("a blank value counts as missing", () => {
    assert.throws(() => readWith({ APELLIDO: "  " }), {
      name: "ConfigError",
      key: "APELLIDO",
    });
  });
});

Deno.test("betFromEnv() names the invalid variable and its value", async (t) => {
  const cases: [string, string, RegExp][] = [
    ["DOCUMENTO", "12a", /it must be 1 to 20 digits$/],
    ["DOCUMENTO", "1".repeat(21), /it must be 1 to 20 digits$/],
    ["NACIMIENTO", "17/03/1999", /expected YYYY-MM-DD$/],
    ["NACIMIENTO", "2023-02-29", /no such day$/],
    ["NACIMIENTO", "1899-12-31", /not between 1900-01-01 and today$/],
    ["NUMERO", "siete", /not a whole number$/],
    ["NUMERO", "1.5", /not a whole number$/],
    ["NUMERO", "-1", /not a whole number$/],
    ["NUMERO", "10000", /it must be 0\.\.9999$/],
    ["NOMBRE", "ñ".repeat(128), /256 bytes, the limit is 255$/],
  ];

  for (const [name, value, problem] of cases) {
    await t.step(
      `${name}=${value.length > 20 ? value.slice(0, 8) + "…" : value}`,
      () => {
        assert.throws(() => readWith({ [name]: value }), (error: unknown) => {
          assert.ok(error instanceof Error);
          assert.equal(error.name, "ConfigError");
          assert.ok(
            error.message.startsWith(
              `Cannot read setting ${name}=${JSON.stringify(value)}: `,
            ),
            error.message,
          );
          assert.match(error.message, problem);
          assert.ok(error.cause instanceof Error);
          return true;
        });
      },
    );
  }
});
