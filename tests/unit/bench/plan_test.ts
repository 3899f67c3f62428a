import { strict as assert } from "node:assert";
import { caseKey, planCases } from "../../../bench/_plan.ts";

Deno.test("planCases() lists each scenario's cases once", async (t) => {
  await t.step("the course scenario runs clients and probe, 5 runs", () => {
    const cases = planCases({ scenarios: ["course"], defaultWorkers: 2 });
    assert.deepEqual(cases.map(caseKey), [
      "course/clients/2",
      "course/probe/2",
    ]);
    assert.ok(cases.every((c) => c.runs === 5));
  });
  await t.step("a case shared by two scenarios appears once", () => {
    const cases = planCases({
      scenarios: ["course", "workers"],
      defaultWorkers: 2,
    });
    const keys = cases.map(caseKey);
    assert.equal(new Set(keys).size, keys.length);
    assert.ok(keys.includes("course/clients/1"));
  });
  await t.step("--runs overrides every default", () => {
    const cases = planCases({
      scenarios: ["synthetic", "memory"],
      runs: 2,
      defaultWorkers: 4,
    });
    assert.ok(cases.every((c) => c.runs === 2));
    assert.ok(cases.map(caseKey).includes("small/probe/4"));
  });
});
