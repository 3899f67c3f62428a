import { strict as assert } from "node:assert";
import { imageId } from "./harness/images.ts";
import { Stack } from "./harness/stack.ts";

// Short enough to keep the suite quick, long enough to interleave clients.
const FAST_LOOP = { loop: { amount: 3, period: "200ms" } };

function clientNames(count: number): string[] {
  return Array.from({ length: count }, (_, i) => `client${i + 1}`);
}

async function assertEchoed(stack: Stack, client: string, amount: number) {
  const id = client.slice("client".length);
  const entries = await stack.logs(client);
  const received = entries
    .filter((e) => e.action === "receive_message" && e.result === "success")
    .map((e) => e.details.msg);
  const expected = Array.from(
    { length: amount },
    (_, i) => `[CLIENT ${id}] Message N°${i + 1}`,
  );

  const log = await stack.rawLogs(client);
  assert.deepEqual(received, expected, log);
  assert.ok(
    entries.some((e) => e.action === "loop_finished" && e.result === "success"),
    log,
  );
}

Deno.test("echo mode: every client gets each message back", async (t) => {
  for (const clients of [1, 2, 5]) {
    await t.step(`with ${clients} client(s)`, async () => {
      await using stack = await Stack.start({
        clients,
        mode: "echo",
        clientConfig: FAST_LOOP,
      });
      const names = clientNames(clients);
      const codes = await stack.waitForExit(names);

      for (const name of names) {
        assert.equal(codes[name], 0, await stack.rawLogs(name));
        await assertEchoed(stack, name, FAST_LOOP.loop.amount);
      }
      assert.ok(await stack.isRunning("server"), await stack.rawLogs("server"));
    });
  }
});

Deno.test("config files take effect without rebuilding images", async (t) => {
  await using stack = await Stack.create({
    clients: 1,
    mode: "echo",
    clientConfig: { loop: { amount: 2, period: "100ms" } },
  });
  const images = [
    await imageId("server:latest"),
    await imageId("client:latest"),
  ];

  await t.step("first run with loop.amount 2", async () => {
    await stack.up();
    await stack.waitForExit(["client1"]);

    await assertEchoed(stack, "client1", 2);
    await stack.down();
  });

  await t.step("second run after editing both files", async () => {
    await stack.editClientConfig({ loop: { amount: 3 } });
    await stack.editServerConfig({ LOGGING_LEVEL: "DEBUG" });
    await stack.up();
    await stack.waitForExit(["client1"]);

    await assertEchoed(stack, "client1", 3);
    const config = (await stack.logs("server")).find((e) =>
      e.action === "config"
    );
    assert.equal(config?.details.logging_level, "DEBUG");
  });

  await t.step("with the very same images", async () => {
    const now = [
      await imageId("server:latest"),
      await imageId("client:latest"),
    ];

    assert.deepEqual(now, images);
  });
});
