import { strict as assert } from "node:assert";
import { loadClientConfig } from "../../../lib/config/client_config.ts";
import { fakeEnv, makeTempDir } from "../../_helpers/temp_files.ts";

const FULL_YAML = `id: 3
server:
  address: "server:12345"
loop:
  amount: 5
  period: "5s"
log:
  level: "DEBUG"
batch:
  maxAmount: 100
mode: echo
agency:
  file: /data/agency-3.csv
`;

const MINIMAL_YAML = `id: 1
server:
  address: server:12345
loop:
  amount: 0
  period: 100ms
log:
  level: INFO
batch:
  maxAmount: 1
`;

/** Loads `yaml` from a temp file with `env` as the whole environment. */
async function load(yaml: string, env: Record<string, string> = {}) {
  await using dir = await makeTempDir();
  const path = await dir.write("config.yaml", yaml);
  return loadClientConfig({ path, env: fakeEnv(env) });
}

Deno.test("loadClientConfig() reads config.yaml", async (t) => {
  await t.step("every key as written", async () => {
    assert.deepEqual(await load(FULL_YAML), {
      id: 3,
      serverAddress: { hostname: "server", port: 12345 },
      loopAmount: 5,
      loopPeriodMillis: 5_000,
      logLevel: "DEBUG",
      batchMaxAmount: 100,
      mode: "echo",
      agencyFile: "/data/agency-3.csv",
      raw: { serverAddress: "server:12345", loopPeriod: "5s" },
    });
  });

  await t.step("defaults for mode and agency file", async () => {
    const config = await load(MINIMAL_YAML);

    assert.equal(config.mode, "agency");
    assert.equal(config.agencyFile, "./agency.csv");
  });

  await t.step("an unquoted zero period", async () => {
    const config = await load(MINIMAL_YAML.replace("100ms", "0"));

    assert.equal(config.loopPeriodMillis, 0);
    assert.equal(config.raw.loopPeriod, "0");
  });
});

Deno.test("loadClientConfig() lets CLI_ variables override each key", async (t) => {
  const overrides: [string, string, string, unknown][] = [
    ["CLI_ID", "9", "id", 9],
    [
      "CLI_SERVER_ADDRESS",
      "127.0.0.1:4000",
      "serverAddress",
      { hostname: "127.0.0.1", port: 4000 },
    ],
    ["CLI_LOOP_AMOUNT", "12", "loopAmount", 12],
    ["CLI_LOOP_PERIOD", "1m30s", "loopPeriodMillis", 90_000],
    ["CLI_LOG_LEVEL", "error", "logLevel", "ERROR"],
    ["CLI_BATCH_MAXAMOUNT", "65535", "batchMaxAmount", 65_535],
    ["CLI_MODE", "bet", "mode", "bet"],
    ["CLI_AGENCY_FILE", "a.csv", "agencyFile", "a.csv"],
  ];

  for (const [variable, value, field, expected] of overrides) {
    await t.step(`${variable}=${value}`, async () => {
      const config = await load(FULL_YAML, { [variable]: value });

      assert.deepEqual(config[field as keyof typeof config], expected);
    });
  }

  await t.step("an IPv6 address loses its brackets", async () => {
    const config = await load(FULL_YAML, { CLI_SERVER_ADDRESS: "[::1]:12345" });

    assert.deepEqual(config.serverAddress, { hostname: "::1", port: 12_345 });
  });

  await t.step("raw texts follow the overrides", async () => {
    const env = { CLI_SERVER_ADDRESS: "h:1", CLI_LOOP_PERIOD: "2s" };
    const config = await load(FULL_YAML, env);

    assert.deepEqual(config.raw, { serverAddress: "h:1", loopPeriod: "2s" });
  });

  await t.step("an id absent from the file", async () => {
    const yaml = FULL_YAML.replace("id: 3\n", "");

    assert.equal((await load(yaml, { CLI_ID: "4" })).id, 4);
  });
});

