/**
 * A child process whose output is read line by line as it arrives, and
 * which is always killed and reaped when its owner's scope ends.
 *
 * @module
 */

/** Options for {@linkcode Spawned.start}. */
export interface SpawnOptions {
  args: string[];
  cwd: string;
  env?: Record<string, string>;
  /** Called with each line of standard output, as it arrives. */
  onLine?: (line: string) => void;
  /** Kills the process (SIGKILL) when aborted: the run's time bound. */
  signal?: AbortSignal;
}

/** Lines of output kept to explain a failure. */
const TAIL_LINES = 12;

/** How long a process gets to exit after SIGTERM before SIGKILL. */
const STOP_GRACE_MILLIS = 5_000;

/** A running child process; dispose to kill (if needed) and reap it. */
export class Spawned implements AsyncDisposable {
  #child: Deno.ChildProcess;
  #tail: string[] = [];
  #drained: Promise<unknown>;
  #exited = false;
  #onAbort = () => this.kill("SIGKILL");
  #signal?: AbortSignal;

  /** The exit status, once the process has ended. */
  readonly status: Promise<Deno.CommandStatus>;

  private constructor(child: Deno.ChildProcess, options: SpawnOptions) {
    this.#child = child;
    this.status = child.status.finally(() => this.#exited = true);
    this.#drained = Promise.all([
      readLines(child.stdout, (line) => {
        this.#remember(line);
        options.onLine?.(line);
      }),
      readLines(child.stderr, (line) => this.#remember(line)),
    ]);
    this.#signal = options.signal;
    this.#signal?.addEventListener("abort", this.#onAbort, { once: true });
  }

  /** Starts `command` with piped output. */
  static start(command: string, options: SpawnOptions): Spawned {
    options.signal?.throwIfAborted();
    const child = new Deno.Command(command, {
      args: options.args,
      cwd: options.cwd,
      env: options.env,
      stdin: "null",
      stdout: "piped",
      stderr: "piped",
    }).spawn();
    return new Spawned(child, options);
  }

  /** The process id. */
  get pid(): number {
    return this.#child.pid;
  }

  /** The last lines of output, to explain a failure. */
  get tail(): string {
    return this.#tail.join("\n");
  }

  /**
   * Sends `signal` to the process and to its own children, unless it has
   * already ended: a wrapper such as `/usr/bin/time` passes no signal on.
   */
  kill(signal: Deno.Signal): void {
    if (this.#exited) return;
    for (const pid of childrenOf(this.pid)) signalQuietly(pid, signal);
    signalQuietly(this.pid, signal);
  }

  /** Sends SIGTERM, then SIGKILL if it has not exited within 5 s. */
  async stop(): Promise<Deno.CommandStatus> {
    this.kill("SIGTERM");
    const timer = setTimeout(() => this.kill("SIGKILL"), STOP_GRACE_MILLIS);
    try {
      return await this.status;
    } finally {
      clearTimeout(timer);
    }
  }

  /** Kills the process if it still runs, then reaps it. */
  async [Symbol.asyncDispose](): Promise<void> {
    this.#signal?.removeEventListener("abort", this.#onAbort);
    this.kill("SIGKILL");
    await this.status;
    await this.#drained;
  }

  #remember(line: string): void {
    this.#tail.push(line);
    if (this.#tail.length > TAIL_LINES) this.#tail.shift();
  }
}

/** The direct children of `pid` (Linux), none if it is gone. */
function childrenOf(pid: number): number[] {
  try {
    const path = `/proc/${pid}/task/${pid}/children`;
    const text = Deno.readTextFileSync(path).trim();
    return text === "" ? [] : text.split(" ").map(Number);
  } catch (error) {
    if (error instanceof Deno.errors.NotFound) return [];
    throw error;
  }
}

/** Signals `pid`, which may have exited meanwhile. */
function signalQuietly(pid: number, signal: Deno.Signal): void {
  try {
    Deno.kill(pid, signal);
  } catch (error) {
    if (!(error instanceof Deno.errors.NotFound)) throw error;
  }
}

async function readLines(
  stream: ReadableStream<Uint8Array>,
  onLine: (line: string) => void,
): Promise<void> {
  const decoder = new TextDecoder();
  let pending = "";
  for await (const chunk of stream) {
    pending += decoder.decode(chunk, { stream: true });
    const lines = pending.split("\n");
    pending = lines.pop() ?? "";
    lines.forEach(onLine);
  }
  pending += decoder.decode();
  if (pending !== "") onLine(pending);
}
