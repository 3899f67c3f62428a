/**
 * A hand-driven agency for tests that need to send exactly chosen frames
 * (a bad batch, a retried batch) through the real protocol code.
 *
 * @module
 */
import { writeAll } from "../../lib/protocol/byte_stream.ts";
import { FrameReader } from "../../lib/protocol/frame_reader.ts";
import {
  decodeMessage,
  encodeMessage,
  type Message,
} from "../../lib/protocol/messages.ts";
import type { Bet } from "../../lib/domain/bet.ts";
import { sampleBet as sharedSampleBet } from "../_helpers/bet_arbitraries.ts";

/** One raw connection to the server. */
export class RawAgency implements Disposable {
  #conn: Deno.TcpConn;
  #reader: FrameReader;

  private constructor(conn: Deno.TcpConn) {
    this.#conn = conn;
    this.#reader = new FrameReader(conn);
  }

  /** Connects to the server on 127.0.0.1. */
  static async connect(port: number): Promise<RawAgency> {
    return new RawAgency(await Deno.connect({ hostname: "127.0.0.1", port }));
  }

  /** Sends raw bytes. */
  async sendBytes(bytes: Uint8Array): Promise<void> {
    await writeAll(this.#conn, bytes);
  }

  /** Sends a message and reads one reply. */
  async request(message: Message): Promise<Message> {
    await this.sendBytes(encodeMessage(message));
    return await this.reply();
  }

  /** Reads one reply; `null` when the server closed the connection. */
  async reply(): Promise<Message> {
    const frame = await this.#reader.next();
    if (frame === null) throw new Error("The server closed the connection");
    return decodeMessage(frame);
  }

  /** Whether the server closes the connection (reads until EOF). */
  async closedByServer(): Promise<boolean> {
    try {
      return await this.#reader.next() === null;
    } catch {
      return true;
    }
  }

  /** Closes the connection. */
  [Symbol.dispose](): void {
    try {
      this.#conn.close();
    } catch {
      // Closed by the server already.
    }
  }
}

/** A valid bet of `agency` with the given document and number. */
export function sampleBet(
  agency: number,
  document: string,
  number = 1234,
): Bet {
  return sharedSampleBet({ agency, document, number });
}
