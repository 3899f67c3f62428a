/**
 * A bet's bytes inside a `BET` or `BET_BATCH` payload.
 *
 * | field       | encoding                    |
 * |-------------|-----------------------------|
 * | first name  | u8 length + UTF-8 (≤ 255 B) |
 * | last name   | u8 length + UTF-8 (≤ 255 B) |
 * | document    | u8 length + ASCII digits    |
 * | birth year  | u16                         |
 * | birth month | u8                          |
 * | birth day   | u8                          |
 * | number      | u16                         |
 *
 * The agency is not repeated per bet: it travels once in the message.
 *
 * @module
 */
import type { Bet } from "../domain/bet.ts";
import type { PayloadReader } from "./payload_reader.ts";
import type { PayloadWriter } from "./payload_writer.ts";

/** Appends one bet's fields (not its agency). */
export function writeBet(writer: PayloadWriter, bet: Bet): void {
  writer
    .writeString(bet.firstName)
    .writeString(bet.lastName)
    .writeString(bet.document)
    .writeU16(bet.birthdate.year)
    .writeU8(bet.birthdate.month)
    .writeU8(bet.birthdate.day)
    .writeU16(bet.number);
}

/**
 * Reads one bet's fields; `agency` comes from the message header. Only the
 * wire shape is checked here: the domain's `validateBet` checks the rules.
 */
export function readBet(reader: PayloadReader, agency: number): Bet {
  return {
    agency,
    firstName: reader.readString("first name"),
    lastName: reader.readString("last name"),
    document: reader.readString("document"),
    birthdate: {
      year: reader.readU16("birth year"),
      month: reader.readU8("birth month"),
      day: reader.readU8("birth day"),
    },
    number: reader.readU16("number"),
  };
}
