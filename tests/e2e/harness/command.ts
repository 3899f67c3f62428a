/**
 * Runs host commands (docker, make, the project's scripts) for the e2e
 * tests, capturing their output and bounding how long they may take.
 *
 * @module
 */

import { fileURLToPath } from "node:url";

/** The project's root directory. */
export const PROJECT_ROOT = fileURLToPath(
  new URL("../../../", import.meta.url),
);

/** What a finished command left behind. */
export interface CommandOutcome {
  /** Exit code; 143-style codes when killed by the time limit. */
  code: number;
  stdout: string;
  stderr: string;
}

/** How {@linkcode runCommand} runs a command. */
export interface RunOptions {
  /** Working directory; the project root if omitted. */
  cwd?: string;
  /** Kill the command after this long; it guards against hangs. */
  timeoutMillis?: number;
  /** Extra environment variables. */
  env?: Record<string, string>;
}

const DEFAULT_TIMEOUT_MILLIS = 120_000;

/**
 * Runs `command` with `args` to completion and returns its exit code and
 * output, whatever the exit code.
 *
 * @throws {Error} If the command cannot be started, or outlives
 *   `timeoutMillis` (the message names the command and its output so far is
 *   lost).
 */
export async function runCommand(
  command: string,
  args: string[],
  options: RunOptions = {},
): Promise<CommandOutcome> {
  const timeoutMillis = options.timeoutMillis ?? DEFAULT_TIMEOUT_MILLIS;
  const deadline = AbortSignal.timeout(timeoutMillis);
  const child = new Deno.Command(command, {
    args,
    cwd: options.cwd ?? PROJECT_ROOT,
    env: options.env,
    stdin: "null",
    signal: deadline,
  });

  let output: Deno.CommandOutput;
  try {
    output = await child.output();
  } catch (error) {
    const line = [command, ...args].join(" ");
    throw new Error(`Cannot run "${line}": ${error}`, { cause: error });
  }

  // The docker CLI traps SIGTERM and exits 143 itself, so the signal alone
  // does not tell a timeout apart.
  if (deadline.aborted) {
    const line = [command, ...args].join(" ");
    throw new Error(
      `Cannot run "${line}": still running after ${timeoutMillis} ms`,
    );
  }
  return decode(output);
}

/**
 * Like {@linkcode runCommand}, but a non-zero exit is an error.
 *
 * @throws {Error} Naming the command, its exit code and its stderr.
 */
export async function runChecked(
  command: string,
  args: string[],
  options: RunOptions = {},
): Promise<string> {
  const outcome = await runCommand(command, args, options);
  if (outcome.code === 0) return outcome.stdout;

  const line = [command, ...args].join(" ");
  throw new Error(
    `Cannot run "${line}": exit code ${outcome.code}\n${outcome.stderr}${outcome.stdout}`,
  );
}

/** Runs `docker args...`, failing on a non-zero exit; returns stdout. */
export function docker(args: string[], options?: RunOptions): Promise<string> {
  return runChecked("docker", args, options);
}

function decode(output: Deno.CommandOutput): CommandOutcome {
  const decoder = new TextDecoder();
  return {
    code: output.code,
    stdout: decoder.decode(output.stdout),
    stderr: decoder.decode(output.stderr),
  };
}
