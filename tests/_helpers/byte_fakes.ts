/**
 * Fake socket halves for protocol tests: a source that hands out a few
 * bytes per read and a sink that accepts a few bytes per write, so every
 * short-read and short-write path runs without a real connection.
 *
 * @module
 */
import type { ByteSink, ByteSource } from "../../lib/protocol/byte_stream.ts";

/** Options for {@linkcode TrickleSource}. */
export interface TrickleSourceOptions {
  /** Most bytes handed out per `read` (default 1). */
  chunkBytes?: number;
}

/** A {@linkcode ByteSource} over fixed bytes, then end of stream. */
export class TrickleSource implements ByteSource {
  #bytes: Uint8Array;
  #chunkBytes: number;
  #offset = 0;
  #reads = 0;

  /** Serves `bytes`, at most `options.chunkBytes` per read. */
  constructor(bytes: Uint8Array, options: TrickleSourceOptions = {}) {
    this.#bytes = bytes;
    this.#chunkBytes = options.chunkBytes ?? 1;
  }

  /** Bytes handed out so far. */
  get consumed(): number {
    return this.#offset;
  }

  /** Calls to `read`, the final `null` included. */
  get reads(): number {
    return this.#reads;
  }

  /** Copies the next few bytes into `target`; `null` once all are served. */
  read(target: Uint8Array): Promise<number | null> {
    this.#reads++;
    if (this.#offset === this.#bytes.length) return Promise.resolve(null);

    const left = this.#bytes.length - this.#offset;
    const count = Math.min(this.#chunkBytes, target.length, left);
    target.set(this.#bytes.subarray(this.#offset, this.#offset + count));
    this.#offset += count;
    return Promise.resolve(count);
  }
}

/** Options for {@linkcode ShortWriteSink}. */
export interface ShortWriteSinkOptions {
  /** Bytes accepted per call, cycled (default 1, 2, 3). */
  pattern?: readonly number[];
  /** Total bytes accepted; past it every write returns 0 (default: no cap). */
  capacity?: number;
}

/** A {@linkcode ByteSink} that takes only part of each write. */
export class ShortWriteSink implements ByteSink {
  #pattern: readonly number[];
  #capacity: number;
  #chunks: Uint8Array[] = [];
  #written = 0;
  #calls = 0;

  /** Accepts writes in the sizes of `options.pattern`. */
  constructor(options: ShortWriteSinkOptions = {}) {
    this.#pattern = options.pattern ?? [1, 2, 3];
    this.#capacity = options.capacity ?? Infinity;
  }

  /** Calls to `write` so far. */
  get calls(): number {
    return this.#calls;
  }

  /** Everything accepted, in order. */
  get bytes(): Uint8Array {
    return concatBytes(...this.#chunks);
  }

  /** Accepts the next size of the pattern, or 0 once at capacity. */
  write(bytes: Uint8Array): Promise<number> {
    const wanted = this.#pattern[this.#calls % this.#pattern.length];
    this.#calls++;

    const room = this.#capacity - this.#written;
    const count = Math.min(wanted, bytes.length, room);
    this.#chunks.push(bytes.slice(0, count));
    this.#written += count;
    return Promise.resolve(count);
  }
}

/** Joins byte arrays into one. */
export function concatBytes(...parts: Uint8Array[]): Uint8Array {
  const total = parts.reduce((sum, part) => sum + part.length, 0);
  const joined = new Uint8Array(total);
  let offset = 0;
  for (const part of parts) {
    joined.set(part, offset);
    offset += part.length;
  }
  return joined;
}
