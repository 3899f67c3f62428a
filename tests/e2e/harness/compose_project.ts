/**
 * A compose project `tp0` as the e2e tests observe it: the containers of
 * one compose file, their exit codes and their course log lines. Any
 * compose file will do: a generated one or the project's own
 * `docker-compose-dev.yaml`.
 *
 * @module
 */

import { docker } from "./command.ts";
import { type LogEntry, parseLogLines, stripAnsi } from "./logs.ts";

/** The compose project name the generated files declare. */
export const PROJECT = "tp0";

/** How long a wait may last before the scenario is declared stuck. */
export interface WaitOptions {
  timeoutMillis?: number;
}

const DEFAULT_WAIT_MILLIS = 60_000;
const POLL_MILLIS = 200;

/** The containers of one compose file, run as project `tp0`. */
export class ComposeProject {
  /** The compose file the project runs from. */
  readonly composeFile: string;

  /** Observes (and drives) the project of `composeFile`. */
  constructor(composeFile: string) {
    this.composeFile = composeFile;
  }

  /** Runs `docker compose` on this project; returns stdout. */
  compose(args: string[]): Promise<string> {
    return docker(["compose", "-p", PROJECT, "-f", this.composeFile, ...args]);
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
