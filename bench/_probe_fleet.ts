/**
 * The bench-only agency client: it speaks the protocol through
 * `lib/protocol` from inside the bench process, drives every agency's
 * connection at once, and times each `BET_BATCH` → `ACK` round trip.
 *
 * Its frames are built before the clock starts (with the client's own
 * file reader and batch builder), so what it times is the server's side:
 * decoding, validation, the lock and `storeBets`, the draw.
 *
 * @module
 */
import { readAgencyFile } from "../lib/client/agency_file.ts";
import { BatchBuilder } from "../lib/protocol/batch_builder.ts";
import { writeAll } from "../lib/protocol/byte_stream.ts";
import { FrameReader } from "../lib/protocol/frame_reader.ts";
import {
  decodeMessage,
  encodeMessage,
  type Message,
} from "../lib/protocol/messages.ts";
import type { Dataset } from "./_datasets.ts";

/** One agency's upload, encoded ahead of time. */
export interface EncodedUpload {
  agency: number;
  /** `BET_BATCH` frames numbered 1, 2, … in order. */
  frames: Uint8Array[];
  bets: number;
}

/** Options for {@linkcode runProbeFleet}. */
export interface ProbeFleetOptions {
  port: number;
  uploads: readonly EncodedUpload[];
  /** The run's time bound: aborting closes every connection. */
  signal: AbortSignal;
}

/** What the probe measured. */
export interface ProbeFleetResult {
  /** From the first connect to the last agency's winners. */
  seconds: number;
  /** From the first connect to the last batch's ACK: the upload phase. */
  uploadSeconds: number;
  bets: number;
  winners: number;
  /** Every batch's round trip, in milliseconds. */
  ackMillis: Float64Array;
}

/** Encodes every agency file of `dataset` the way the client does. */
export async function encodeUploads(
  dataset: Dataset,
  batchMaxAmount: number,
): Promise<EncodedUpload[]> {
  const uploads: EncodedUpload[] = [];
  for (const [index, path] of dataset.files.entries()) {
    const agency = index + 1;
    const builder = new BatchBuilder(agency, batchMaxAmount);
    const frames: Uint8Array[] = [];
    let bets = 0;
    for await (const { bet } of readAgencyFile(path, agency)) {
      bets++;
      if (builder.tryAdd(bet)) continue;
      frames.push(builder.takeFrame(frames.length + 1));
      builder.tryAdd(bet);
    }
    if (builder.count > 0) frames.push(builder.takeFrame(frames.length + 1));
    uploads.push({ agency, frames, bets });
  }
  return uploads;
}

/**
 * Uploads every agency's frames over its own connection, all at once,
 * then finishes and asks for the winners.
 *
 * @throws {Error} when the server refuses or answers out of turn.
 */
export async function runProbeFleet(
  options: ProbeFleetOptions,
): Promise<ProbeFleetResult> {
  const { uploads } = options;
  const batches = uploads.reduce((sum, u) => sum + u.frames.length, 0);
  const ackMillis = new Float64Array(batches);

  const startedAt = performance.now();
  let offset = 0;
  const agencies = uploads.map((upload) => {
    const samples = ackMillis.subarray(offset, offset += upload.frames.length);
    return runAgency(options, upload, samples);
  });
  const outcomes = await Promise.all(agencies);
  const uploadedAt = Math.max(...outcomes.map((o) => o.uploadedAt));

  return {
    seconds: (performance.now() - startedAt) / 1e3,
    uploadSeconds: (uploadedAt - startedAt) / 1e3,
    bets: uploads.reduce((sum, upload) => sum + upload.bets, 0),
    winners: outcomes.reduce((sum, outcome) => sum + outcome.winners, 0),
    ackMillis,
  };
}

/** When an agency's last batch was acknowledged, and its winners. */
interface AgencyOutcome {
  uploadedAt: number;
  winners: number;
}

/** One agency's conversation, every batch's round trip timed. */
async function runAgency(
  options: ProbeFleetOptions,
  upload: EncodedUpload,
  ackMillis: Float64Array,
): Promise<AgencyOutcome> {
  const { agency, frames } = upload;
  using link = await ProbeLink.open(options.port, options.signal);
  const session = crypto.getRandomValues(new Uint32Array(1))[0];
  expectAck(await link.request({ type: "HELLO", agency, session }), 0);

  for (const [index, frame] of frames.entries()) {
    const sentAt = performance.now();
    const reply = await link.request(frame);
    ackMillis[index] = performance.now() - sentAt;
    expectAck(reply, index + 1);
  }

  const uploadedAt = performance.now();

  expectAck(await link.request({ type: "FINISHED", agency }), 0);
  return { uploadedAt, winners: await link.winners(agency) };
}

/** One connection, one request and reply at a time. */
class ProbeLink implements Disposable {
  #conn: Deno.TcpConn;
  #reader: FrameReader;
  #signal: AbortSignal;
  #onAbort = () => this.#conn.close();

  private constructor(conn: Deno.TcpConn, signal: AbortSignal) {
    this.#conn = conn;
    this.#reader = new FrameReader(conn);
    this.#signal = signal;
    signal.addEventListener("abort", this.#onAbort, { once: true });
  }

  static async open(port: number, signal: AbortSignal): Promise<ProbeLink> {
    signal.throwIfAborted();
    const conn = await Deno.connect({ hostname: "127.0.0.1", port });
    return new ProbeLink(conn, signal);
  }

  async request(request: Message | Uint8Array): Promise<Message> {
    const frame = request instanceof Uint8Array
      ? request
      : encodeMessage(request);
    await this.#guard(writeAll(this.#conn, frame));
    return await this.receive();
  }

  async receive(): Promise<Message> {
    const frame = await this.#guard(this.#reader.next());
    if (frame === null) {
      throw new Error("Cannot read the reply: the server hung up");
    }
    return decodeMessage(frame);
  }

  async winners(agency: number): Promise<number> {
    let reply = await this.request({ type: "WINNERS_QUERY", agency });
    let count = 0;
    for (;;) {
      if (reply.type !== "WINNERS") throw unexpected("WINNERS", reply);
      count += reply.documents.length;
      if (!reply.more) return count;
      reply = await this.receive();
    }
  }

  [Symbol.dispose](): void {
    this.#signal.removeEventListener("abort", this.#onAbort);
    try {
      this.#conn.close();
    } catch (error) {
      if (!(error instanceof Deno.errors.BadResource)) throw error;
    }
  }

  /** A socket error after the time bound is the time bound's error. */
  async #guard<T>(work: Promise<T>): Promise<T> {
    try {
      return await work;
    } catch (error) {
      this.#signal.throwIfAborted();
      throw error;
    }
  }
}

function expectAck(reply: Message, sequence: number): void {
  if (reply.type === "ACK" && reply.sequence === sequence) return;
  throw unexpected(`ACK ${sequence}`, reply);
}

function unexpected(wanted: string, reply: Message): Error {
  const shown = reply.type === "ERROR"
    ? `ERROR ${reply.code}: ${reply.reason}`
    : reply.type;
  return new Error(`Cannot go on: expected ${wanted}, received ${shown}`);
}
