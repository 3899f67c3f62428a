import { strict as assert } from "node:assert";
import { runClient, ServerProcess } from "./_processes.ts";
import { ClientProcess } from "./_processes.ts";
import { RawAgency } from "./_raw_agency.ts";

const SANITIZERS = { sanitizeOps: false, sanitizeResources: false };

Deno.test(
  "echo clients get every message back and exit 0",
  SANITIZERS,
  async () => {
    await using server = await ServerProcess.start();

    const results = await Promise.all(
      [1, 2, 3].map((id) =>
        runClient({ id, mode: "echo", port: server.port, loopAmount: 3 })
      ),
    );

    for (const [index, { code, lines }] of results.entries()) {
      const id = index + 1;
      assert.equal(code, 0);
      for (let k = 1; k <= 3; k++) {
        const expected =
          `action: receive_message | result: success | client_id: ${id} | msg: [CLIENT ${id}] Message N°${k}`;
        assert.ok(
          lines.some((l) => l.endsWith(expected)),
          `missing: ${expected}`,
        );
      }
      assert.ok(
        lines.some((l) =>
          l.endsWith(
            `action: loop_finished | result: success | client_id: ${id}`,
          )
        ),
      );
    }
    const received = server.logs.lines.filter((l) =>
      l.includes("action: receive_message | result: success")
    );
    assert.equal(received.length, 9);
  },
);

Deno.test("server logs the course's startup lines", SANITIZERS, async () => {
  await using server = await ServerProcess.start({ workers: 1 });
  const [config, accepting] = server.logs.lines;
  assert.match(
    config,
    /^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d INFO {5}action: config \| result: success \| port: \d+ \| listen_backlog: 5 \| logging_level: INFO \| workers: 1/,
  );
  assert.match(
    accepting,
    /INFO {5}action: accept_connections \| result: in_progress$/,
  );
});

Deno.test(
  "server on SIGTERM closes its sockets and workers and exits 0",
  SANITIZERS,
  async () => {
    await using server = await ServerProcess.start({ workers: 2 });
    using agency = await RawAgency.connect(server.port);
    await agency.request({ type: "ECHO", text: "hola" });

    server.kill("SIGTERM");
    const status = await server.exited();

    assert.equal(status.code, 0);
    const lines = server.logs.lines.join("\n");
    assert.match(
      lines,
      /action: close_socket \| result: success \| ip: 127\.0\.0\.1/,
    );
    assert.equal(
      lines.match(/action: close_listener \| result: success/g)?.length,
      2,
    );
    assert.match(lines, /action: close_worker \| result: success \| worker: 1/);
    assert.match(lines, /action: close_worker \| result: success \| worker: 2/);
    assert.match(lines, /action: shutdown \| result: success$/m);
    assert.ok(await agency.closedByServer());
  },
);

Deno.test(
  "echo client on SIGTERM mid-loop exits 0 without finishing",
  SANITIZERS,
  async () => {
    await using server = await ServerProcess.start();
    const client = await ClientProcess.start({
      id: 7,
      mode: "echo",
      port: server.port,
      loopAmount: 100,
      loopPeriod: "1s",
    });
    await client.logs.waitFor((lines) =>
      lines.some((l) => l.includes("Message N°1"))
    );

    client.kill("SIGTERM");
    const { code, lines } = await client.finished();

    assert.equal(code, 0);
    assert.ok(
      lines.some((l) =>
        l.includes("action: shutdown | result: success | client_id: 7")
      ),
    );
    assert.ok(!lines.some((l) => l.includes("loop_finished")));
  },
);

Deno.test(
  "a bad setting stops either process with one line naming it",
  SANITIZERS,
  async (t) => {
    await t.step("server: SERVER_PORT not a number", async () => {
      const server = await ServerProcess.start({ workers: 1 });
      await server[Symbol.asyncDispose]();
      const dir = await Deno.makeTempDir();
      await Deno.writeTextFile(
        `${dir}/config.ini`,
        "[DEFAULT]\nSERVER_PORT = abc\n",
      );
      const { code, stdout } = await new Deno.Command(Deno.execPath(), {
        args: [
          "run",
          "-A",
          "--config",
          new URL("../../deno.json", import.meta.url).pathname,
          new URL("../../server.ts", import.meta.url).pathname,
        ],
        cwd: dir,
        stderr: "piped",
      }).output();
      const lines = new TextDecoder().decode(stdout).trim().split("\n");
      assert.equal(code, 1);
      assert.equal(lines.length, 1);
      assert.match(
        lines[0],
        /CRITICAL action: config \| result: fail \| error: .*SERVER_PORT="abc".*not a whole number/,
      );
      await Deno.remove(dir, { recursive: true });
    });

    await t.step("client: CLI_LOOP_PERIOD not a duration", async () => {
      const { code, lines } = await runClient({
        id: 1,
        mode: "echo",
        port: 1,
        env: { CLI_LOOP_PERIOD: "5 seconds" },
      });
      assert.equal(code, 1);
      assert.equal(lines.length, 1);
      assert.match(
        lines[0],
        /action: config \| result: fail \| error: .*CLI_LOOP_PERIOD="5 seconds"/,
      );
    });
  },
);
