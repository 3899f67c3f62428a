import { strict as assert } from "node:assert";
import {
  BET_FIXTURE,
  type BindMount,
  buildComposeDefinition,
  MAX_CLIENTS,
  parseClientMode,
} from "../../../lib/compose/definition.ts";

Deno.test("buildComposeDefinition() defines the server", async (t) => {
  const { name, services } = buildComposeDefinition({ clients: 3 });

  await t.step("under project tp0, with fixed container name and image", () => {
    assert.equal(name, "tp0");
    assert.equal(services.server.container_name, "server");
    assert.equal(services.server.image, "server:latest");
  });

  await t.step("with AGENCIES as its only variable", () => {
    assert.deepEqual(services.server.environment, ["AGENCIES=3"]);
  });

  await t.step("with config.ini mounted read-only from the project", () => {
    assert.deepEqual(services.server.volumes, [
      "./server/config.ini:/app/config.ini:ro",
    ]);
  });
});

Deno.test("buildComposeDefinition() defines the clients", async (t) => {
  await t.step("as client1..clientN, each depending on server", () => {
    const { services } = buildComposeDefinition({ clients: 3, mode: "echo" });

    assert.deepEqual(Object.keys(services), [
      "server",
      "client1",
      "client2",
      "client3",
    ]);
    for (const id of [1, 2, 3]) {
      const client = services[`client${id}`];
      assert.equal(client.container_name, `client${id}`);
      assert.equal(client.image, "client:latest");
      assert.deepEqual(client.depends_on, ["server"]);
    }
  });

  await t.step("as none at all for zero clients", () => {
    const { services } = buildComposeDefinition({ clients: 0 });

    assert.deepEqual(Object.keys(services), ["server"]);
    assert.deepEqual(services.server.environment, ["AGENCIES=0"]);
  });

  await t.step("in echo mode with only the id, mode and config", () => {
    const client = buildComposeDefinition({ clients: 2, mode: "echo" })
      .services.client2;

    assert.deepEqual(client.environment, ["CLI_ID=2", "CLI_MODE=echo"]);
    assert.deepEqual(client.volumes, [
      "./client/config.yaml:/app/config.yaml:ro",
    ]);
  });

  await t.step("in bet mode with the fixed bet in the environment", () => {
    const client = buildComposeDefinition({ clients: 1, mode: "bet" })
      .services.client1;

    assert.deepEqual(client.environment, [
      "CLI_ID=1",
      "CLI_MODE=bet",
      "NOMBRE=Santiago Lionel",
      "APELLIDO=Lorca",
      "DOCUMENTO=30904465",
      "NACIMIENTO=1999-03-17",
      "NUMERO=7574",
    ]);
    assert.equal(Object.keys(BET_FIXTURE).length, 5);
  });

  await t.step("in agency mode, the default, with its own CSV file", () => {
    const client = buildComposeDefinition({ clients: 4 }).services.client4;
    const expected: BindMount = {
      type: "bind",
      source: "./.data/agency-4.csv",
      target: "/app/agency.csv",
      read_only: true,
      bind: { create_host_path: false },
    };

    assert.deepEqual(client.environment, ["CLI_ID=4", "CLI_MODE=agency"]);
    assert.deepEqual(client.volumes, [
      "./client/config.yaml:/app/config.yaml:ro",
      expected,
    ]);
  });
});

Deno.test("buildComposeDefinition() puts every service on testing_net", () => {
  const { services, networks } = buildComposeDefinition({ clients: 2 });

  assert.deepEqual(networks, {
    testing_net: {
      ipam: { driver: "default", config: [{ subnet: "172.25.125.0/24" }] },
    },
  });
  for (const service of Object.values(services)) {
    assert.deepEqual(service.networks, ["testing_net"]);
  }
});

Deno.test("buildComposeDefinition() rejects bad options", async (t) => {
  for (const clients of [-1, 1.5, NaN, Infinity, MAX_CLIENTS + 1]) {
    await t.step(`a client count of ${clients}`, () => {
      assert.throws(
        () => buildComposeDefinition({ clients }),
        (error) =>
          error instanceof RangeError &&
          error.message.includes(`got ${clients}`),
      );
    });
  }

  await t.step(`the largest count the subnet holds is accepted`, () => {
    const { services } = buildComposeDefinition({ clients: MAX_CLIENTS });

    assert.equal(Object.keys(services).length, MAX_CLIENTS + 1);
  });

  await t.step("an unknown mode", () => {
    const mode = "loud" as "echo";

    assert.throws(() => buildComposeDefinition({ clients: 1, mode }), {
      name: "RangeError",
      message:
        'Cannot parse client mode: expected one of echo, bet, agency, got "loud"',
    });
  });
});

Deno.test("parseClientMode() accepts exactly the known modes", async (t) => {
  for (const mode of ["echo", "bet", "agency"]) {
    await t.step(mode, () => assert.equal(parseClientMode(mode), mode));
  }

  for (const text of ["", "Echo", "agency ", "bets"]) {
    await t.step(`not "${text}"`, () => {
      assert.throws(() => parseClientMode(text), RangeError);
    });
  }
});
