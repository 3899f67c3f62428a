/**
 * fast-check generators for bets and their fields. Names mix the characters
 * that break naive codecs and CSV writers (commas, quotes, line breaks, a
 * BOM, accents, emoji) with arbitrary Unicode code points.
 *
 * @module
 */
import fc from "fast-check";
import type { Bet, CalendarDate } from "../../lib/domain/bet.ts";

/** Characters that a CSV writer or a length-prefixed codec must survive. */
export const TRICKY_PIECES: readonly string[] = [
  ",",
  '"',
  "'",
  "\n",
  "\r",
  "\r\n",
  "\t",
  " ",
  "|",
  ";",
  "\uFEFF",
  "á",
  "ñ",
  "Ü",
  "ç",
  "😀",
  "🇦🇷",
  "👩‍👩‍👧",
];

/** Longest piece above in UTF-8 bytes (the family emoji). */
const MAX_PIECE_BYTES = 18;

/** Options for {@linkcode nameArbitrary}. */
export interface NameArbitraryOptions {
  /** Reject names that are empty or only whitespace (default false). */
  nonBlank?: boolean;
}

/**
 * Names of at most 255 UTF-8 bytes: tricky pieces and arbitrary code points
 * (no lone surrogates, which UTF-8 cannot carry).
 */
export function nameArbitrary(
  options: NameArbitraryOptions = {},
): fc.Arbitrary<string> {
  const piece = fc.oneof(
    fc.constantFrom(...TRICKY_PIECES),
    codePointArbitrary(),
    fc.string({ unit: "grapheme-ascii", minLength: 1, maxLength: 4 }),
  );
  const maxPieces = Math.floor(255 / MAX_PIECE_BYTES);
  const name = fc.array(piece, { maxLength: maxPieces, size: "max" })
    .map((pieces) => pieces.join(""));
  return options.nonBlank ? name.filter((text) => text.trim() !== "") : name;
}

/**
 * One Unicode scalar value, as a string, drawn evenly from the 1-, 2-, 3-
 * and 4-byte UTF-8 ranges (lone surrogates excluded). Built by hand:
 * fast-check's `binary` string unit takes seconds to warm up.
 */
export function codePointArbitrary(): fc.Arbitrary<string> {
  return fc.oneof(
    fc.integer({ min: 0, max: 0x7f }),
    fc.integer({ min: 0x80, max: 0x7ff }),
    fc.integer({ min: 0x800, max: 0xffff })
      .filter((code) => code < 0xd800 || code > 0xdfff),
    fc.integer({ min: 0x1_0000, max: 0x10_ffff }),
  ).map((code) => String.fromCodePoint(code));
}

/** Documents: 1 to 20 ASCII digits, leading zeros included. */
export function documentArbitrary(): fc.Arbitrary<string> {
  const digit = fc.constantFrom(..."0123456789");
  return fc.string({ unit: digit, minLength: 1, maxLength: 20, size: "max" });
}

/** Real days from 1900-01-01 to 2020-12-31. */
export function birthdateArbitrary(): fc.Arbitrary<CalendarDate> {
  const min = new Date(Date.UTC(1900, 0, 1));
  const max = new Date(Date.UTC(2020, 11, 31));
  return fc.date({ min, max, noInvalidDate: true }).map((date) => ({
    year: date.getUTCFullYear(),
    month: date.getUTCMonth() + 1,
    day: date.getUTCDate(),
  }));
}

/** Options for {@linkcode betArbitrary}. */
export interface BetArbitraryOptions {
  /** A fixed agency for every bet (default: any of 1..65535). */
  agency?: number;
}

/** Bets that pass `validateBet`. */
export function betArbitrary(
  options: BetArbitraryOptions = {},
): fc.Arbitrary<Bet> {
  const agency = options.agency === undefined
    ? fc.integer({ min: 1, max: 65_535 })
    : fc.constant(options.agency);

  return fc.record({
    agency,
    firstName: nameArbitrary({ nonBlank: true }),
    lastName: nameArbitrary({ nonBlank: true }),
    document: documentArbitrary(),
    birthdate: birthdateArbitrary(),
    number: fc.integer({ min: 0, max: 9_999 }),
  }, { noNullPrototype: true });
}

/** A simple valid bet, with fields overridable. */
export function sampleBet(fields: Partial<Bet> = {}): Bet {
  return {
    agency: 1,
    firstName: "Santiago Lionel",
    lastName: "Lorca",
    document: "30904465",
    birthdate: { year: 1999, month: 3, day: 17 },
    number: 7574,
    ...fields,
  };
}
