/**
 * Writing payload fields into a fixed-capacity buffer.
 *
 * @module
 */

/**
 * The payload has no room left for a field. Meant to be caught by callers
 * that fill a frame until it is full (the batch builder).
 */
export class PayloadFullError extends Error {
  /** Creates the error. */
  constructor(message: string) {
    super(message);
    this.name = "PayloadFullError";
  }
}

const encoder = new TextEncoder();

/**
 * Appends big-endian integers and length-prefixed UTF-8 strings to a buffer
 * of fixed capacity; never grows, never writes past the end.
 *
 * @example
 * ```ts
 * import { PayloadWriter } from "./payload_writer.ts";
 * const writer = new PayloadWriter(16);
 * writer.writeU16(7574).writeString("Lorca");
 * writer.bytes(); // Uint8Array(8)
 * ```
 */
export class PayloadWriter {
  #buffer: Uint8Array;
  #view: DataView;
  #offset: number;

  /**
   * Writes into a new buffer of `capacity` bytes, or into `target` from
   * `startOffset` (to leave room for a frame header).
   */
  constructor(capacity: number | Uint8Array, startOffset = 0) {
    this.#buffer = typeof capacity === "number"
      ? new Uint8Array(capacity)
      : capacity;
    this.#view = new DataView(
      this.#buffer.buffer,
      this.#buffer.byteOffset,
      this.#buffer.byteLength,
    );
    this.#offset = startOffset;
  }

  /** Bytes written so far, including any start offset. */
  get offset(): number {
    return this.#offset;
  }

  /** Moves back to an earlier offset, dropping what was written after it. */
  rewind(offset: number): void {
    if (offset < 0 || offset > this.#offset) {
      throw new RangeError(`Cannot rewind to offset ${offset}`);
    }
    this.#offset = offset;
  }

  /** Appends an unsigned byte. */
  writeU8(value: number): this {
    this.#reserve(1);
    this.#view.setUint8(this.#offset, checkRange(value, 0xff));
    this.#offset += 1;
    return this;
  }

  /** Appends an unsigned 16-bit integer. */
  writeU16(value: number): this {
    this.#reserve(2);
    this.#view.setUint16(this.#offset, checkRange(value, 0xffff));
    this.#offset += 2;
    return this;
  }

  /** Appends an unsigned 32-bit integer. */
  writeU32(value: number): this {
    this.#reserve(4);
    this.#view.setUint32(this.#offset, checkRange(value, 0xffff_ffff));
    this.#offset += 4;
    return this;
  }

  /** Appends raw bytes. */
  writeBytes(bytes: Uint8Array): this {
    this.#reserve(bytes.length);
    this.#buffer.set(bytes, this.#offset);
    this.#offset += bytes.length;
    return this;
  }

  /**
   * Appends a string as a one-byte length then its UTF-8 bytes.
   *
   * @throws {RangeError} when the text is over 255 bytes.
   * @throws {PayloadFullError} when it does not fit.
   */
  writeString(text: string): this {
    this.#reserve(1);
    const room = this.#buffer.subarray(this.#offset + 1);
    const { read, written } = encoder.encodeInto(text, room);
    if (read < text.length) {
      const fitsAtAll = encoder.encode(text).length <= 0xff;
      if (!fitsAtAll) throw tooLong(text);
      throw new PayloadFullError("Cannot write string: the payload is full");
    }
    if (written > 0xff) throw tooLong(text);

    this.#buffer[this.#offset] = written;
    this.#offset += 1 + written;
    return this;
  }

  /** A copy of everything written. */
  bytes(): Uint8Array {
    return this.#buffer.slice(0, this.#offset);
  }

  #reserve(count: number): void {
    if (this.#offset + count > this.#buffer.length) {
      throw new PayloadFullError(
        `Cannot write ${count} bytes at offset ${this.#offset}: capacity is ${this.#buffer.length}`,
      );
    }
  }
}

function checkRange(value: number, max: number): number {
  if (!Number.isInteger(value) || value < 0 || value > max) {
    throw new RangeError(`Cannot encode ${value}: it must be 0..${max}`);
  }
  return value;
}

function tooLong(text: string): RangeError {
  const bytes = encoder.encode(text).length;
  return new RangeError(
    `Cannot encode a ${bytes}-byte string: the limit is 255 bytes`,
  );
}
