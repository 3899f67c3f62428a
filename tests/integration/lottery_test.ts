import { strict as assert } from "node:assert";
import { writeAgencyFile } from "./_agency_files.ts";
import { runClient, ServerProcess } from "./_processes.ts";

const SANITIZERS = { sanitizeOps: false, sanitizeResources: false };

/** Runs one agency client per entry of `winners` and returns their logs. */
async function runDraw(
  winners: number[],
  options: { workers?: number; bets?: number } = {},
) {
  const dir = await Deno.makeTempDir({ prefix: "tp0-agencies-" });
  await using server = await ServerProcess.start({
    agencies: winners.length,
    workers: options.workers ?? 2,
  });

  const files = await Promise.all(
    winners.map((count, i) =>
      writeAgencyFile(dir, {
        agency: i + 1,
        bets: options.bets ?? 500,
        winners: count,
      })
    ),
  );
  const clients = await Promise.all(
    files.map((file, i) =>
      runClient({
        id: i + 1,
        mode: "agency",
        port: server.port,
        agencyFile: file.path,
        batchMaxAmount: 37,
      })
    ),
  );

  const stored = await server.storedBets();
  await Deno.remove(dir, { recursive: true });
  return { server, clients, stored, serverLines: server.logs.lines, files };
}

function winnersLine(lines: string[]): string | undefined {
  return lines.find((l) =>
    l.includes("action: consulta_ganadores | result: success")
  );
}

Deno.test(
  "agencies learn only their own winners after one draw",
  SANITIZERS,
  async (t) => {
    for (const winners of [[2, 1, 0], [1, 2, 3, 4, 5]]) {
      await t.step(
        `${winners.length} agencies with ${winners.join(", ")} winners`,
        async () => {
          const { clients, stored, serverLines } = await runDraw(winners);

          for (const [i, { code, lines }] of clients.entries()) {
            assert.equal(code, 0, lines.join("\n"));
            assert.match(
              winnersLine(lines) ?? "",
              new RegExp(`cant_ganadores: ${winners[i]}$`),
            );
          }
          assert.equal(
            serverLines.filter((l) =>
              l.includes("action: sorteo | result: success")
            ).length,
            1,
          );
          assert.equal(stored.length, 500 * winners.length);
          assert.ok(!serverLines.some((l) => l.includes("result: fail")));
        },
      );
    }
  },
);

Deno.test(
  "the server logs the draw before answering any winners query",
  SANITIZERS,
  async () => {
    const { serverLines } = await runDraw([1, 1, 1], { workers: 3, bets: 50 });

    const drawAt = serverLines.findIndex((l) => l.includes("action: sorteo"));
    const firstAnswer = serverLines.findIndex((l) =>
      l.includes("action: consulta_ganadores")
    );
    assert.ok(drawAt >= 0 && drawAt < firstAnswer);
  },
);

Deno.test(
  "many agencies uploading at once store every bet exactly once",
  SANITIZERS,
  async () => {
    const agencies = 12;
    const winners = Array.from({ length: agencies }, (_, i) => i % 3);
    const { clients, stored, files } = await runDraw(winners, { bets: 2_000 });

    assert.ok(clients.every(({ code }) => code === 0));
    assert.equal(stored.length, agencies * 2_000);
    const keys = new Set(stored.map((bet) => `${bet.agency}/${bet.document}`));
    assert.equal(keys.size, stored.length, "a bet was stored twice");
    for (const [i, file] of files.entries()) {
      const storedWinners = stored.filter((b) =>
        b.agency === i + 1 && b.number === 7574
      );
      assert.deepEqual(storedWinners.map((b) => b.document), file.winners);
    }
  },
);

Deno.test(
  "bet mode stores the person's bet and both sides log it",
  SANITIZERS,
  async () => {
    await using server = await ServerProcess.start({ agencies: 1 });

    const { code, lines } = await runClient({
      id: 1,
      mode: "bet",
      port: server.port,
      env: {
        NOMBRE: "Santiago Lionel",
        APELLIDO: "Lorca",
        DOCUMENTO: "30904465",
        NACIMIENTO: "1999-03-17",
        NUMERO: "7574",
      },
    });

    assert.equal(code, 0);
    assert.ok(lines.some((l) =>
      l.endsWith(
        "action: apuesta_enviada | result: success | dni: 30904465 | numero: 7574",
      )
    ));
    await server.logs.waitFor((all) =>
      all.some((l) =>
        l.endsWith(
          "action: apuesta_almacenada | result: success | dni: 30904465 | numero: 7574",
        )
      )
    );
    const stored = await server.storedBets();
    assert.deepEqual(stored.map((b) => [b.agency, b.document, b.number]), [[
      1,
      "30904465",
      7574,
    ]]);
  },
);

Deno.test(
  "bet mode with an invalid bet exits 1 naming the variable",
  SANITIZERS,
  async () => {
    const { code, lines } = await runClient({
      id: 1,
      mode: "bet",
      port: 1,
      env: {
        NOMBRE: "A",
        APELLIDO: "B",
        DOCUMENTO: "30904465",
        NACIMIENTO: "1999-02-30",
        NUMERO: "1",
      },
    });
    assert.equal(code, 1);
    assert.ok(
      lines.some((l) =>
        /apuesta_enviada \| result: fail \| reason: .*NACIMIENTO/.test(l)
      ),
    );
  },
);

Deno.test(
  "an agency file with a bad line stops the client before that batch",
  SANITIZERS,
  async () => {
    await using server = await ServerProcess.start({ agencies: 1 });
    const dir = await Deno.makeTempDir();
    const path = `${dir}/agency-1.csv`;
    const good = "Ana,Paz,123,1990-01-01,5\r\n";
    await Deno.writeTextFile(
      path,
      good.repeat(10) + "Ana,Paz,12x,1990-01-01,5\r\n" + good,
    );

    const { code, lines } = await runClient({
      id: 1,
      mode: "agency",
      port: server.port,
      agencyFile: path,
      batchMaxAmount: 4,
    });

    assert.equal(code, 1);
    assert.ok(
      lines.some((l) => /leer_apuestas \| result: fail .*line 11/.test(l)),
      lines.join("\n"),
    );
    const stored = await server.storedBets();
    assert.equal(stored.length, 8, "only the two full batches before line 11");
    await Deno.remove(dir, { recursive: true });
  },
);
