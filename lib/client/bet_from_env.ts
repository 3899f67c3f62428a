/**
 * Exercise 5's bet, from the environment: `NOMBRE`, `APELLIDO`,
 * `DOCUMENTO`, `NACIMIENTO` (YYYY-MM-DD) and `NUMERO`.
 *
 * @module
 */
import { ConfigError } from "../config/config_error.ts";
import type { EnvLookup } from "../config/config_source.ts";
import { readRequired } from "../config/setting.ts";
import {
  type Bet,
  InvalidBetError,
  parseDate,
  validateBet,
} from "../domain/bet.ts";

const VARIABLES = {
  firstName: "NOMBRE",
  lastName: "APELLIDO",
  document: "DOCUMENTO",
  birthdate: "NACIMIENTO",
  number: "NUMERO",
} as const;

/**
 * Reads and validates the bet of agency `agency` from `env`.
 *
 * @throws {ConfigError} naming the variable that is missing or invalid.
 */
export function betFromEnv(agency: number, env: EnvLookup): Bet {
  const read = (field: keyof typeof VARIABLES) =>
    readRequired({ key: VARIABLES[field], value: env(VARIABLES[field]) });

  const bet = {
    agency,
    firstName: read("firstName"),
    lastName: read("lastName"),
    document: read("document"),
    birthdate: parseField("birthdate", read("birthdate"), parseDate),
    number: parseField("number", read("number"), parseWholeNumber),
  };
  try {
    validateBet(bet);
  } catch (error) {
    if (!(error instanceof InvalidBetError)) throw error;
    const field = error.field as keyof typeof VARIABLES;
    throw new ConfigError(
      VARIABLES[field],
      env(VARIABLES[field]),
      error.message,
      {
        cause: error,
      },
    );
  }
  return bet;
}

function parseField<T>(
  field: keyof typeof VARIABLES,
  text: string,
  parse: (text: string) => T,
): T {
  try {
    return parse(text);
  } catch (error) {
    throw new ConfigError(VARIABLES[field], text, (error as Error).message, {
      cause: error,
    });
  }
}

function parseWholeNumber(text: string): number {
  if (!/^\d+$/.test(text)) throw new SyntaxError("not a whole number");
  return Number(text);
}
