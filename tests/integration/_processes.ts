/**
 * Starting the real server and clients as processes on 127.0.0.1, each in
 * its own temporary working directory with its own config file, and
 * collecting their log lines.
 *
 * @module
 */

import type { Bet } from "../../lib/domain/bet.ts";
import { loadBets } from "../../lib/domain/bet_storage.ts";

const REPO = new URL("../../", import.meta.url);
const DENO_ARGS = [
  "run",
  "-A",
  "--config",
  new URL("deno.json", REPO).pathname,
];

/** Server settings a test may change. */
export interface ServerOptions {
  agencies?: number;
  workers?: number;
  loggingLevel?: string;
  env?: Record<string, string>;
}

/** A running server process. */
export class ServerProcess implements AsyncDisposable {
  readonly port: number;
  readonly dir: string;
  readonly logs: LogCollector;
  #child: Deno.ChildProcess;
  #status: Promise<Deno.CommandStatus>;

  private constructor(port: number, dir: string, child: Deno.ChildProcess) {
    this.port = port;
    this.dir = dir;
    this.#child = child;
    this.logs = new LogCollector(child.stdout);
    this.#status = child.status;
  }

  /** Starts a server and waits until every worker accepts connections. */
  static async start(options: ServerOptions = {}): Promise<ServerProcess> {
    const dir = await Deno.makeTempDir({ prefix: "tp0-server-" });
    const port = freePort();
    await Deno.writeTextFile(`${dir}/config.ini`, serverIni(port, options));

    const child = spawn("server.ts", dir, options.env ?? {});
    const server = new ServerProcess(port, dir, child);
    const workers = options.workers ?? 2;
    await server.logs.waitFor((lines) =>
      lines.filter((l) =>
        l.includes("action: accept_connections | result: in_progress")
      ).length >= workers
    );
    return server;
  }

  /** Path of the bets file the server stores into. */
  get betsFile(): string {
    return `${this.dir}/bets.csv`;
  }

  /** Every bet in the server's file, read back with `loadBets`. */
  async storedBets(): Promise<Bet[]> {
    return await Array.fromAsync(loadBets(this.betsFile));
  }

  /** Sends a signal. */
  kill(signal: Deno.Signal = "SIGTERM"): void {
    this.#child.kill(signal);
  }

  /** Waits for the process to exit. */
  async exited(): Promise<Deno.CommandStatus> {
    const status = await this.#status;
    await this.logs.closed;
    return status;
  }

  /** Stops the server (SIGTERM) if still running, and removes its files. */
  async [Symbol.asyncDispose](): Promise<void> {
    try {
      this.#child.kill("SIGTERM");
    } catch {
      // Already exited: nothing to stop.
    }
    await this.exited();
    await Deno.remove(this.dir, { recursive: true });
  }
}

/** Client settings a test may change. */
export interface ClientOptions {
  id: number;
  mode: "echo" | "bet" | "agency";
  port: number;
  loopAmount?: number;
  loopPeriod?: string;
  batchMaxAmount?: number;
  agencyFile?: string;
  env?: Record<string, string>;
}

/** A running client process. */
export class ClientProcess {
  readonly logs: LogCollector;
  #child: Deno.ChildProcess;
  #dir: string;

  private constructor(child: Deno.ChildProcess, dir: string) {
    this.#child = child;
    this.#dir = dir;
    this.logs = new LogCollector(child.stdout);
  }

  /** Starts a client. */
  static async start(options: ClientOptions): Promise<ClientProcess> {
    const dir = await Deno.makeTempDir({ prefix: "tp0-client-" });
    await Deno.writeTextFile(`${dir}/config.yaml`, clientYaml(options));
    const env: Record<string, string> = {
      CLI_ID: String(options.id),
      CLI_MODE: options.mode,
      ...(options.agencyFile ? { CLI_AGENCY_FILE: options.agencyFile } : {}),
      ...options.env,
    };
    return new ClientProcess(spawn("client.ts", dir, env), dir);
  }

  /** Sends a signal. */
  kill(signal: Deno.Signal = "SIGTERM"): void {
    this.#child.kill(signal);
  }

  /** Waits for the exit; returns the exit code and every log line. */
  async finished(): Promise<{ code: number; lines: string[] }> {
    const { code } = await this.#child.status;
    await this.logs.closed;
    await Deno.remove(this.#dir, { recursive: true });
    return { code, lines: this.logs.lines };
  }
}

/** Runs a client to completion. */
export async function runClient(options: ClientOptions) {
  return await (await ClientProcess.start(options)).finished();
}

/** Collects a process's stdout lines as they arrive. */
export class LogCollector {
  readonly lines: string[] = [];
  readonly closed: Promise<void>;
  #waiters = new Set<() => void>();

  constructor(stream: ReadableStream<Uint8Array>) {
    this.closed = this.#collect(stream);
  }

  /** Waits until `predicate` holds for the lines seen so far (10 s bound). */
  async waitFor(
    predicate: (lines: string[]) => boolean,
    millis = 10_000,
  ): Promise<void> {
    const deadline = Date.now() + millis;
    while (!predicate(this.lines)) {
      if (Date.now() > deadline) {
        throw new Error(
          `Timed out waiting for log lines; got:\n${this.lines.join("\n")}`,
        );
      }
      await new Promise<void>((resolve) => {
        this.#waiters.add(resolve);
        setTimeout(resolve, 100);
      });
    }
  }

  async #collect(stream: ReadableStream<Uint8Array>): Promise<void> {
    let pending = "";
    for await (const chunk of stream.pipeThrough(new TextDecoderStream())) {
      pending += chunk;
      const parts = pending.split("\n");
      pending = parts.pop()!;
      this.lines.push(...parts);
      this.#waiters.forEach((wake) => wake());
      this.#waiters.clear();
    }
    if (pending !== "") this.lines.push(pending);
  }
}

function spawn(
  entry: string,
  cwd: string,
  env: Record<string, string>,
): Deno.ChildProcess {
  return new Deno.Command(Deno.execPath(), {
    args: [...DENO_ARGS, new URL(entry, REPO).pathname],
    cwd,
    env: { NO_COLOR: "1", ...env },
    stdin: "null",
    stdout: "piped",
    stderr: "inherit",
  }).spawn();
}

function freePort(): number {
  const listener = Deno.listen({ hostname: "127.0.0.1", port: 0 });
  const { port } = listener.addr as Deno.NetAddr;
  listener.close();
  return port;
}

function serverIni(port: number, options: ServerOptions): string {
  return [
    "[DEFAULT]",
    `SERVER_PORT = ${port}`,
    "SERVER_IP = 127.0.0.1",
    "SERVER_LISTEN_BACKLOG = 5",
    `LOGGING_LEVEL = ${options.loggingLevel ?? "INFO"}`,
    `AGENCIES = ${options.agencies ?? 5}`,
    `WORKERS = ${options.workers ?? 2}`,
    "",
  ].join("\n");
}

function clientYaml(options: ClientOptions): string {
  return [
    "server:",
    `  address: "127.0.0.1:${options.port}"`,
    "loop:",
    `  amount: ${options.loopAmount ?? 3}`,
    `  period: "${options.loopPeriod ?? "50ms"}"`,
    "log:",
    "  level: INFO",
    "batch:",
    `  maxAmount: ${options.batchMaxAmount ?? 100}`,
    "",
  ].join("\n");
}
