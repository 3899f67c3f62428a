/**
 * Reading payload fields, with every read bounds-checked.
 *
 * @module
 */
import { ProtocolError } from "./protocol_error.ts";

const decoder = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true });

/**
 * Reads big-endian integers and length-prefixed UTF-8 strings from a
 * payload. Any read past the end, invalid UTF-8 or trailing bytes is a
 * `MALFORMED_PAYLOAD` {@linkcode ProtocolError} naming the field and offset.
 */
export class PayloadReader {
  #bytes: Uint8Array;
  #view: DataView;
  #offset = 0;

  /** Reads `bytes` from the start. */
  constructor(bytes: Uint8Array) {
    this.#bytes = bytes;
    this.#view = new DataView(bytes.buffer, bytes.byteOffset, bytes.length);
  }

  /** Reads an unsigned byte. */
  readU8(field: string): number {
    this.#need(1, field);
    const value = this.#view.getUint8(this.#offset);
    this.#offset += 1;
    return value;
  }

  /** Reads an unsigned 16-bit integer. */
  readU16(field: string): number {
    this.#need(2, field);
    const value = this.#view.getUint16(this.#offset);
    this.#offset += 2;
    return value;
  }

  /** Reads an unsigned 32-bit integer. */
  readU32(field: string): number {
    this.#need(4, field);
    const value = this.#view.getUint32(this.#offset);
    this.#offset += 4;
    return value;
  }

  /** Reads a one-byte length then that many bytes of UTF-8. */
  readString(field: string): string {
    const length = this.readU8(field);
    this.#need(length, field);
    return this.#decode(this.#offset + length, field);
  }

  /** Reads everything left as UTF-8 (the echo text). */
  readRest(field: string): string {
    return this.#decode(this.#bytes.length, field);
  }

  /** Fails if bytes remain: a payload must be consumed exactly. */
  expectEnd(message: string): void {
    const left = this.#bytes.length - this.#offset;
    if (left !== 0) {
      throw new ProtocolError(
        "MALFORMED_PAYLOAD",
        `Cannot decode ${message}: ${left} unexpected bytes at offset ${this.#offset}`,
      );
    }
  }

  #decode(end: number, field: string): string {
    const start = this.#offset;
    this.#offset = end;
    const ascii = asciiText(this.#bytes, start, end);
    if (ascii !== undefined) return ascii;
    try {
      return decoder.decode(this.#bytes.subarray(start, end));
    } catch (error) {
      throw new ProtocolError(
        "MALFORMED_PAYLOAD",
        `Cannot decode ${field} at offset ${start}: invalid UTF-8`,
        { cause: error },
      );
    }
  }

  #need(count: number, field: string): void {
    if (this.#offset + count > this.#bytes.length) {
      throw new ProtocolError(
        "MALFORMED_PAYLOAD",
        `Cannot decode ${field} at offset ${this.#offset}: the payload ends at ${this.#bytes.length}`,
      );
    }
  }
}

/**
 * Short ASCII strings (documents, most names) decoded without a call into
 * `TextDecoder`, which costs more than the copy for a few bytes; anything
 * else, or anything long, is left to the strict decoder.
 */
function asciiText(bytes: Uint8Array, start: number, end: number) {
  if (end - start > 64) return undefined;
  let text = "";
  for (let i = start; i < end; i++) {
    const byte = bytes[i];
    if (byte >= 0x80) return undefined;
    text += String.fromCharCode(byte);
  }
  return text;
}
