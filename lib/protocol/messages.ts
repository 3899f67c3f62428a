/**
 * The messages of the protocol and their payload layouts. Every message
 * travels in one frame (see `frame.ts`); `WINNERS` may take several.
 *
 * | type            | byte | payload                                              |
 * |-----------------|------|------------------------------------------------------|
 * | `ECHO`          | 0x01 | UTF-8 text (the rest of the payload)                 |
 * | `HELLO`         | 0x02 | agency u16, session u32                              |
 * | `BET`           | 0x03 | agency u16, sequence u32, bet                        |
 * | `BET_BATCH`     | 0x04 | agency u16, sequence u32, count u16, count × bet     |
 * | `FINISHED`      | 0x05 | agency u16                                           |
 * | `WINNERS_QUERY` | 0x06 | agency u16                                           |
 * | `ACK`           | 0x81 | sequence u32                                         |
 * | `ERROR`         | 0x82 | code u8, sequence u32, reason (u8 length + UTF-8)    |
 * | `WINNERS`       | 0x83 | more u8 (0/1), count u16, count × document (u8 + B)  |
 *
 * @module
 */
import type { Bet } from "../domain/bet.ts";
import { readBet, writeBet } from "./bet_codec.ts";
import { ErrorCode, type ErrorCodeName, errorCodeName } from "./error_code.ts";
import {
  type Frame,
  FRAME_HEADER_BYTES,
  MAX_FRAME_BYTES,
  writeFrameHeader,
} from "./frame.ts";
import { MessageType, type MessageTypeName } from "./message_type.ts";
import { PayloadReader } from "./payload_reader.ts";
import { PayloadWriter } from "./payload_writer.ts";
import { ProtocolError } from "./protocol_error.ts";

/** Every message, discriminated by its type name. */
export type Message =
  | { type: "ECHO"; text: string }
  | { type: "HELLO"; agency: number; session: number }
  | { type: "BET"; agency: number; sequence: number; bet: Bet }
  | { type: "BET_BATCH"; agency: number; sequence: number; bets: Bet[] }
  | { type: "FINISHED"; agency: number }
  | { type: "WINNERS_QUERY"; agency: number }
  | { type: "ACK"; sequence: number }
  | ErrorMessage
  | WinnersMessage;

/** The server's refusal of a request. */
export interface ErrorMessage {
  type: "ERROR";
  code: ErrorCodeName;
  /** The refused batch's sequence number, 0 when none applies. */
  sequence: number;
  reason: string;
}

/** One frame of an agency's winners; `more` says another frame follows. */
export interface WinnersMessage {
  type: "WINNERS";
  more: boolean;
  documents: string[];
}

/** The message of a given type name. */
export type MessageOf<T extends MessageTypeName> = Extract<
  Message,
  { type: T }
>;

/**
 * Encodes a message as one whole frame.
 *
 * @throws {PayloadFullError} when it does not fit in 8 KiB.
 * @throws {RangeError} when a field is out of its wire range.
 */
export function encodeMessage(message: Message): Uint8Array {
  const frame = new Uint8Array(MAX_FRAME_BYTES);
  const writer = new PayloadWriter(frame, FRAME_HEADER_BYTES);
  writePayload(writer, message);

  const payloadLength = writer.offset - FRAME_HEADER_BYTES;
  writeFrameHeader(frame, MessageType[message.type], payloadLength);
  return frame.slice(0, writer.offset);
}

function writePayload(writer: PayloadWriter, message: Message): void {
  switch (message.type) {
    case "ECHO":
      return writeEchoText(writer, message.text);
    case "HELLO":
      writer.writeU16(message.agency).writeU32(message.session);
      return;
    case "FINISHED":
    case "WINNERS_QUERY":
      writer.writeU16(message.agency);
      return;
    case "BET":
      writer.writeU16(message.agency).writeU32(message.sequence);
      return writeBet(writer, message.bet);
    case "BET_BATCH":
      writer.writeU16(message.agency).writeU32(message.sequence);
      writer.writeU16(message.bets.length);
      return message.bets.forEach((bet) => writeBet(writer, bet));
    case "ACK":
      writer.writeU32(message.sequence);
      return;
    case "ERROR":
      writer.writeU8(ErrorCode[message.code]).writeU32(message.sequence);
      writer.writeString(truncateUtf8(message.reason, 0xff));
      return;
    case "WINNERS":
      writer.writeU8(message.more ? 1 : 0).writeU16(message.documents.length);
      return message.documents.forEach((doc) => writer.writeString(doc));
  }
}

