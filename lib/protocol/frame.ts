/**
 * The frame: the unit every message travels in.
 *
 * | offset | size | field          |
 * |-------:|-----:|----------------|
 * | 0      | 1    | message type   |
 * | 1      | 2    | payload length (unsigned, big-endian) |
 * | 3      | n    | payload        |
 *
 * A whole frame never exceeds {@linkcode MAX_FRAME_BYTES} (8 KiB).
 *
 * @module
 */
import { ProtocolError } from "./protocol_error.ts";

/** Bytes before the payload: type (u8) and payload length (u16). */
export const FRAME_HEADER_BYTES = 3;

/** Largest frame on the wire, header included. */
export const MAX_FRAME_BYTES = 8 * 1024;

/** Largest payload a frame can carry. */
export const MAX_PAYLOAD_BYTES = MAX_FRAME_BYTES - FRAME_HEADER_BYTES;

/** A decoded frame: its type byte and its payload. */
export interface Frame {
  type: number;
  payload: Uint8Array;
}

/**
 * Wraps `payload` in a frame.
 *
 * @throws {ProtocolError} `FRAME_TOO_LARGE` when it would exceed 8 KiB.
 */
export function encodeFrame(type: number, payload: Uint8Array): Uint8Array {
  checkPayloadLength(payload.length);

  const frame = new Uint8Array(FRAME_HEADER_BYTES + payload.length);
  writeFrameHeader(frame, type, payload.length);
  frame.set(payload, FRAME_HEADER_BYTES);
  return frame;
}

/** Writes a frame header at the start of `target`. */
export function writeFrameHeader(
  target: Uint8Array,
  type: number,
  payloadLength: number,
): void {
  target[0] = type;
  target[1] = payloadLength >>> 8;
  target[2] = payloadLength & 0xff;
}

/**
 * Checks a payload length read off the wire or about to be written.
 *
 * @throws {ProtocolError} `FRAME_TOO_LARGE` past {@linkcode MAX_PAYLOAD_BYTES}.
 */
export function checkPayloadLength(length: number): void {
  if (length > MAX_PAYLOAD_BYTES) {
    throw new ProtocolError(
      "FRAME_TOO_LARGE",
      `Cannot accept a ${length}-byte payload: the limit is ${MAX_PAYLOAD_BYTES}`,
    );
  }
}
