/**
 * The real server, run as its own process on 127.0.0.1 from a temporary
 * directory holding a generated `config.ini` and the bets file.
 *
 * @module
 */
import { join } from "node:path";
import { denoRunArgs } from "./_project.ts";
import {
  type ProcessUsage,
  readProcessUsage,
  readResidentBytes,
} from "./_proc_stats.ts";
import { RssSampler } from "./_rss_sampler.ts";
import { Spawned } from "./_spawned.ts";

/** Options for {@linkcode ServerProcess.start}. */
export interface ServerProcessOptions {
  /** Agencies expected before the draw (`AGENCIES`). */
  agencies: number;
  /** Pool size (`WORKERS`); the server's default (one per CPU) if unset. */
  workers?: number;
  /** `LOGGING_LEVEL`. */
  logLevel: string;
  /** The run's time bound: aborting kills the server. */
  signal: AbortSignal;
}

const CONFIG_LINE = /action: config \| result: success .*\| workers: (\d+)/;
const LISTENING_LINE = "action: accept_connections | result: in_progress";
const STORAGE_FILE = "bets.csv";

interface ReadyState {
  port: number;
  workers: number;
  rss: number;
  cpuSeconds: number;
}

/** A started server, listening on every worker. */
export class ServerProcess implements AsyncDisposable {
  #process: Spawned;
  #dir: string;
  #sampler: RssSampler;

  /** The port it listens on, on 127.0.0.1. */
  readonly port: number;
  /** Its workers, as it reported them. */
  readonly workers: number;
  /** Resident memory once listening, before any agency connected. */
  readonly readyRssBytes: number;
  /** CPU time spent starting up, until every worker listened. */
  readonly readyCpuSeconds: number;

  private constructor(process: Spawned, dir: string, ready: ReadyState) {
    this.#process = process;
    this.#dir = dir;
    this.#sampler = new RssSampler(process.pid);
    this.port = ready.port;
    this.workers = ready.workers;
    this.readyRssBytes = ready.rss;
    this.readyCpuSeconds = ready.cpuSeconds;
  }

  /**
   * Starts a server and waits until every worker listens.
   *
   * @throws {Error} when it exits first, with the last lines it printed.
   */
  static async start(options: ServerProcessOptions): Promise<ServerProcess> {
    const dir = await Deno.makeTempDir({ prefix: "tp0-bench-server-" });
    const port = freePort();
    await Deno.writeTextFile(join(dir, "config.ini"), configIni(port, options));

    const readiness = new Readiness();
    const process = Spawned.start(Deno.execPath(), {
      args: denoRunArgs("server.ts"),
      cwd: dir,
      onLine: (line) => readiness.see(line),
      signal: options.signal,
    });
    try {
      const workers = await readiness.wait(process.status);
      const rss = await readResidentBytes(process.pid);
      const { cpuSeconds } = await readProcessUsage(process.pid);
      const ready = { port, workers, rss, cpuSeconds };
      return new ServerProcess(process, dir, ready);
    } catch (error) {
      await process[Symbol.asyncDispose]();
      await Deno.remove(dir, { recursive: true });
      throw new Error(`Cannot start the server: ${process.tail}`, {
        cause: error,
      });
    }
  }

  /** Where the server stores bets. */
  get storagePath(): string {
    return join(this.#dir, STORAGE_FILE);
  }

  /** Peak memory and CPU time so far, every thread included. */
  usage(): Promise<ProcessUsage> {
    return readProcessUsage(this.#process.pid);
  }

  /** Resident memory sampled every 500 ms since it was ready, in bytes. */
  get rssSamples(): readonly number[] {
    return this.#sampler.samples;
  }

  /** The last lines the server printed. */
  get tail(): string {
    return this.#process.tail;
  }

  /** Stops the server (SIGTERM) and removes its directory. */
  async [Symbol.asyncDispose](): Promise<void> {
    this.#sampler[Symbol.dispose]();
    try {
      await this.#process.stop();
      await this.#process[Symbol.asyncDispose]();
    } finally {
      await Deno.remove(this.#dir, { recursive: true });
    }
  }
}

function configIni(port: number, options: ServerProcessOptions): string {
  return [
    "[DEFAULT]",
    `SERVER_PORT = ${port}`,
    "SERVER_IP = 127.0.0.1",
    "SERVER_LISTEN_BACKLOG = 128",
    `LOGGING_LEVEL = ${options.logLevel}`,
    `STORAGE_FILEPATH = ./${STORAGE_FILE}`,
    `AGENCIES = ${options.agencies}`,
    `WORKERS = ${options.workers ?? ""}`,
    "",
  ].join("\n");
}

/**
 * A port free right now. The clients cannot use port 0, so the bench picks
 * one; another process could take it before the server binds (unlikely).
 */
function freePort(): number {
  using listener = Deno.listen({ hostname: "127.0.0.1", port: 0 });
  return listener.addr.port;
}

/** Watches the server's log for its config line and each worker's listen. */
class Readiness {
  #workers?: number;
  #listening = 0;
  #ready = Promise.withResolvers<number>();

  see(line: string): void {
    const config = CONFIG_LINE.exec(line);
    if (config !== null) this.#workers = Number(config[1]);
    if (line.includes(LISTENING_LINE)) this.#listening++;

    const workers = this.#workers;
    if (workers !== undefined && this.#listening >= workers) {
      this.#ready.resolve(workers);
    }
  }

  wait(exited: Promise<Deno.CommandStatus>): Promise<number> {
    const early = exited.then((status) => {
      throw new Error(`Cannot start: the server exited (${status.code})`);
    });
    return Promise.race([this.#ready.promise, early]);
  }
}
