/**
 * One compose deployment of the system for an e2e scenario: a temporary
 * project directory holding a generated compose file and editable copies of
 * the configuration files, brought up as project `tp0` on the real images.
 *
 * @example
 * ```ts ignore
 * await using stack = await Stack.start({ clients: 2, mode: "echo" });
 * const codes = await stack.waitForExit(["client1", "client2"]);
 * ```
 *
 * @module
 */

import { dirname, join } from "node:path";
import ini from "ini";
import { parse, stringify } from "yaml";
import type { ClientMode } from "../../../lib/config/client_config.ts";
import { docker, PROJECT_ROOT, runChecked } from "./command.ts";
import { ensureImages } from "./images.ts";
import { type LogEntry, parseLogLines, stripAnsi } from "./logs.ts";

/** The compose project name the generated file declares. */
export const PROJECT = "tp0";

/** Nested values to merge over `client/config.yaml`. */
export type ClientConfigChanges = { [key: string]: unknown };

/** What to deploy. */
export interface StackOptions {
  /** How many clients, `client1` to `clientN`. */
  clients: number;
  /** How they run; agency mode if omitted, as the generator does. */
  mode?: ClientMode;
  /** Merged over the project's `client/config.yaml`. */
  clientConfig?: ClientConfigChanges;
  /** Keys set in the `[DEFAULT]` section of the project's `config.ini`. */
  serverConfig?: Record<string, string>;
}

/** How long a wait may last before the scenario is declared stuck. */
export interface WaitOptions {
  timeoutMillis?: number;
}

const DEFAULT_WAIT_MILLIS = 60_000;
const POLL_MILLIS = 200;

/** The server logs this once a worker is accepting connections. */
export function isServerReady(entry: LogEntry): boolean {
  return entry.action === "accept_connections" &&
    entry.result === "in_progress";
}

/** A deployment; dispose it to tear everything down. */
export class Stack implements AsyncDisposable {
  readonly #dir: string;
  readonly #options: StackOptions;

  private constructor(dir: string, options: StackOptions) {
    this.#dir = dir;
    this.#options = options;
  }

  /**
   * Builds the images (once per run), removes any previous `tp0` project,
   * and prepares a project directory without starting anything.
   */
  static async create(options: StackOptions): Promise<Stack> {
    await ensureImages();
    await removeProject();

    const dir = await Deno.makeTempDir({ prefix: "tp0_e2e_" });
    const stack = new Stack(dir, options);
    await stack.#prepare();
    return stack;
  }

  /** {@linkcode Stack.create}, then {@linkcode Stack.up}. */
  static async start(options: StackOptions): Promise<Stack> {
    const stack = await Stack.create(options);
    try {
      await stack.up();
    } catch (error) {
      await stack[Symbol.asyncDispose]();
      throw error;
    }
    return stack;
  }