function writeEchoText(writer: PayloadWriter, text: string): void {
  writer.writeBytes(new TextEncoder().encode(text));
}

/**
 * Decodes a frame into a message, consuming its payload exactly.
 *
 * @throws {ProtocolError} `UNKNOWN_MESSAGE_TYPE` or `MALFORMED_PAYLOAD`.
 */
export function decodeMessage(frame: Frame): Message {
  const reader = new PayloadReader(frame.payload);
  const message = readPayload(reader, frame.type);
  reader.expectEnd(message.type);
  return message;
}

function readPayload(reader: PayloadReader, type: number): Message {
  switch (type) {
    case MessageType.ECHO:
      return { type: "ECHO", text: reader.readRest("echo text") };
    case MessageType.HELLO:
      return readHello(reader);
    case MessageType.BET:
      return readSingleBet(reader);
    case MessageType.BET_BATCH:
      return readBatch(reader);
    case MessageType.FINISHED:
      return { type: "FINISHED", agency: reader.readU16("agency") };
    case MessageType.WINNERS_QUERY:
      return { type: "WINNERS_QUERY", agency: reader.readU16("agency") };
    case MessageType.ACK:
      return { type: "ACK", sequence: reader.readU32("sequence") };
    case MessageType.ERROR:
      return readError(reader);
    case MessageType.WINNERS:
      return readWinners(reader);
  }
  const shown = `0x${type.toString(16).padStart(2, "0")}`;
  throw new ProtocolError(
    "UNKNOWN_MESSAGE_TYPE",
    `Cannot decode message: unknown type ${shown}`,
  );
}

function readHello(reader: PayloadReader): Message {
  const agency = reader.readU16("agency");
  return { type: "HELLO", agency, session: reader.readU32("session") };
}

function readSingleBet(reader: PayloadReader): Message {
  const agency = reader.readU16("agency");
  const sequence = reader.readU32("sequence");
  return { type: "BET", agency, sequence, bet: readBet(reader, agency) };
}

function readBatch(reader: PayloadReader): Message {
  const agency = reader.readU16("agency");
  const sequence = reader.readU32("sequence");
  const count = reader.readU16("bet count");

  const bets: Bet[] = [];
  for (let i = 0; i < count; i++) bets.push(readBet(reader, agency));
  return { type: "BET_BATCH", agency, sequence, bets };
}

function readError(reader: PayloadReader): ErrorMessage {
  const value = reader.readU8("error code");
  const code = errorCodeName(value);
  if (code === undefined) {
    throw new ProtocolError(
      "MALFORMED_PAYLOAD",
      `Cannot decode ERROR: unknown error code ${value}`,
    );
  }
  const sequence = reader.readU32("sequence");
  return { type: "ERROR", code, sequence, reason: reader.readString("reason") };
}

function readWinners(reader: PayloadReader): WinnersMessage {
  const more = reader.readU8("more flag") !== 0;
  const count = reader.readU16("document count");

  const documents: string[] = [];
  for (let i = 0; i < count; i++) documents.push(reader.readString("document"));
  return { type: "WINNERS", more, documents };
}

/** Cuts `text` to at most `maxBytes` of UTF-8 without splitting a character. */
export function truncateUtf8(text: string, maxBytes: number): string {
  const encoder = new TextEncoder();
  if (encoder.encode(text).length <= maxBytes) return text;

  const room = new Uint8Array(maxBytes);
  const { read } = encoder.encodeInto(text, room);
  return text.slice(0, read);
}
