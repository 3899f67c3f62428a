import { strict as assert } from "node:assert";
import { ServerProcess } from "./_processes.ts";
import { RawAgency, sampleBet } from "./_raw_agency.ts";

const SANITIZERS = { sanitizeOps: false, sanitizeResources: false };

async function identified(port: number, agency: number): Promise<RawAgency> {
  const raw = await RawAgency.connect(port);
  await raw.request({ type: "HELLO", agency, session: agency });
  return raw;
}

Deno.test(
  "a winners query is held until the last agency finishes",
  SANITIZERS,
  async () => {
    await using server = await ServerProcess.start({ agencies: 2, workers: 2 });
    using first = await identified(server.port, 1);
    using second = await identified(server.port, 2);
    await first.request({
      type: "BET_BATCH",
      agency: 1,
      sequence: 1,
      bets: [sampleBet(1, "10", 7574)],
    });
    await first.request({ type: "FINISHED", agency: 1 });
    await first.request({ type: "FINISHED", agency: 1 });

    let answered = false;
    const pending = first.request({ type: "WINNERS_QUERY", agency: 1 }).then(
      (reply) => {
        answered = true;
        return reply;
      },
    );
    await second.request({
      type: "ECHO",
      text: "let the query reach the server",
    });
    assert.equal(answered, false, "answered before the draw");
    assert.ok(
      !server.logs.lines.some((l) => l.includes("action: sorteo")),
      "a duplicate FINISHED counted",
    );

    await second.request({ type: "FINISHED", agency: 2 });
    assert.deepEqual(await pending, {
      type: "WINNERS",
      more: false,
      documents: ["10"],
    });
    assert.deepEqual(
      await second.request({ type: "WINNERS_QUERY", agency: 2 }),
      {
        type: "WINNERS",
        more: false,
        documents: [],
      },
    );
    assert.equal(
      server.logs.lines.filter((l) =>
        l.includes("action: sorteo | result: success")
      ).length,
      1,
    );
  },
);

Deno.test(
  "SIGTERM does not wait for an agency that never finishes",
  SANITIZERS,
  async () => {
    await using server = await ServerProcess.start({ agencies: 3, workers: 2 });
    using waiting = await identified(server.port, 1);
    await waiting.request({ type: "FINISHED", agency: 1 });
    const pending = waiting.request({ type: "WINNERS_QUERY", agency: 1 }).catch(
      (error) => error,
    );
    await waiting.sendBytes(new Uint8Array());

    server.kill("SIGTERM");
    const status = await server.exited();

    assert.equal(status.code, 0);
    const reply = await pending;
    const refused = reply?.type === "ERROR" && reply.code === "SHUTTING_DOWN";
    assert.ok(refused || reply instanceof Error, JSON.stringify(reply));
    assert.ok(!server.logs.lines.some((l) => l.includes("action: sorteo")));
  },
);
