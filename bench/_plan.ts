/**
 * The end-to-end scenarios, and the cases (dataset × driver × workers)
 * each one runs. A case shared by two scenarios is run once.
 *
 * @module
 */

/** The scenarios `--scenario` accepts. */
export const SCENARIOS = ["course", "synthetic", "workers", "memory"] as const;

/** A scenario name. */
export type ScenarioName = typeof SCENARIOS[number];

/**
 * The agency files a case uploads: the course's dataset, the synthetic
 * one (`--agencies` × `--bets`), or a small synthetic one of 10,000 bets
 * over as many agencies.
 */
export type DatasetKey = "course" | "synthetic" | "small";

/**
 * Who plays the agencies: the real `client.ts` processes, or the
 * bench-only client inside the bench process (which times each ACK).
 */
export type Driver = "clients" | "probe";

/** One measured configuration. */
export interface BenchCase {
  dataset: DatasetKey;
  driver: Driver;
  /** The server's `WORKERS`. */
  workers: number;
  runs: number;
}

/** What the plan depends on. */
export interface PlanOptions {
  scenarios: readonly ScenarioName[];
  /** `--runs`, overriding each scenario's default. */
  runs?: number;
  /** The server's default pool size: one worker per CPU. */
  defaultWorkers: number;
}

/** The runs a case gets unless `--runs` says otherwise. */
const DEFAULT_RUNS: Record<DatasetKey, number> = {
  course: 5,
  synthetic: 1,
  small: 3,
};

/** The cases of every requested scenario, without repeats, in order. */
export function planCases(options: PlanOptions): BenchCase[] {
  const cases = new Map<string, BenchCase>();
  for (const scenario of options.scenarios) {
    for (const [dataset, driver, workers] of casesOf(scenario, options)) {
      const runs = options.runs ?? DEFAULT_RUNS[dataset];
      const benchCase = { dataset, driver, workers, runs };
      cases.set(caseKey(benchCase), benchCase);
    }
  }
  return [...cases.values()];
}

type CaseShape = [DatasetKey, Driver, number];

function casesOf(scenario: ScenarioName, options: PlanOptions): CaseShape[] {
  const all = options.defaultWorkers;
  switch (scenario) {
    case "course":
      return [["course", "clients", all], ["course", "probe", all]];
    case "synthetic":
      return [["synthetic", "probe", all], ["synthetic", "clients", all]];
    case "workers":
      return [
        ["course", "clients", 1],
        ["course", "clients", all],
        ["synthetic", "probe", 1],
        ["synthetic", "probe", all],
      ];
    case "memory":
      return [["small", "probe", all], ["synthetic", "probe", all]];
  }
}

/** Identifies a case regardless of its run count. */
export function caseKey(benchCase: BenchCase): string {
  const { dataset, driver, workers } = benchCase;
  return `${dataset}/${driver}/${workers}`;
}
