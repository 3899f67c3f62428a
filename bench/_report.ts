/**
 * Summarising a case's runs (medians) and printing them as a Markdown
 * table, with the project's targets checked against them.
 *
 * @module
 */
import type { BenchCase } from "./_plan.ts";
import type { RunResult } from "./_run_case.ts";
import { median } from "./_stats.ts";

/** A case, what it uploaded, and the median of each figure over its runs. */
export interface CaseSummary {
  benchCase: BenchCase;
  datasetName: string;
  runs: RunResult[];
  /** Runs that failed, with why. */
  failures: string[];
  median?: RunResult;
}

/** Target: the course dataset end to end, median of 5 runs. */
export const COURSE_TARGET_SECONDS = 0.3;
/** Target: sustained bets per second on the synthetic dataset. */
export const SYNTHETIC_TARGET_BETS_PER_SECOND = 300_000;

const MIB = 1024 * 1024;

/** The median of every figure of `runs`, or undefined with no runs. */
export function medianRun(runs: readonly RunResult[]): RunResult | undefined {
  if (runs.length === 0) return undefined;
  const of = (pick: (run: RunResult) => number | undefined) => {
    const values = runs.map(pick).filter((v) => v !== undefined);
    return values.length === 0 ? undefined : median(values);
  };
  return {
    bets: of((r) => r.bets)!,
    winners: of((r) => r.winners)!,
    seconds: of((r) => r.seconds)!,
    betsPerSecond: of((r) => r.betsPerSecond)!,
    startupSeconds: of((r) => r.startupSeconds),
    uploadSeconds: of((r) => r.uploadSeconds)!,
    ackP50Millis: of((r) => r.ackP50Millis),
    ackP99Millis: of((r) => r.ackP99Millis),
    serverReadyRssBytes: of((r) => r.serverReadyRssBytes)!,
    serverPeakRssBytes: of((r) => r.serverPeakRssBytes)!,
    serverCpuSeconds: of((r) => r.serverCpuSeconds)!,
    clientCpuSeconds: of((r) => r.clientCpuSeconds),
  };
}

const HEADER = [
  "case",
  "runs",
  "bets",
  "time (s)",
  "startup / upload / draw (s)",
  "bets/s",
  "ack p50 / p99 (ms)",
  "server RSS ready → peak (MiB)",
  "server CPU (s)",
  "clients CPU (s)",
];

/** The summaries as a Markdown table (medians over each case's runs). */
export function markdownTable(summaries: readonly CaseSummary[]): string {
  const rows = summaries.map(tableRow);
  const lines = [HEADER, HEADER.map(() => "---"), ...rows];
  return lines.map((cells) => `| ${cells.join(" | ")} |`).join("\n");
}

function tableRow(summary: CaseSummary): string[] {
  const { benchCase, median: m } = summary;
  const label = `${summary.datasetName}, ${benchCase.driver}, ` +
    `WORKERS=${benchCase.workers}`;
  const runs = `${summary.runs.length}/${benchCase.runs}`;
  if (m === undefined) {
    return [
      label,
      runs,
      "failed",
      ...HEADER.slice(3).map(() => ""),
    ];
  }

  const ack = m.ackP50Millis === undefined
    ? "–"
    : `${fixed(m.ackP50Millis, 2)} / ${fixed(m.ackP99Millis!, 2)}`;
  const rss = `${fixed(m.serverReadyRssBytes / MIB, 0)} → ` +
    fixed(m.serverPeakRssBytes / MIB, 0);
  return [
    label,
    runs,
    m.bets.toLocaleString("en-US"),
    fixed(m.seconds, 3),
    phases(m),
    Math.round(m.betsPerSecond).toLocaleString("en-US"),
    ack,
    rss,
    fixed(m.serverCpuSeconds, 2),
    m.clientCpuSeconds === undefined ? "–" : fixed(m.clientCpuSeconds, 2),
  ];
}

/** One line per target that the summaries say something about. */
export function targetLines(summaries: readonly CaseSummary[]): string[] {
  const lines = speedLines(summaries);
  const memory = memoryLine(summaries);
  return memory === undefined ? lines : [...lines, memory];
}

function speedLines(summaries: readonly CaseSummary[]): string[] {
  const lines: string[] = [];
  for (const { benchCase, median: m } of summaries) {
    if (m === undefined) continue;
    const name = `${benchCase.dataset}/${benchCase.driver}/` +
      `WORKERS=${benchCase.workers}`;
    if (benchCase.dataset === "course") {
      const ratio = m.seconds / COURSE_TARGET_SECONDS;
      const verdict = ratio <= 1 ? "met" : `missed, ${fixed(ratio, 1)}× over`;
      lines.push(
        `${name}: ${
          fixed(m.seconds, 3)
        } s vs ≤ ${COURSE_TARGET_SECONDS} s (${verdict})`,
      );
    }
    if (benchCase.dataset === "synthetic") {
      const ratio = m.betsPerSecond / SYNTHETIC_TARGET_BETS_PER_SECOND;
      const verdict = ratio >= 1 ? "met" : `missed, ${fixed(ratio * 100, 0)}%`;
      const rate = Math.round(m.betsPerSecond).toLocaleString("en-US");
      lines.push(`${name}: ${rate} bets/s vs ≥ 300,000 (${verdict})`);
    }
  }
  return lines;
}

/**
 * The server's peak memory for the fewest and the most bets stored, by the
 * probe client on the same number of workers.
 */
function memoryLine(summaries: readonly CaseSummary[]): string | undefined {
  const small = summaries.find((s) => s.benchCase.dataset === "small");
  const large = summaries.find((s) =>
    s.benchCase.dataset === "synthetic" && s.benchCase.driver === "probe" &&
    s.benchCase.workers === small?.benchCase.workers
  );
  const fewest = small?.median;
  const most = large?.median;
  if (fewest === undefined || most === undefined) return undefined;

  const peak = (run: RunResult) => fixed(run.serverPeakRssBytes / MIB, 0);
  const growth = (most.serverPeakRssBytes - fewest.serverPeakRssBytes) / MIB;
  return `server peak RSS: ${peak(fewest)} MiB after ` +
    `${fewest.bets.toLocaleString("en-US")} bets, ${peak(most)} MiB after ` +
    `${most.bets.toLocaleString("en-US")} (${fixed(growth, 0)} MiB more)`;
}

/** Startup (clients only), then upload, then finishing and the draw. */
function phases(run: RunResult): string {
  const startup = run.startupSeconds ?? 0;
  const upload = run.uploadSeconds - startup;
  const draw = run.seconds - run.uploadSeconds;
  const shown = run.startupSeconds === undefined ? "–" : fixed(startup, 3);
  return `${shown} / ${fixed(upload, 3)} / ${fixed(draw, 3)}`;
}

function fixed(value: number, digits: number): string {
  return value.toFixed(digits);
}
