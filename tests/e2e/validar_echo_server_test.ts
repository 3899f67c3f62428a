import { strict as assert } from "node:assert";
import { docker, runCommand } from "./harness/command.ts";
import { ensureImages } from "./harness/images.ts";
import { removeProject, Stack } from "./harness/stack.ts";

const NETWORK = "tp0_testing_net";
const SUCCESS = "action: test_echo_server | result: success\n";
const FAIL = "action: test_echo_server | result: fail\n";

// Bounds a hang; the script's own limits are well below it.
const SCRIPT_LIMIT_MILLIS = 15_000;

function validate(shell = "sh") {
  return runCommand(shell, ["validar-echo-server.sh"], {
    timeoutMillis: SCRIPT_LIMIT_MILLIS,
  });
}

/**
 * Runs a busybox stand-in named `server` on the network: `program` gets each
 * connection on stdin/stdout. Waits until it listens, so a failure cannot
 * come from connecting too early.
 */
async function startFakeServer(program: string[]): Promise<void> {
  await docker([
    "run",
    "-d",
    "--rm",
    "--name",
    "server",
    "--network",
    NETWORK,
    "busybox:1.36",
    "nc",
    "-ll",
    "-p",
    "12345",
    "-e",
    ...program,
  ]);
  const listening =
    "until netstat -ltn | grep -q ':12345 '; do sleep 0.1; done";
  await docker(["exec", "server", "timeout", "10", "sh", "-c", listening]);
}

async function withFakeNetwork(run: () => Promise<void>): Promise<void> {
  await ensureImages();
  await removeProject();
  await docker(["network", "create", NETWORK]);
  try {
    await run();
  } finally {
    await runCommand("docker", ["rm", "-f", "server"]);
    await docker(["network", "rm", NETWORK]);
  }
}

Deno.test("validar-echo-server.sh checks the real server", async (t) => {
  await using _stack = await Stack.start({
    clients: 1,
    mode: "echo",
    clientConfig: { loop: { amount: 1, period: "100ms" } },
  });

  for (const shell of ["sh", "bash"]) {
    await t.step(`reporting success when run with ${shell}`, async () => {
      const outcome = await validate(shell);

      assert.equal(outcome.stdout, SUCCESS, outcome.stderr);
      assert.equal(outcome.code, 0);
    });
  }

  await t.step("also as an executable", async () => {
    const outcome = await runCommand("./validar-echo-server.sh", []);

    assert.equal(outcome.stdout, SUCCESS);
    assert.equal(outcome.code, 0);
  });
});

Deno.test("validar-echo-server.sh compares bytes", async (t) => {
  await t.step("success against any byte-for-byte echo", async () => {
    await withFakeNetwork(async () => {
      await startFakeServer(["cat"]);
      const outcome = await validate();

      assert.equal(outcome.stdout, SUCCESS);
      assert.equal(outcome.code, 0);
    });
  });

  await t.step("fail against a server that alters the bytes", async () => {
    await withFakeNetwork(async () => {
      await startFakeServer(["tr", "a-z", "A-Z"]);
      const outcome = await validate();

      assert.equal(outcome.stdout, FAIL);
      assert.equal(outcome.code, 1);
    });
  });

  await t.step("fail against a server that never answers", async () => {
    await withFakeNetwork(async () => {
      await startFakeServer(["sleep", "60"]);
      const outcome = await validate();

      assert.equal(outcome.stdout, FAIL);
      assert.equal(outcome.code, 1);
    });
  });
});

Deno.test("validar-echo-server.sh fails without the network", async () => {
  await ensureImages();
  await removeProject();
  const outcome = await validate();

  assert.equal(outcome.stdout, FAIL);
  assert.equal(outcome.code, 1);
});
