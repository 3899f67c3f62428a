/**
 * End-to-end benchmark: the real server and agencies on 127.0.0.1, no
 * Docker. Prints one Markdown table (medians per case) and the targets,
 * and writes every run to `bench/results/` as JSON.
 *
 * ```sh
 * deno task bench                                  # every scenario
 * deno task bench --scenario course --runs 5
 * deno task bench --scenario synthetic --agencies 50 --bets 100000
 * ```
 *
 * Flags: `--scenario course|synthetic|workers|memory|all` (repeatable),
 * `--runs N` (every case; default 5 for the course dataset, 1 for the
 * synthetic one), `--agencies N` and `--bets N` (the synthetic dataset:
 * agencies × bets per agency), `--batch N` (the clients' `batch.maxAmount`,
 * default 200), `--timeout S` (per run, default 600), `--log-level L`
 * (server and clients, default INFO), `--dataset PATH` (the course's zip).
 *
 * @module
 */
import { join } from "node:path";
import { parseArgs } from "node:util";
import { Inputs } from "./_inputs.ts";
import {
  type BenchCase,
  caseKey,
  planCases,
  type ScenarioName,
  SCENARIOS,
} from "./_plan.ts";
import { COURSE_DATASET_ZIP, RESULTS_DIR } from "./_project.ts";
import {
  type CaseSummary,
  markdownTable,
  medianRun,
  targetLines,
} from "./_report.ts";
import { runOnce, type RunResult } from "./_run_case.ts";
import {
  describeMachine,
  type MachineDescription,
  machineDescription,
} from "./_machine.ts";
import { note, printLine } from "./_output.ts";
import { listenForTermination } from "../lib/runtime/termination.ts";

/** The parsed command line. */
interface BenchOptions {
  scenarios: ScenarioName[];
  runs?: number;
  agencies: number;
  betsPerAgency: number;
  batchMaxAmount: number;
  timeoutMillis: number;
  logLevel: string;
  datasetZip: string;
}

function parseOptions(args: string[]): BenchOptions {
  const { values } = parseArgs({
    args,
    options: {
      scenario: { type: "string", multiple: true, default: ["all"] },
      runs: { type: "string" },
      agencies: { type: "string", default: "50" },
      bets: { type: "string", default: "100000" },
      batch: { type: "string", default: "200" },
      timeout: { type: "string", default: "600" },
      "log-level": { type: "string", default: "INFO" },
      dataset: { type: "string", default: COURSE_DATASET_ZIP },
    },
  });
  return {
    scenarios: parseScenarios(values.scenario),
    runs: values.runs === undefined ? undefined : count("runs", values.runs),
    agencies: count("agencies", values.agencies),
    betsPerAgency: count("bets", values.bets),
    batchMaxAmount: count("batch", values.batch),
    timeoutMillis: count("timeout", values.timeout) * 1_000,
    logLevel: values["log-level"],
    datasetZip: values.dataset,
  };
}

function parseScenarios(names: string[]): ScenarioName[] {
  if (names.includes("all")) return [...SCENARIOS];
  for (const name of names) {
    if (!(SCENARIOS as readonly string[]).includes(name)) {
      const known = [...SCENARIOS, "all"].join(", ");
      throw new TypeError(`Cannot run scenario "${name}": known are ${known}`);
    }
  }
  return names as ScenarioName[];
}

function count(flag: string, text: string): number {
  const value = Number(text);
  if (!Number.isSafeInteger(value) || value < 1) {
    throw new RangeError(
      `Cannot use --${flag} ${text}: not a whole number ≥ 1`,
    );
  }
  return value;
}

async function runCase(
  benchCase: BenchCase,
  inputs: Inputs,
  options: BenchOptions,
  interrupt: AbortSignal,
): Promise<CaseSummary | undefined> {
  const dataset = await inputs.dataset(benchCase.dataset);
  if (dataset === undefined) {
    note(`skipping ${caseKey(benchCase)}: ${options.datasetZip} is absent`);
    return undefined;
  }
  const uploads = benchCase.driver === "probe"
    ? await inputs.uploads(benchCase.dataset, dataset)
    : undefined;

  const summary: CaseSummary = {
    benchCase,
    datasetName: dataset.name,
    runs: [],
    failures: [],
  };
  const context = { ...options, dataset, uploads, interrupt };
  for (let run = 1; run <= benchCase.runs && !interrupt.aborted; run++) {
    try {
      const result = await runOnce(benchCase, context);
      summary.runs.push(result);
      note(`${caseKey(benchCase)} run ${run}: ${describeRun(result)}`);
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      summary.failures.push(reason);
      note(`${caseKey(benchCase)} run ${run} FAILED: ${reason}`);
    }
  }
  summary.median = medianRun(summary.runs);
  return summary;
}

function describeRun(result: RunResult): string {
  const rate = Math.round(result.betsPerSecond).toLocaleString("en-US");
  return `${result.seconds.toFixed(3)} s, ${rate} bets/s`;
}

async function writeResults(
  machine: MachineDescription,
  options: BenchOptions,
  summaries: readonly CaseSummary[],
): Promise<string> {
  await Deno.mkdir(RESULTS_DIR, { recursive: true });
  const stamp = new Date().toISOString().replaceAll(":", "-");
  const path = join(RESULTS_DIR, `end_to_end-${stamp}.json`);
  const report = { machine, options, summaries };
  await Deno.writeTextFile(path, JSON.stringify(report, null, 2) + "\n");
  return path;
}

async function main(): Promise<number> {
  const options = parseOptions(Deno.args);
  const cases = planCases({
    scenarios: options.scenarios,
    runs: options.runs,
    defaultWorkers: navigator.hardwareConcurrency,
  });

  const machine = await machineDescription();
  using termination = listenForTermination();
  const interrupt = termination.signal;
  await using inputs = await Inputs.create(options);
  const summaries: CaseSummary[] = [];
  for (const benchCase of cases) {
    if (interrupt.aborted) break;
    const summary = await runCase(benchCase, inputs, options, interrupt);
    if (summary !== undefined) summaries.push(summary);
  }

  printLine(markdownTable(summaries));
  printLine();
  targetLines(summaries).forEach((line) => printLine(`- ${line}`));
  printLine();
  printLine(describeMachine(machine));
  const path = await writeResults(machine, options, summaries);
  note(`results written to ${path}`);
  const failed = summaries.some((s) => s.failures.length > 0);
  return failed || interrupt.aborted ? 1 : 0;
}

if (import.meta.main) {
  Deno.exit(await main());
}
