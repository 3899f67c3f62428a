/**
 * Reads the command line of `generar-compose.sh`:
 * `<output-file> <clients> [--mode echo|bet|agency]`.
 *
 * @module
 */

import type { ClientMode } from "../config/client_config.ts";
import { DEFAULT_CLIENT_MODE, parseClientMode } from "./definition.ts";

/** What the command line asks the generator to do. */
export interface GeneratorArguments {
  /** Where to write the Compose file. */
  output: string;
  /** How many clients to define. */
  clients: number;
  /** How the clients run. */
  mode: ClientMode;
}

/**
 * Parses the generator's arguments. `--mode` may come anywhere, as
 * `--mode echo` or `--mode=echo`; a leading `-` on a count is read as a
 * negative number, not as an option.
 *
 * @throws {TypeError} On a missing or extra argument, an unknown option, or
 *   an empty output path.
 * @throws {RangeError} On a client count that is not a plain non-negative
 *   decimal integer, or an unknown mode.
 *
 * @example
 * ```ts
 * import { parseGeneratorArguments } from "./arguments.ts";
 *
 * parseGeneratorArguments(["out.yaml", "3", "--mode", "echo"]);
 * // { output: "out.yaml", clients: 3, mode: "echo" }
 * ```
 */
export function parseGeneratorArguments(args: string[]): GeneratorArguments {
  const positionals: string[] = [];
  let mode: string = DEFAULT_CLIENT_MODE;

  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (arg === "--mode") {
      mode = optionValue(args, ++i);
    } else if (arg.startsWith("--mode=")) {
      mode = arg.slice("--mode=".length);
    } else if (arg.startsWith("--")) {
      throw new TypeError(`Cannot parse arguments: unknown option "${arg}"`);
    } else {
      positionals.push(arg);
    }
  }

  const [output, count] = expectPositionals(positionals);
  return {
    output,
    clients: parseClientCount(count),
    mode: parseClientMode(mode),
  };
}

/**
 * Parses a client count written as plain decimal digits.
 *
 * @throws {RangeError} If `text` is empty, signed, fractional, has other
 *   characters, or is too large to be exact.
 *
 * @example
 * ```ts
 * import { parseClientCount } from "./arguments.ts";
 *
 * parseClientCount("5"); // 5
 * ```
 */
export function parseClientCount(text: string): number {
  const count = /^[0-9]+$/.test(text) ? Number(text) : NaN;
  if (Number.isSafeInteger(count)) return count;

  throw new RangeError(
    `Cannot parse client count: expected a non-negative integer, got "${text}"`,
  );
}

function optionValue(args: string[], index: number): string {
  if (index < args.length) return args[index];
  throw new TypeError(`Cannot parse arguments: "--mode" needs a value`);
}

function expectPositionals(positionals: string[]): [string, string] {
  if (positionals.length !== 2) {
    throw new TypeError(
      `Cannot parse arguments: expected <output-file> <clients>, got ${positionals.length} argument(s)`,
    );
  }

  const [output, count] = positionals;
  if (output === "") {
    throw new TypeError("Cannot parse arguments: the output file is empty");
  }
  return [output, count];
}