  /** The generated compose file. */
  get composeFile(): string {
    return join(this.#dir, "docker-compose.yaml");
  }

  /**
   * Starts the server, waits until it accepts connections, then starts the
   * clients, so no client races the server's startup.
   */
  async up(): Promise<void> {
    await this.compose(["up", "-d", "server"]);
    await this.waitForLog("server", isServerReady);
    await this.compose(["up", "-d"]);
  }

  /** Stops and removes the containers and the network. */
  async down(): Promise<void> {
    await this.compose(["down", "-v", "-t", "1"]);
  }

  /** Runs `docker compose` on this deployment; returns stdout. */
  compose(args: string[]): Promise<string> {
    return docker(["compose", "-p", PROJECT, "-f", this.composeFile, ...args]);
  }

  /** Merges `changes` into this deployment's `config.yaml`. */
  async editClientConfig(changes: ClientConfigChanges): Promise<void> {
    const path = join(this.#dir, "client", "config.yaml");
    const current = parse(await Deno.readTextFile(path));
    await Deno.writeTextFile(path, stringify(merge(current, changes)));
  }

  /** Sets keys of this deployment's `config.ini` `[DEFAULT]` section. */
  async editServerConfig(changes: Record<string, string>): Promise<void> {
    const path = join(this.#dir, "server", "config.ini");
    const current = ini.parse(await Deno.readTextFile(path));
    current.DEFAULT = { ...current.DEFAULT, ...changes };
    await Deno.writeTextFile(path, ini.stringify(current));
  }

  /** Waits for containers to exit and returns their exit codes by name. */
  async waitForExit(
    services: string[],
    options: WaitOptions = {},
  ): Promise<Record<string, number>> {
    const timeoutMillis = options.timeoutMillis ?? DEFAULT_WAIT_MILLIS;
    const output = await docker(["wait", ...services], { timeoutMillis });

    const codes = output.trim().split("\n").map(Number);
    return Object.fromEntries(services.map((name, i) => [name, codes[i]]));
  }

  /** The parsed course log lines of one service, oldest first. */
  async logs(service: string): Promise<LogEntry[]> {
    return parseLogLines(await this.rawLogs(service));
  }

  /** A service's whole log, escapes removed: for failure messages. */
  async rawLogs(service?: string): Promise<string> {
    const scope = service === undefined ? [] : [service];
    const text = await this.compose(["logs", "--no-color", ...scope]);
    return stripAnsi(text);
  }

  /** Polls a service's log until an entry satisfies `matches`. */
  async waitForLog(
    service: string,
    matches: (entry: LogEntry) => boolean,
    options: WaitOptions = {},
  ): Promise<LogEntry> {
    const deadline = Date.now() +
      (options.timeoutMillis ?? DEFAULT_WAIT_MILLIS);
    while (Date.now() < deadline) {
      const found = (await this.logs(service)).find(matches);
      if (found !== undefined) return found;
      await new Promise((resolve) => setTimeout(resolve, POLL_MILLIS));
    }
    const log = await this.rawLogs(service);
    throw new Error(`Cannot find the awaited log line of ${service}:\n${log}`);
  }

  /** Whether a service's container is running now. */
  async isRunning(service: string): Promise<boolean> {
    const state = await docker([
      "inspect",
      "-f",
      "{{.State.Running}}",
      service,
    ]);
    return state.trim() === "true";
  }

  /** Tears the deployment down and deletes its directory. */
  async [Symbol.asyncDispose](): Promise<void> {
    try {
      await this.down();
    } finally {
      await Deno.remove(this.#dir, { recursive: true });
    }
  }

  async #prepare(): Promise<void> {
    const { clients, mode, clientConfig, serverConfig } = this.#options;
    for (const file of ["server/config.ini", "client/config.yaml"]) {
      const copy = join(this.#dir, file);
      await Deno.mkdir(dirname(copy), { recursive: true });
      await Deno.copyFile(join(PROJECT_ROOT, file), copy);
    }
    await Deno.symlink(join(PROJECT_ROOT, ".data"), join(this.#dir, ".data"));

    if (clientConfig !== undefined) await this.editClientConfig(clientConfig);
    if (serverConfig !== undefined) await this.editServerConfig(serverConfig);

    const modeArgs = mode === undefined ? [] : ["--mode", mode];
    const args = [this.composeFile, String(clients), ...modeArgs];
    await runChecked(join(PROJECT_ROOT, "generar-compose.sh"), args);
  }
}

/** Removes any `tp0` project, such as one left by `make docker-compose-up`. */
export async function removeProject(): Promise<void> {
  await docker([
    "compose",
    "-p",
    PROJECT,
    "down",
    "-v",
    "-t",
    "1",
    "--remove-orphans",
  ]);
}

function merge(base: unknown, changes: ClientConfigChanges): unknown {
  const result: Record<string, unknown> = isObject(base) ? { ...base } : {};
  for (const [key, value] of Object.entries(changes)) {
    result[key] = isObject(value) ? merge(result[key], value) : value;
  }
  return result;
}

function isObject(value: unknown): value is ClientConfigChanges {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
