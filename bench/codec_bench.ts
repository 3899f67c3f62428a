/**
 * Speed of the wire codec: encoding bets into `BET_BATCH` frames, decoding
 * them, and cutting frames out of a byte stream.
 *
 * Run with `deno task bench:codec`. Every iteration handles
 * {@linkcode BETS_PER_ITERATION} bets, so bets per second is that number
 * times the iterations per second `deno bench` prints.
 *
 * @module
 */
import { strict as assert } from "node:assert";
import type { Bet } from "../lib/domain/bet.ts";
import { BatchBuilder } from "../lib/protocol/batch_builder.ts";
import type { ByteSource } from "../lib/protocol/byte_stream.ts";
import { type Frame, FRAME_HEADER_BYTES } from "../lib/protocol/frame.ts";
import { FrameReader } from "../lib/protocol/frame_reader.ts";
import { decodeMessage, encodeMessage } from "../lib/protocol/messages.ts";
import { concatBytes } from "../tests/_helpers/byte_fakes.ts";
import { makeBets } from "./_bet_factory.ts";

/** Bets handled by one iteration of every benchmark below. */
const BETS_PER_ITERATION = 10_000;

/** Bets per batch: a mid-sized batch, well inside one frame. */
const BATCH_BETS = 100;

/** As many bets as fit: a frame is then cut by the 8 KiB bound. */
const UNBOUNDED_BATCH = 65_535;

const AGENCY = 1;
const bets = makeBets(7574, AGENCY, BETS_PER_ITERATION);

function buildFrames(maxBets: number): Uint8Array[] {
  const builder = new BatchBuilder(AGENCY, maxBets);
  const frames: Uint8Array[] = [];
  for (const bet of bets) {
    if (builder.tryAdd(bet)) continue;
    frames.push(builder.takeFrame(frames.length + 1));
    builder.tryAdd(bet);
  }
  if (builder.count > 0) frames.push(builder.takeFrame(frames.length + 1));
  return frames;
}

function chunk(items: readonly Bet[], size: number): Bet[][] {
  const chunks: Bet[][] = [];
  for (let i = 0; i < items.length; i += size) {
    chunks.push(items.slice(i, i + size));
  }
  return chunks;
}

function asFrame(bytes: Uint8Array): Frame {
  return { type: bytes[0], payload: bytes.subarray(FRAME_HEADER_BYTES) };
}

/** A byte stream over a buffer, handing out at most `chunkBytes` per read. */
class MemorySource implements ByteSource {
  #bytes: Uint8Array;
  #chunkBytes: number;
  #offset = 0;

  constructor(bytes: Uint8Array, chunkBytes: number) {
    this.#bytes = bytes;
    this.#chunkBytes = chunkBytes;
  }

  read(target: Uint8Array): Promise<number | null> {
    if (this.#offset === this.#bytes.length) return Promise.resolve(null);
    const end = Math.min(
      this.#bytes.length,
      this.#offset + this.#chunkBytes,
      this.#offset + target.length,
    );
    target.set(this.#bytes.subarray(this.#offset, end));
    const count = end - this.#offset;
    this.#offset = end;
    return Promise.resolve(count);
  }
}

const batchFrames = buildFrames(BATCH_BETS);
const fullFrames = buildFrames(UNBOUNDED_BATCH);
const batches = chunk(bets, BATCH_BETS);
const stream = concatBytes(...batchFrames);

Deno.bench({
  name: "BatchBuilder, 100-bet frames (10,000 bets)",
  group: "encode",
  baseline: true,
  fn() {
    buildFrames(BATCH_BETS);
  },
});

Deno.bench({
  name: "BatchBuilder, full 8 KiB frames (10,000 bets)",
  group: "encode",
  fn() {
    buildFrames(UNBOUNDED_BATCH);
  },
});

Deno.bench({
  name: "encodeMessage, 100-bet BET_BATCH (10,000 bets)",
  group: "encode",
  fn() {
    batches.forEach((batch, i) => {
      encodeMessage({
        type: "BET_BATCH",
        agency: AGENCY,
        sequence: i + 1,
        bets: batch,
      });
    });
  },
});

Deno.bench({
  name: "decodeMessage, 100-bet BET_BATCH (10,000 bets)",
  group: "decode",
  baseline: true,
  fn() {
    for (const frame of batchFrames) decodeMessage(asFrame(frame));
  },
});

Deno.bench({
  name: "decodeMessage, full 8 KiB BET_BATCH (10,000 bets)",
  group: "decode",
  fn() {
    for (const frame of fullFrames) decodeMessage(asFrame(frame));
  },
});

async function readAll(chunkBytes: number, b: Deno.BenchContext) {
  const source = new MemorySource(stream, chunkBytes);
  const reader = new FrameReader(source);

  b.start();
  let frames = 0;
  while (await reader.next() !== null) frames++;
  b.end();

  assert.equal(frames, batchFrames.length);
}

Deno.bench({
  name: "FrameReader, 64 KiB reads (100 frames, 10,000 bets)",
  group: "frame reader",
  baseline: true,
  async fn(b) {
    await readAll(64 * 1024, b);
  },
});

Deno.bench({
  name: "FrameReader, 1,460-byte reads (100 frames, 10,000 bets)",
  group: "frame reader",
  async fn(b) {
    await readAll(1_460, b);
  },
});

Deno.bench({
  name: "FrameReader + decodeMessage, 64 KiB reads (10,000 bets)",
  group: "frame reader",
  async fn(b) {
    const reader = new FrameReader(new MemorySource(stream, 64 * 1024));

    b.start();
    for (let f = await reader.next(); f !== null; f = await reader.next()) {
      decodeMessage(f);
    }
    b.end();
  },
});
