import { strict as assert } from "node:assert";
import { loadServerConfig } from "../../../lib/config/server_config.ts";
import { fakeEnv, makeTempDir } from "../../_helpers/temp_files.ts";

const FULL_INI = `[DEFAULT]
SERVER_PORT = 12345
SERVER_IP = 10.0.0.1
SERVER_LISTEN_BACKLOG = 5
LOGGING_LEVEL = DEBUG
STORAGE_FILEPATH = ./data/bets.csv
AGENCIES = 3
WORKERS = 2
`;

const MINIMAL_INI = `[DEFAULT]
SERVER_PORT = 12345
SERVER_LISTEN_BACKLOG = 5
LOGGING_LEVEL = INFO
`;

/** Loads `ini` from a temp file with `env` as the whole environment. */
async function load(ini: string, env: Record<string, string> = {}) {
  await using dir = await makeTempDir();
  const path = await dir.write("config.ini", ini);
  return loadServerConfig({ path, env: fakeEnv(env) });
}

Deno.test("loadServerConfig() reads the [DEFAULT] section", async (t) => {
  await t.step("every key as written", async () => {
    assert.deepEqual(await load(FULL_INI), {
      port: 12345,
      ip: "10.0.0.1",
      listenBacklog: 5,
      loggingLevel: "DEBUG",
      storageFilePath: "./data/bets.csv",
      agencies: 3,
      workers: 2,
    });
  });

  await t.step("defaults for the optional keys", async () => {
    const config = await load(MINIMAL_INI);

    assert.equal(config.ip, "0.0.0.0");
    assert.equal(config.storageFilePath, "./bets.csv");
    assert.equal(config.agencies, 5);
    assert.equal(config.workers, navigator.hardwareConcurrency);
  });

  await t.step("blank optional keys fall back to their defaults", async () => {
    const ini = `${MINIMAL_INI}SERVER_IP =\nWORKERS =\nAGENCIES =\n`;
    const config = await load(ini);

    assert.equal(config.ip, "0.0.0.0");
    assert.equal(config.agencies, 5);
    assert.equal(config.workers, navigator.hardwareConcurrency);
  });

  await t.step("the level in any case", async () => {
    const config = await load(FULL_INI.replace("DEBUG", "warning"));

    assert.equal(config.loggingLevel, "WARNING");
  });
});

Deno.test("loadServerConfig() lets the environment override each key", async (t) => {
  const overrides: [string, string, string, unknown][] = [
    ["SERVER_PORT", "4000", "port", 4000],
    ["SERVER_IP", "127.0.0.1", "ip", "127.0.0.1"],
    ["SERVER_LISTEN_BACKLOG", "64", "listenBacklog", 64],
    ["LOGGING_LEVEL", "critical", "loggingLevel", "CRITICAL"],
    ["STORAGE_FILEPATH", "/tmp/x.csv", "storageFilePath", "/tmp/x.csv"],
    ["AGENCIES", "1", "agencies", 1],
    ["AGENCIES", "0", "agencies", 0],
    ["WORKERS", "7", "workers", 7],
  ];

  for (const [variable, value, field, expected] of overrides) {
    await t.step(`${variable}=${value}`, async () => {
      const config = await load(FULL_INI, { [variable]: value });

      assert.equal(config[field as keyof typeof config], expected);
    });
  }

  await t.step("a key absent from the file", async () => {
    const ini = MINIMAL_INI.replace("SERVER_PORT = 12345\n", "");
    const config = await load(ini, { SERVER_PORT: "5555" });

    assert.equal(config.port, 5555);
  });
});

Deno.test("loadServerConfig() names the bad key and value", async (t) => {
  const cases: [string, Record<string, string>, string][] = [
    ["a non-integer port", { SERVER_PORT: "12a" }, 'SERVER_PORT="12a"'],
    ["a fractional port", { SERVER_PORT: "80.5" }, 'SERVER_PORT="80.5"'],
    ["port 70000", { SERVER_PORT: "70000" }, 'SERVER_PORT="70000"'],
    ["a negative port", { SERVER_PORT: "-1" }, 'SERVER_PORT="-1"'],
    ["backlog 0", { SERVER_LISTEN_BACKLOG: "0" }, "SERVER_LISTEN_BACKLOG"],
    [
      "an unknown level",
      { LOGGING_LEVEL: "VERBOSE" },
      'LOGGING_LEVEL="VERBOSE"',
    ],
    ["negative agencies", { AGENCIES: "-1" }, 'AGENCIES="-1"'],
    ["65536 agencies", { AGENCIES: "65536" }, 'AGENCIES="65536"'],
    ["zero workers", { WORKERS: "0" }, 'WORKERS="0"'],
    ["a blank required key", { SERVER_PORT: "  " }, 'SERVER_PORT="  "'],
  ];

  for (const [name, env, shown] of cases) {
    await t.step(name, async () => {
      await assert.rejects(load(FULL_INI, env), (error: Error) => {
        assert.equal(error.name, "ConfigError");
        assert.ok(
          error.message.startsWith(`Cannot read setting ${shown}`),
          error.message,
        );
        return true;
      });
    });
  }

  await t.step("the range in an out-of-range message", async () => {
    await assert.rejects(load(FULL_INI, { SERVER_PORT: "70000" }), {
      message: 'Cannot read setting SERVER_PORT="70000": not in 0..65535',
    });
  });

  await t.step("the known levels in an unknown-level message", async () => {
    await assert.rejects(load(FULL_INI, { LOGGING_LEVEL: "trace" }), {
      message: 'Cannot read setting LOGGING_LEVEL="trace": ' +
        "not one of DEBUG, INFO, WARNING, ERROR, CRITICAL",
    });
  });

  await t.step("key and value as error properties", async () => {
    await assert.rejects(load(FULL_INI, { AGENCIES: "many" }), {
      key: "AGENCIES",
      value: "many",
    });
  });
});

Deno.test("loadServerConfig() rejects a missing file, key or section", async (t) => {
  await t.step("a missing required key is shown as (missing)", async () => {
    const ini = MINIMAL_INI.replace("SERVER_LISTEN_BACKLOG = 5\n", "");

    await assert.rejects(load(ini), {
      name: "ConfigError",
      message:
        "Cannot read setting SERVER_LISTEN_BACKLOG=(missing): a value is required",
    });
  });

  await t.step("a missing file names its path", async () => {
    await using dir = await makeTempDir();
    const path = dir.pathOf("absent.ini");

    assert.throws(() => loadServerConfig({ path, env: fakeEnv() }), {
      name: "ConfigError",
      key: path,
      message: new RegExp(
        `^Cannot read setting ${path}=\\(missing\\): cannot read the file`,
      ),
    });
  });

  await t.step("a file without a [DEFAULT] section", async () => {
    await assert.rejects(load("[server]\nSERVER_PORT = 1\n"), {
      name: "ConfigError",
      message: /: no \[DEFAULT\] section$/,
    });
  });

  await t.step("the cause of an unreadable file is kept", async () => {
    await using dir = await makeTempDir();
    const path = dir.pathOf("absent.ini");

    assert.throws(
      () => loadServerConfig({ path, env: fakeEnv() }),
      (error: Error) => error.cause instanceof Deno.errors.NotFound,
    );
  });
});

Deno.test("loadServerConfig() accepts the shipped server/config.ini", () => {
  const path = new URL("../../../server/config.ini", import.meta.url).pathname;
  const config = loadServerConfig({ path, env: fakeEnv() });

  assert.equal(config.port, 12345);
  assert.equal(config.ip, "0.0.0.0");
});
