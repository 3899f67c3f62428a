/**
 * Reading whole frames from a byte stream, whatever the size of each read.
 *
 * @module
 */
import type { ByteSource } from "./byte_stream.ts";
import {
  checkPayloadLength,
  type Frame,
  FRAME_HEADER_BYTES,
  MAX_FRAME_BYTES,
} from "./frame.ts";
import { ProtocolError } from "./protocol_error.ts";

/** Options for {@linkcode FrameReader}. */
export interface FrameReaderOptions {
  /** Read buffer size; at least one whole frame (default 64 KiB). */
  bufferBytes?: number;
}

/**
 * Cuts frames out of a byte stream. Reads as much as the socket offers into
 * one buffer (fewer system calls under load) and loops over short reads.
 * A declared length is checked against the 8 KiB limit before the reader
 * waits for, or copies, the payload.
 *
 * @example
 * ```ts ignore
 * import { FrameReader } from "./frame_reader.ts";
 * const reader = new FrameReader(conn);
 * for (let f = await reader.next(); f; f = await reader.next()) {}
 * ```
 */
export class FrameReader {
  #source: ByteSource;
  #buffer: Uint8Array;
  #start = 0;
  #end = 0;

  /** Reads frames from `source`. */
  constructor(source: ByteSource, options: FrameReaderOptions = {}) {
    const size = Math.max(options.bufferBytes ?? 64 * 1024, MAX_FRAME_BYTES);
    this.#source = source;
    this.#buffer = new Uint8Array(size);
  }

  /**
   * The next frame, or `null` when the peer closed between frames.
   *
   * @throws {ProtocolError} `FRAME_TOO_LARGE` for a length over the limit,
   * `TRUNCATED_FRAME` when the peer closes mid-frame.
   */
  async next(): Promise<Frame | null> {
    if (!await this.#fill(FRAME_HEADER_BYTES)) return null;

    const type = this.#buffer[this.#start];
    const length = (this.#buffer[this.#start + 1] << 8) |
      this.#buffer[this.#start + 2];
    checkPayloadLength(length);

    const frameBytes = FRAME_HEADER_BYTES + length;
    if (!await this.#fill(frameBytes)) {
      throw new ProtocolError(
        "TRUNCATED_FRAME",
        `Cannot read frame: the peer closed after ${this.#available} of ${frameBytes} bytes`,
      );
    }

    const payloadStart = this.#start + FRAME_HEADER_BYTES;
    const payload = this.#buffer.slice(payloadStart, payloadStart + length);
    this.#start += frameBytes;
    return { type, payload };
  }

  get #available(): number {
    return this.#end - this.#start;
  }

  /**
   * Reads until `count` bytes are buffered. Returns false on a clean EOF
   * with nothing buffered; throws on an EOF after a partial header.
   */
  async #fill(count: number): Promise<boolean> {
    if (this.#available >= count) return true;
    this.#compact();

    while (this.#available < count) {
      const read = await this.#source.read(this.#buffer.subarray(this.#end));
      if (read === null) return this.#endOfStream(count);
      this.#end += read;
    }
    return true;
  }

  #endOfStream(wanted: number): false {
    if (this.#available === 0 || wanted > FRAME_HEADER_BYTES) return false;
    throw new ProtocolError(
      "TRUNCATED_FRAME",
      `Cannot read frame header: the peer closed after ${this.#available} of ${FRAME_HEADER_BYTES} bytes`,
    );
  }

  #compact(): void {
    if (this.#start === 0) return;
    this.#buffer.copyWithin(0, this.#start, this.#end);
    this.#end -= this.#start;
    this.#start = 0;
  }
}
