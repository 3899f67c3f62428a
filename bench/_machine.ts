/**
 * The machine a benchmark ran on, so its figures can be compared fairly.
 *
 * @module
 */

import { PROJECT_ROOT } from "./_project.ts";

/** CPU, memory, runtime and load of this machine. */
export interface MachineDescription {
  cpus: number;
  cpuModel: string;
  memoryGib: number;
  deno: string;
  v8: string;
  /** 1-minute load average when described: others' work on the CPUs. */
  loadAverage: number;
  /** The project's commit, `-dirty` with uncommitted changes. */
  revision: string;
}

/** Describes this machine from `/proc` and `Deno.version`. */
export async function machineDescription(): Promise<MachineDescription> {
  const cpuinfo = await Deno.readTextFile("/proc/cpuinfo");
  const meminfo = await Deno.readTextFile("/proc/meminfo");
  const loadavg = await Deno.readTextFile("/proc/loadavg");

  const model = /^model name\s*:\s*(.*)$/m.exec(cpuinfo)?.[1] ?? "unknown";
  const memKib = Number(/^MemTotal:\s+(\d+) kB$/m.exec(meminfo)?.[1] ?? 0);
  return {
    cpus: navigator.hardwareConcurrency,
    cpuModel: model.trim(),
    memoryGib: Math.round(memKib / 1024 / 1024),
    deno: Deno.version.deno,
    v8: Deno.version.v8,
    loadAverage: Number(loadavg.split(" ")[0]),
    revision: await gitRevision(),
  };
}

async function gitRevision(): Promise<string> {
  try {
    const { stdout } = await new Deno.Command("git", {
      args: ["describe", "--always", "--dirty"],
      cwd: PROJECT_ROOT,
      stderr: "null",
    }).output();
    return new TextDecoder().decode(stdout).trim() || "unknown";
  } catch {
    return "unknown";
  }
}

/** One line naming the machine, for the report. */
export function describeMachine(machine: MachineDescription): string {
  return `Machine: ${machine.cpus} × ${machine.cpuModel}, ` +
    `${machine.memoryGib} GiB, Deno ${machine.deno} (V8 ${machine.v8}), ` +
    `load average ${machine.loadAverage} at start, ${machine.revision}`;
}
