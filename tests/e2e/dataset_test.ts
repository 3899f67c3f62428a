import { strict as assert } from "node:assert";
import { join } from "node:path";
import {
  type AgencyFileSummary,
  summarizeAgencyFile,
} from "./harness/agency_files.ts";
import { PROJECT_ROOT, runChecked } from "./harness/command.ts";
import { ComposeProject, removeProject } from "./harness/compose_project.ts";
import {
  assertCleanLottery,
  awaitLottery,
  type LotteryExpectation,
} from "./harness/lottery.ts";
import { Stack } from "./harness/stack.ts";
import { fileExists } from "../../lib/runtime/file_exists.ts";

// CI keeps the course's shared files beside the repository.
const SHARED_DATASET = join(
  PROJECT_ROOT,
  "..",
  "shared",
  "data",
  "dataset.zip",
);

const AGENCIES = 5;

// What the course's dataset holds, as the statement's expected outcome.
const COURSE_WINNERS = [2, 3, 3, 2, 0];
const COURSE_BETS = 78_697;

// Uploading the whole dataset takes seconds; this bounds a hang.
const LOTTERY_WAIT = { timeoutMillis: 180_000 };

const MAKE_TIMEOUT_MILLIS = 300_000;

function agencyFiles(dir: string): string[] {
  return Array.from(
    { length: AGENCIES },
    (_, i) => join(dir, `agency-${i + 1}.csv`),
  );
}

async function everyExists(paths: string[]): Promise<boolean> {
  const found = await Promise.all(paths.map(fileExists));
  return found.every(Boolean);
}

/** The expected outcome, counted from the agency files themselves. */
async function expectationOf(dir: string): Promise<LotteryExpectation> {
  const summaries: AgencyFileSummary[] = await Promise.all(
    agencyFiles(dir).map(summarizeAgencyFile),
  );
  return {
    bets: summaries.map((summary) => summary.bets),
    winners: summaries.map((summary) => summary.winners),
  };
}

function assertCourseFigures(expected: LotteryExpectation): void {
  const total = expected.bets.reduce((sum, bets) => sum + bets, 0);

  assert.deepEqual(expected.winners, COURSE_WINNERS);
  assert.equal(total, COURSE_BETS);
}

const projectDataDir = join(PROJECT_ROOT, ".data");

Deno.test({
  name: "agency mode with the course's dataset: five agencies, one draw",
  ignore: !await fileExists(SHARED_DATASET),
  async fn() {
    let expected: LotteryExpectation | undefined;
    await using stack = await Stack.start({
      clients: AGENCIES,
      data: async (dir) => {
        await runChecked("unzip", ["-q", "-o", SHARED_DATASET, "-d", dir]);
        expected = await expectationOf(dir);
      },
    });
    const outcome = await awaitLottery(stack, AGENCIES, LOTTERY_WAIT);

    assert.ok(expected !== undefined);
    assertCourseFigures(expected);
    assertCleanLottery(outcome, expected);
  },
});

Deno.test({
  name: "make docker-compose-up runs the agencies of .data/ to the draw",
  ignore: !await everyExists(agencyFiles(projectDataDir)),
  async fn() {
    const expected = await expectationOf(projectDataDir);
    await removeProject();

    const dev = new ComposeProject(
      join(PROJECT_ROOT, "docker-compose-dev.yaml"),
    );
    try {
      await runChecked("make", ["docker-compose-up"], {
        timeoutMillis: MAKE_TIMEOUT_MILLIS,
      });
      const outcome = await awaitLottery(dev, AGENCIES, LOTTERY_WAIT);
      assertCleanLottery(outcome, expected);
    } finally {
      await runChecked("make", ["docker-compose-down"]);
    }
  },
});