Deno.test("loadClientConfig() names the bad key and value", async (t) => {
  const cases: [string, Record<string, string>, string][] = [
    ["a non-integer id", { CLI_ID: "one" }, 'CLI_ID="one"'],
    ["id 0", { CLI_ID: "0" }, 'CLI_ID="0"'],
    ["an address without port", { CLI_SERVER_ADDRESS: "server" }, "server"],
    ["an address without host", { CLI_SERVER_ADDRESS: ":12345" }, ":12345"],
    ["a non-numeric port", { CLI_SERVER_ADDRESS: "server:http" }, "http"],
    ["port 70000", { CLI_SERVER_ADDRESS: "server:70000" }, "server:70000"],
    ["a negative amount", { CLI_LOOP_AMOUNT: "-1" }, 'CLI_LOOP_AMOUNT="-1"'],
    ["a bad duration", { CLI_LOOP_PERIOD: "5 seconds" }, "5 seconds"],
    ["a unitless duration", { CLI_LOOP_PERIOD: "5" }, 'CLI_LOOP_PERIOD="5"'],
    ["an unknown level", { CLI_LOG_LEVEL: "LOUD" }, 'CLI_LOG_LEVEL="LOUD"'],
    ["batch 0", { CLI_BATCH_MAXAMOUNT: "0" }, 'CLI_BATCH_MAXAMOUNT="0"'],
    ["batch 65536", { CLI_BATCH_MAXAMOUNT: "65536" }, "65536"],
    ["an unknown mode", { CLI_MODE: "draw" }, 'CLI_MODE="draw"'],
    ["a mode in capitals", { CLI_MODE: "ECHO" }, 'CLI_MODE="ECHO"'],
  ];

  for (const [name, env, shown] of cases) {
    await t.step(name, async () => {
      const [variable, value] = Object.entries(env)[0];

      await assert.rejects(load(FULL_YAML, env), (error: Error) => {
        assert.equal(error.name, "ConfigError");
        assert.ok(error.message.includes(shown), error.message);
        assert.ok(
          error.message.startsWith(
            `Cannot read setting ${variable}=${JSON.stringify(value)}: `,
          ),
          error.message,
        );
        return true;
      });
    });
  }

  await t.step("a bad value in the file names the file key", async () => {
    const yaml = FULL_YAML.replace("mode: echo", "mode: lottery");

    await assert.rejects(load(yaml), {
      message:
        'Cannot read setting mode="lottery": not one of echo, bet, agency',
    });
  });

  await t.step("a bad duration keeps the parser's error as cause", async () => {
    await assert.rejects(
      load(FULL_YAML, { CLI_LOOP_PERIOD: "soon" }),
      (error: Error) => error.cause instanceof SyntaxError,
    );
  });
});

Deno.test("loadClientConfig() rejects a missing file, key or bad YAML", async (t) => {
  await t.step("a missing key is named by its dotted path", async () => {
    const yaml = FULL_YAML.replace('  period: "5s"\n', "");

    await assert.rejects(load(yaml), {
      name: "ConfigError",
      message: "Cannot read setting loop.period=(missing): a value is required",
    });
  });

  await t.step("a missing id", async () => {
    await assert.rejects(load(FULL_YAML.replace("id: 3\n", "")), {
      message: "Cannot read setting id=(missing): a value is required",
    });
  });

  await t.step("a missing file names its path", async () => {
    await using dir = await makeTempDir();
    const path = dir.pathOf("absent.yaml");

    assert.throws(() => loadClientConfig({ path, env: fakeEnv() }), {
      name: "ConfigError",
      key: path,
      message: /cannot read the file/,
    });
  });

  await t.step("a file that is not YAML", async () => {
    await assert.rejects(load("id: [1\nserver: {"), {
      name: "ConfigError",
      message: /: not valid YAML$/,
    });
  });

  await t.step("an empty file reports the first key", async () => {
    await assert.rejects(load(""), {
      message: "Cannot read setting id=(missing): a value is required",
    });
  });
});

Deno.test("loadClientConfig() accepts the shipped client/config.yaml", () => {
  const path = new URL("../../../client/config.yaml", import.meta.url).pathname;
  const config = loadClientConfig({ path, env: fakeEnv({ CLI_ID: "1" }) });

  assert.deepEqual(config.serverAddress, { hostname: "server", port: 12345 });
  assert.equal(config.loopPeriodMillis, 5_000);
});
