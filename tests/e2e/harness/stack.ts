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

import { basename, dirname, join } from "node:path";
import ini from "ini";
import { parse, stringify } from "yaml";
import type { ClientMode } from "../../../lib/config/client_config.ts";
import { docker, PROJECT_ROOT, runChecked } from "./command.ts";
import { ComposeProject, removeProject } from "./compose_project.ts";
import { ensureImages } from "./images.ts";
import type { LogEntry } from "./logs.ts";

export { PROJECT, removeProject, type WaitOptions } from "./compose_project.ts";

/** Nested values to merge over `client/config.yaml`. */
export type ClientConfigChanges = { [key: string]: unknown };

/** Fills a deployment's own `.data/` directory before it starts. */
export type DataWriter = (dataDir: string) => Promise<unknown>;

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
  /**
   * Writes the agency files into a `.data/` of the deployment's own; if
   * omitted, `.data/` links to the project's.
   */
  data?: DataWriter;
}

/** The server logs this once a worker is accepting connections. */
export function isServerReady(entry: LogEntry): boolean {
  return entry.action === "accept_connections" &&
    entry.result === "in_progress";
}

/** A deployment; dispose it to tear everything down. */
export class Stack extends ComposeProject implements AsyncDisposable {
  readonly #dir: string;
  readonly #options: StackOptions;

  private constructor(dir: string, options: StackOptions) {
    super(join(dir, "docker-compose.yaml"));
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
    try {
      await stack.#prepare();
    } catch (error) {
      await Deno.remove(dir, { recursive: true });
      throw error;
    }
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

  /**
   * Copies a file out of a container, running or stopped, into this
   * deployment's directory; returns the copy's path.
   */
  async copyFrom(container: string, path: string): Promise<string> {
    const copy = join(this.#dir, `${container}_${basename(path)}`);
    await docker(["cp", `${container}:${path}`, copy]);
    return copy;
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
    await this.#prepareData();

    if (clientConfig !== undefined) await this.editClientConfig(clientConfig);
    if (serverConfig !== undefined) await this.editServerConfig(serverConfig);

    const modeArgs = mode === undefined ? [] : ["--mode", mode];
    const args = [this.composeFile, String(clients), ...modeArgs];
    await runChecked(join(PROJECT_ROOT, "generar-compose.sh"), args);
  }

  async #prepareData(): Promise<void> {
    const dataDir = join(this.#dir, ".data");
    const { data } = this.#options;
    if (data === undefined) {
      await Deno.symlink(join(PROJECT_ROOT, ".data"), dataDir);
      return;
    }

    await Deno.mkdir(dataDir);
    await data(dataDir);
  }
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
