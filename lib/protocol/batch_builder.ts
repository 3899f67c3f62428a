/**
 * Building `BET_BATCH` frames bet by bet, until the configured count or the
 * 8 KiB frame limit is reached, whichever comes first.
 *
 * @module
 */
import type { Bet } from "../domain/bet.ts";
import { writeBet } from "./bet_codec.ts";
import {
  FRAME_HEADER_BYTES,
  MAX_FRAME_BYTES,
  writeFrameHeader,
} from "./frame.ts";
import { MessageType } from "./message_type.ts";
import { PayloadFullError, PayloadWriter } from "./payload_writer.ts";

/** agency u16 + sequence u32 + count u16, right after the frame header. */
const BATCH_HEADER_BYTES = 8;
const COUNT_OFFSET = FRAME_HEADER_BYTES + 6;

/**
 * Accumulates bets into one frame buffer. {@linkcode BatchBuilder.tryAdd}
 * says `false` when the bet would overflow either bound; the caller then
 * sends {@linkcode BatchBuilder.takeFrame} and adds the bet again.
 *
 * @example
 * ```ts ignore
 * const builder = new BatchBuilder(1, 100);
 * if (!builder.tryAdd(bet)) send(builder.takeFrame(seq++));
 * ```
 */
export class BatchBuilder {
  #agency: number;
  #maxBets: number;
  #frame = new Uint8Array(MAX_FRAME_BYTES);
  #writer = new PayloadWriter(this.#frame);
  #count = 0;

  /** Builds batches for `agency` of at most `maxBets` bets each. */
  constructor(agency: number, maxBets: number) {
    this.#agency = agency;
    this.#maxBets = maxBets;
    this.#reset();
  }

  /** Bets in the batch being built. */
  get count(): number {
    return this.#count;
  }

  /**
   * Adds a bet if it fits; `false` leaves the batch unchanged.
   *
   * @throws {RangeError} when a field cannot be encoded at all.
   */
  tryAdd(bet: Bet): boolean {
    if (this.#count === this.#maxBets) return false;

    const mark = this.#writer.offset;
    try {
      writeBet(this.#writer, bet);
    } catch (error) {
      this.#writer.rewind(mark);
      if (error instanceof PayloadFullError) return false;
      throw error;
    }
    this.#count++;
    return true;
  }

  /** The finished frame, numbered `sequence`; starts a new empty batch. */
  takeFrame(sequence: number): Uint8Array {
    const length = this.#writer.offset;
    writeFrameHeader(
      this.#frame,
      MessageType.BET_BATCH,
      length - FRAME_HEADER_BYTES,
    );
    const view = new DataView(this.#frame.buffer);
    view.setUint32(FRAME_HEADER_BYTES + 2, sequence);
    view.setUint16(COUNT_OFFSET, this.#count);

    const frame = this.#frame.slice(0, length);
    this.#reset();
    return frame;
  }

  #reset(): void {
    this.#writer.rewind(0);
    this.#writer.writeBytes(new Uint8Array(FRAME_HEADER_BYTES));
    this.#writer.writeU16(this.#agency).writeU32(0).writeU16(0);
    this.#count = 0;
  }
}

/** Frame bytes before the first bet of a batch. */
export const BATCH_OVERHEAD_BYTES = FRAME_HEADER_BYTES + BATCH_HEADER_BYTES;
