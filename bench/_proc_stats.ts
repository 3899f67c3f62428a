/**
 * Reading a live process's memory and CPU use from Linux's `/proc`, and a
 * finished one's from `/usr/bin/time`'s report.
 *
 * @module
 */

/** Memory and CPU a process used. */
export interface ProcessUsage {
  /** Peak resident set size (`VmHWM`, or `ru_maxrss`), in bytes. */
  peakRssBytes: number;
  /** User plus system CPU time, in seconds. */
  cpuSeconds: number;
}

/** `/proc/<pid>/stat` fields 14 and 15 (utime, stime), after the comm. */
const UTIME_FIELD = 11;
const STIME_FIELD = 12;

let clockTicks: number | undefined;

/** Clock ticks per second (`getconf CLK_TCK`), 100 when unknown. */
async function ticksPerSecond(): Promise<number> {
  if (clockTicks !== undefined) return clockTicks;
  try {
    const { stdout } = await new Deno.Command("getconf", {
      args: ["CLK_TCK"],
      stderr: "null",
    }).output();
    clockTicks = Number(new TextDecoder().decode(stdout).trim()) || 100;
  } catch {
    clockTicks = 100;
  }
  return clockTicks;
}

/**
 * The usage of the live process `pid`, all its threads included.
 *
 * @throws {Deno.errors.NotFound} when the process is gone.
 */
export async function readProcessUsage(pid: number): Promise<ProcessUsage> {
  const status = await Deno.readTextFile(`/proc/${pid}/status`);
  const stat = await Deno.readTextFile(`/proc/${pid}/stat`);

  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  const ticks = Number(fields[UTIME_FIELD]) + Number(fields[STIME_FIELD]);
  return {
    peakRssBytes: readStatusKib(status, "VmHWM") * 1024,
    cpuSeconds: ticks / await ticksPerSecond(),
  };
}

/**
 * The current resident set size (`VmRSS`) of the live process `pid`.
 *
 * @throws {Deno.errors.NotFound} when the process is gone.
 */
export async function readResidentBytes(pid: number): Promise<number> {
  const status = await Deno.readTextFile(`/proc/${pid}/status`);
  return readStatusKib(status, "VmRSS") * 1024;
}

function readStatusKib(status: string, key: string): number {
  const match = new RegExp(`^${key}:\\s+(\\d+) kB$`, "m").exec(status);
  if (match === null) {
    throw new SyntaxError(`Cannot read ${key}: not in /proc/<pid>/status`);
  }
  return Number(match[1]);
}

/** The `/usr/bin/time` format {@linkcode parseTimeReport} reads. */
export const TIME_FORMAT = "%U %S %M";

/** Where GNU time lives when it is installed. */
export const TIME_PATH = "/usr/bin/time";

/** Whether GNU time is installed. */
export async function hasGnuTime(): Promise<boolean> {
  try {
    return (await Deno.stat(TIME_PATH)).isFile;
  } catch {
    return false;
  }
}

/**
 * Reads a report written by `/usr/bin/time -f "%U %S %M" -o <file>`.
 *
 * @throws {SyntaxError} when the report's last line has another shape.
 */
export function parseTimeReport(report: string): ProcessUsage {
  const last = report.trim().split("\n").at(-1) ?? "";
  const match = /^([\d.]+) ([\d.]+) (\d+)$/.exec(last);
  if (match === null) {
    throw new SyntaxError(
      `Cannot read the time report ${
        JSON.stringify(last)
      }: expected "%U %S %M"`,
    );
  }
  return {
    cpuSeconds: Number(match[1]) + Number(match[2]),
    peakRssBytes: Number(match[3]) * 1024,
  };
}
