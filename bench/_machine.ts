/**
 * The machine a benchmark ran on, so its figures can be compared fairly.
 *
 * @module
 */

/** CPU, memory, runtime and load of this machine. */
export interface MachineDescription {
  cpus: number;
  cpuModel: string;
  memoryGib: number;
  deno: string;
  v8: string;
  /** 1-minute load average when described: others' work on the CPUs. */
  loadAverage: number;
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
  };
}
