import { strict as assert } from "node:assert";
import { docker } from "./harness/command.ts";
import type { LogEntry } from "./harness/logs.ts";
import { Stack } from "./harness/stack.ts";

// Long enough that every stop below lands while clients are mid-loop.
const ENDLESS_LOOP = { loop: { amount: 10_000, period: "500ms" } };

function isEcho(entry: LogEntry): boolean {
  return entry.action === "receive_message" && entry.result === "success";
}

// The close lines: a resource released, or the shutdown finished.
function isClose(entry: LogEntry): boolean {
  return /^(close_\w+|shutdown)$/.test(entry.action) &&
    entry.result === "success";
}

async function assertClosedGracefully(stack: Stack, service: string) {
  const [code] = Object.values(await stack.waitForExit([service]));
  const log = await stack.rawLogs(service);

  assert.equal(code, 0, log);
  assert.ok((await stack.logs(service)).some(isClose), log);
}

Deno.test("SIGTERM ends each process gracefully", async (t) => {
  await t.step("docker stop of a client", async () => {
    await using stack = await Stack.start({
      clients: 1,
      mode: "echo",
      clientConfig: ENDLESS_LOOP,
    });
    await stack.waitForLog("client1", isEcho);
    await docker(["stop", "client1"]);

    await assertClosedGracefully(stack, "client1");
    assert.ok(await stack.isRunning("server"));
  });

  await t.step("docker stop of the server", async () => {
    await using stack = await Stack.start({
      clients: 1,
      mode: "echo",
      clientConfig: ENDLESS_LOOP,
    });
    await stack.waitForLog("client1", isEcho);
    await docker(["stop", "server"]);

    await assertClosedGracefully(stack, "server");
  });

  await t.step("docker compose stop -t 1 of both", async () => {
    await using stack = await Stack.start({
      clients: 2,
      mode: "echo",
      clientConfig: ENDLESS_LOOP,
    });
    await stack.waitForLog("client2", isEcho);
    await stack.compose(["stop", "-t", "1"]);

    for (const service of ["server", "client1", "client2"]) {
      await assertClosedGracefully(stack, service);
    }
  });
});
