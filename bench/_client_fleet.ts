/**
 * The real agency clients, one `deno run client.ts` process per agency,
 * each in its own directory with its own `config.yaml`, timed from their
 * start to the last `consulta_ganadores` line they print.
 *
 * @module
 */
import { join } from "node:path";
import { denoRunArgs } from "./_project.ts";
import {
  hasGnuTime,
  parseTimeReport,
  TIME_FORMAT,
  TIME_PATH,
} from "./_proc_stats.ts";
import { Spawned } from "./_spawned.ts";

/** Options for {@linkcode runClientFleet}. */
export interface ClientFleetOptions {
  port: number;
  /** `agencyFiles[i]` is uploaded by agency `i + 1`. */
  agencyFiles: readonly string[];
  /** `batch.maxAmount`. */
  batchMaxAmount: number;
  /** `log.level`. */
  logLevel: string;
  /** The run's time bound: aborting kills every client. */
  signal: AbortSignal;
}

/** What the clients did, as they logged it. */
export interface ClientFleetResult {
  /** From the first spawn to the last `consulta_ganadores` line. */
  seconds: number;
  /** From the first spawn to the last client's `config` line. */
  startupSeconds: number;
  /** From the first spawn to the last `envio_apuestas` success line. */
  uploadSeconds: number;
  /** Bets the clients say the server acknowledged. */
  bets: number;
  /** Winners the clients were told about, all agencies together. */
  winners: number;
  /** CPU of all clients (user + system); undefined without GNU time. */
  cpuSeconds?: number;
  /** The largest client's peak RSS; undefined without GNU time. */
  peakRssBytes?: number;
}

const WINNERS_LINE =
  /action: consulta_ganadores \| result: success \| cant_ganadores: (\d+)/;
const SENT_LINE = /action: envio_apuestas \| result: success .*enviadas: (\d+)/;
const CONFIG_LINE = "action: config | result: success";

/** One client's progress, read from its log. */
interface ClientLog {
  configuredAt?: number;
  uploadedAt?: number;
  sent: number;
  winners?: number;
  answeredAt?: number;
}

/**
 * Runs every agency's client at once and waits for all of them to exit.
 *
 * @throws {Error} when a client fails or never logs its winners.
 */
export async function runClientFleet(
  options: ClientFleetOptions,
): Promise<ClientFleetResult> {
  const dir = await Deno.makeTempDir({ prefix: "tp0-bench-clients-" });
  const timed = await hasGnuTime();
  await using stack = new AsyncDisposableStack();
  stack.defer(() => Deno.remove(dir, { recursive: true }));

  const logs: ClientLog[] = [];
  const clients: Spawned[] = [];
  const startedAt = performance.now();
  for (const [index, file] of options.agencyFiles.entries()) {
    const log: ClientLog = { sent: 0 };
    const cwd = await clientDirectory(dir, index + 1, options);
    const spawned = spawnClient(cwd, index + 1, file, { timed, log, options });
    logs.push(log);
    clients.push(stack.use(spawned));
  }

  await checkExits(clients, logs, options.signal);
  const usage = timed ? await readUsages(dir, logs.length) : {};
  const since = (pick: (log: ClientLog) => number | undefined) =>
    (Math.max(...logs.map((log) => pick(log) ?? startedAt)) - startedAt) /
    1e3;
  return {
    seconds: since((log) => log.answeredAt),
    startupSeconds: since((log) => log.configuredAt),
    uploadSeconds: since((log) => log.uploadedAt),
    bets: logs.reduce((sum, log) => sum + log.sent, 0),
    winners: logs.reduce((sum, log) => sum + log.winners!, 0),
    ...usage,
  };
}

async function clientDirectory(
  dir: string,
  agency: number,
  options: ClientFleetOptions,
): Promise<string> {
  const cwd = join(dir, `client-${agency}`);
  await Deno.mkdir(cwd);
  const yaml = [
    "server:",
    `  address: "127.0.0.1:${options.port}"`,
    "loop:",
    "  amount: 0",
    '  period: "1s"',
    "log:",
    `  level: "${options.logLevel}"`,
    "batch:",
    `  maxAmount: ${options.batchMaxAmount}`,
    "",
  ].join("\n");
  await Deno.writeTextFile(join(cwd, "config.yaml"), yaml);
  return cwd;
}

interface SpawnContext {
  timed: boolean;
  log: ClientLog;
  options: ClientFleetOptions;
}

function spawnClient(
  cwd: string,
  agency: number,
  agencyFile: string,
  { timed, log, options }: SpawnContext,
): Spawned {
  const deno = [Deno.execPath(), ...denoRunArgs("client.ts")];
  const timing = ["-f", TIME_FORMAT, "-o", join(cwd, "usage.txt")];
  const [command, ...args] = timed ? [TIME_PATH, ...timing, ...deno] : deno;

  return Spawned.start(command, {
    args,
    cwd,
    env: {
      CLI_ID: String(agency),
      CLI_MODE: "agency",
      CLI_AGENCY_FILE: agencyFile,
    },
    onLine: (line) => readClientLine(line, log),
    signal: options.signal,
  });
}

function readClientLine(line: string, log: ClientLog): void {
  if (line.includes(CONFIG_LINE)) log.configuredAt = performance.now();
  const sent = SENT_LINE.exec(line);
  if (sent !== null) {
    log.sent = Number(sent[1]);
    log.uploadedAt = performance.now();
  }

  const winners = WINNERS_LINE.exec(line);
  if (winners === null) return;
  log.answeredAt = performance.now();
  log.winners = Number(winners[1]);
}

/** Waits for every client; the first one to fail ends the wait. */
async function checkExits(
  clients: readonly Spawned[],
  logs: readonly ClientLog[],
  signal: AbortSignal,
): Promise<void> {
  await Promise.all(clients.map(async (client, index) => {
    const status = await client.status;
    signal.throwIfAborted();
    if (status.success && logs[index].answeredAt !== undefined) return;
    throw new Error(
      `Cannot finish the run: client ${index + 1} exited with ${status.code}` +
        ` without its winners:\n${client.tail}`,
    );
  }));
}

async function readUsages(dir: string, clients: number) {
  let cpuSeconds = 0;
  let peakRssBytes = 0;
  for (let agency = 1; agency <= clients; agency++) {
    const path = join(dir, `client-${agency}`, "usage.txt");
    const usage = parseTimeReport(await Deno.readTextFile(path));
    cpuSeconds += usage.cpuSeconds;
    peakRssBytes = Math.max(peakRssBytes, usage.peakRssBytes);
  }
  return { cpuSeconds, peakRssBytes };
}
