import { strict as assert } from "node:assert";
import { median, percentile } from "../../../bench/_stats.ts";

Deno.test("percentile() takes the nearest rank", async (t) => {
  const samples = [5, 1, 4, 2, 3, 10, 9, 8, 7, 6];

  await t.step("p50 of 1..10 is 5", () => {
    assert.equal(percentile(samples, 50), 5);
  });
  await t.step("p99 of 1..10 is the largest", () => {
    assert.equal(percentile(samples, 99), 10);
  });
  await t.step("p0 is the smallest", () => {
    assert.equal(percentile(samples, 0), 1);
  });
  await t.step("reads a Float64Array without reordering it", () => {
    const typed = Float64Array.from([3, 1, 2]);
    assert.equal(percentile(typed, 100), 3);
    assert.deepEqual([...typed], [3, 1, 2]);
  });
  await t.step("rejects no samples and a rank out of range", () => {
    assert.throws(() => percentile([], 50), RangeError);
    assert.throws(() => percentile([1], 101), RangeError);
    assert.throws(() => percentile([1], Number.NaN), RangeError);
  });
});

Deno.test("median() takes the middle value", async (t) => {
  await t.step("of an odd count, the middle one", () => {
    assert.equal(median([0.9, 0.1, 0.5]), 0.5);
  });
  await t.step("of an even count, the mean of the middle two", () => {
    assert.equal(median([4, 1, 3, 2]), 2.5);
  });
  await t.step("sorts numbers as numbers, not as text", () => {
    assert.equal(median([10, 9, 100]), 10);
  });
  await t.step("rejects no samples", () => {
    assert.throws(() => median([]), RangeError);
  });
});
