/**
 * The Docker Compose definition of the system as a plain object: one server
 * and a configurable number of client agencies on a private network.
 *
 * Client modes are the client's own (`CLI_MODE`), so the two cannot drift.
 *
 * @module
 */

import { CLIENT_MODES, type ClientMode } from "../config/client_config.ts";

/** The mode clients get when none is asked for. */
export const DEFAULT_CLIENT_MODE: ClientMode = "agency";

/**
 * Most clients the network can hold: the /24 subnet has 254 host addresses,
 * one taken by the gateway and one by the server.
 */
export const MAX_CLIENTS = 252;

/** The compose project name; Docker prefixes network names with it. */
export const PROJECT_NAME = "tp0";

/** The network every service joins; seen by Docker as `tp0_testing_net`. */
export const NETWORK_NAME = "testing_net";

const SUBNET = "172.25.125.0/24";

/** The single bet every client places in `bet` mode. */
export const BET_FIXTURE: Readonly<Record<string, string>> = {
  NOMBRE: "Santiago Lionel",
  APELLIDO: "Lorca",
  DOCUMENTO: "30904465",
  NACIMIENTO: "1999-03-17",
  NUMERO: "7574",
};

/** What {@linkcode buildComposeDefinition} needs to know. */
export interface ComposeOptions {
  /** How many clients to define, `client1` to `clientN`; may be zero. */
  clients: number;
  /** How the clients run; {@linkcode DEFAULT_CLIENT_MODE} if omitted. */
  mode?: ClientMode;
}

/** A bind mount in Compose's long syntax. */
export interface BindMount {
  type: "bind";
  source: string;
  target: string;
  read_only: boolean;
  bind: { create_host_path: boolean };
}

/** One service of the definition. */
export interface ServiceDefinition {
  container_name: string;
  image: string;
  environment: string[];
  networks: string[];
  depends_on?: string[];
  volumes: (string | BindMount)[];
}

/** The whole Compose file as an object, ready to be serialized. */
export interface ComposeDefinition {
  name: string;
  services: Record<string, ServiceDefinition>;
  networks: Record<string, {
    ipam: { driver: string; config: { subnet: string }[] };
  }>;
}

/**
 * Builds the Compose definition for a server and `clients` agencies.
 *
 * The configuration files are bind-mounted from the project, so editing
 * them takes effect at the next start without rebuilding any image. The
 * server gets no variable that would shadow a key of its config file.
 *
 * @throws {RangeError} If `clients` is not an integer from 0 to
 *   {@linkcode MAX_CLIENTS}, or `mode` is not one of
 *   {@linkcode CLIENT_MODES}.
 *
 * @example
 * ```ts
 * import { buildComposeDefinition } from "./definition.ts";
 *
 * const definition = buildComposeDefinition({ clients: 2, mode: "echo" });
 * Object.keys(definition.services); // ["server", "client1", "client2"]
 * ```
 */
export function buildComposeDefinition(
  options: ComposeOptions,
): ComposeDefinition {
  const { clients } = options;
  assertClientCount(clients);
  const mode = parseClientMode(options.mode ?? DEFAULT_CLIENT_MODE);

  const services: Record<string, ServiceDefinition> = {
    server: serverService(clients),
  };
  for (let id = 1; id <= clients; id++) {
    services[`client${id}`] = clientService(id, mode);
  }

  return {
    name: PROJECT_NAME,
    services,
    networks: {
      [NETWORK_NAME]: {
        ipam: { driver: "default", config: [{ subnet: SUBNET }] },
      },
    },
  };
}

function serverService(clients: number): ServiceDefinition {
  return {
    container_name: "server",
    image: "server:latest",
    environment: [`AGENCIES=${clients}`],
    networks: [NETWORK_NAME],
    volumes: ["./server/config.ini:/app/config.ini:ro"],
  };
}

function clientService(id: number, mode: ClientMode): ServiceDefinition {
  const environment = [`CLI_ID=${id}`, `CLI_MODE=${mode}`];
  if (mode === "bet") {
    const bet = Object.entries(BET_FIXTURE);
    environment.push(...bet.map(([key, value]) => `${key}=${value}`));
  }

  const volumes: (string | BindMount)[] = [
    "./client/config.yaml:/app/config.yaml:ro",
  ];
  if (mode === "agency") volumes.push(agencyFileMount(id));

  return {
    container_name: `client${id}`,
    image: "client:latest",
    environment,
    networks: [NETWORK_NAME],
    depends_on: ["server"],
    volumes,
  };
}

// Docker would create a missing source as an empty directory; refusing to
// start is the honest outcome when the dataset was not unpacked.
function agencyFileMount(id: number): BindMount {
  return {
    type: "bind",
    source: `./.data/agency-${id}.csv`,
    target: "/app/agency.csv",
    read_only: true,
    bind: { create_host_path: false },
  };
}

function assertClientCount(clients: number): void {
  if (Number.isInteger(clients) && clients >= 0 && clients <= MAX_CLIENTS) {
    return;
  }
  throw new RangeError(
    `Cannot define clients: count must be an integer from 0 to ${MAX_CLIENTS}, got ${clients}`,
  );
}

/**
 * Reads a client mode, as given on a command line.
 *
 * @throws {RangeError} If `text` is not one of {@linkcode CLIENT_MODES}.
 *
 * @example
 * ```ts
 * import { parseClientMode } from "./definition.ts";
 *
 * parseClientMode("echo"); // "echo"
 * ```
 */
export function parseClientMode(text: string): ClientMode {
  const mode = CLIENT_MODES.find((known) => known === text);
  if (mode !== undefined) return mode;

  const known = CLIENT_MODES.join(", ");
  throw new RangeError(
    `Cannot parse client mode: expected one of ${known}, got "${text}"`,
  );
}
