/**
 * fast-check generators for every protocol message, each small enough to
 * fit one 8 KiB frame.
 *
 * @module
 */
import fc from "fast-check";
import {
  ErrorCode,
  type ErrorCodeName,
} from "../../lib/protocol/error_code.ts";
import type { Message } from "../../lib/protocol/messages.ts";
import {
  betArbitrary,
  codePointArbitrary,
  documentArbitrary,
  nameArbitrary,
} from "./bet_arbitraries.ts";

const u16 = fc.integer({ min: 0, max: 0xffff });
const u32 = fc.integer({ min: 0, max: 0xffff_ffff });
const errorCodes = Object.keys(ErrorCode) as ErrorCodeName[];

/** Bets of one agency, as a `BET_BATCH` carries them (at most 10). */
function batchArbitrary(): fc.Arbitrary<Message> {
  return fc.record({ agency: u16, sequence: u32 }).chain(
    ({ agency, sequence }) =>
      fc.array(betArbitrary({ agency }), { maxLength: 10 }).map((bets) => ({
        type: "BET_BATCH" as const,
        agency,
        sequence,
        bets,
      })),
  );
}

/** A single `BET` whose bet carries the message's agency. */
function singleBetArbitrary(): fc.Arbitrary<Message> {
  return fc.record({ agency: u16, sequence: u32 }).chain(
    ({ agency, sequence }) =>
      betArbitrary({ agency }).map((bet) => ({
        type: "BET" as const,
        agency,
        sequence,
        bet,
      })),
  );
}

/** Generators keyed by message type. */
export const MESSAGE_ARBITRARIES: Record<
  Message["type"],
  fc.Arbitrary<Message>
> = {
  ECHO: fc.array(codePointArbitrary(), { maxLength: 2_000, size: "max" })
    .map((points) => ({ type: "ECHO", text: points.join("") })),
  HELLO: fc.record({ agency: u16, session: u32 })
    .map((fields) => ({ type: "HELLO", ...fields })),
  BET: singleBetArbitrary(),
  BET_BATCH: batchArbitrary(),
  FINISHED: u16.map((agency) => ({ type: "FINISHED", agency })),
  WINNERS_QUERY: u16.map((agency) => ({ type: "WINNERS_QUERY", agency })),
  ACK: u32.map((sequence) => ({ type: "ACK", sequence })),
  ERROR: fc.record({
    code: fc.constantFrom(...errorCodes),
    sequence: u32,
    reason: nameArbitrary(),
  }).map((fields) => ({ type: "ERROR", ...fields })),
  WINNERS: fc.record({
    more: fc.boolean(),
    documents: fc.array(documentArbitrary(), { maxLength: 300, size: "max" }),
  }).map((fields) => ({ type: "WINNERS", ...fields })),
};

/** Any message of any type. */
export function messageArbitrary(): fc.Arbitrary<Message> {
  return fc.oneof(...Object.values(MESSAGE_ARBITRARIES));
}
