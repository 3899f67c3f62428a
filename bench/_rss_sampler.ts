/**
 * Sampling a process's resident memory while it works, to tell memory that
 * grows with the bets stored from memory that plateaus under load.
 *
 * @module
 */
import { readResidentBytes } from "./_proc_stats.ts";

/** How often the resident size is read. */
export const RSS_SAMPLE_MILLIS = 500;

/** Reads `VmRSS` of a process every {@linkcode RSS_SAMPLE_MILLIS}. */
export class RssSampler implements Disposable {
  #pid: number;
  #timer: ReturnType<typeof setInterval>;
  #samples: number[] = [];

  /** Starts sampling `pid`. */
  constructor(pid: number) {
    this.#pid = pid;
    this.#timer = setInterval(() => this.#sample(), RSS_SAMPLE_MILLIS);
  }

  /** The samples so far, in bytes, oldest first. */
  get samples(): readonly number[] {
    return this.#samples;
  }

  /** Stops sampling. */
  [Symbol.dispose](): void {
    clearInterval(this.#timer);
  }

  async #sample(): Promise<void> {
    try {
      this.#samples.push(await readResidentBytes(this.#pid));
    } catch (error) {
      if (!(error instanceof Deno.errors.NotFound)) throw error;
    }
  }
}
