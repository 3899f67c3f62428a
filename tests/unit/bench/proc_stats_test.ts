import { strict as assert } from "node:assert";
import {
  parseTimeReport,
  readProcessUsage,
  readResidentBytes,
} from "../../../bench/_proc_stats.ts";

Deno.test("parseTimeReport() reads GNU time's %U %S %M line", async (t) => {
  await t.step("adds user and system time, converts KiB to bytes", () => {
    const usage = parseTimeReport("0.69 0.17 83436\n");
    assert.equal(usage.cpuSeconds.toFixed(2), "0.86");
    assert.equal(usage.peakRssBytes, 83_436 * 1024);
  });
  await t.step("reads the last line after a signal notice", () => {
    const report = "Command terminated by signal 9\n0.10 0.02 5000\n";
    assert.equal(parseTimeReport(report).peakRssBytes, 5_000 * 1024);
  });
  await t.step("rejects another shape, naming it", () => {
    assert.throws(
      () => parseTimeReport("12.3 s wall"),
      (error: unknown) =>
        error instanceof SyntaxError && error.message.includes("12.3 s wall"),
    );
  });
});

Deno.test("readProcessUsage() reads this process from /proc", async () => {
  let spin = 0;
  for (let i = 0; i < 1e6; i++) spin += i;
  assert.ok(spin > 0);

  // The peak is read last: it can only have grown since the current size.
  const resident = await readResidentBytes(Deno.pid);
  const usage = await readProcessUsage(Deno.pid);
  assert.ok(usage.peakRssBytes >= resident);
  assert.ok(resident > 1024 * 1024);
  assert.ok(usage.cpuSeconds >= 0);
});
