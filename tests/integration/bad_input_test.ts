import { strict as assert } from "node:assert";
import type { Message } from "../../lib/protocol/messages.ts";
import { writeAgencyFile } from "./_agency_files.ts";
import { runClient, ServerProcess } from "./_processes.ts";
import { RawAgency, sampleBet } from "./_raw_agency.ts";

const SANITIZERS = { sanitizeOps: false, sanitizeResources: false };

function assertError(reply: Message, code: string): void {
  assert.equal(reply.type, "ERROR", JSON.stringify(reply));
  if (reply.type === "ERROR") assert.equal(reply.code, code, reply.reason);
}

async function storedDocuments(server: ServerProcess): Promise<string[]> {
  return (await server.storedBets()).map((bet) => bet.document);
}

Deno.test(
  "a bad batch is refused whole while another agency completes",
  SANITIZERS,
  async () => {
    await using server = await ServerProcess.start({ agencies: 2 });
    const dir = await Deno.makeTempDir();
    const file = await writeAgencyFile(dir, {
      agency: 2,
      bets: 300,
      winners: 1,
    });
    using raw = await RawAgency.connect(server.port);
    await raw.request({ type: "HELLO", agency: 1, session: 9 });

    const badBet = {
      ...sampleBet(1, "111"),
      birthdate: { year: 2023, month: 2, day: 29 },
    };
    const bad = await raw.request({
      type: "BET_BATCH",
      agency: 1,
      sequence: 1,
      bets: [sampleBet(1, "100"), badBet],
    });
    const other = runClient({
      id: 2,
      mode: "agency",
      port: server.port,
      agencyFile: file.path,
    });
    const good = await raw.request({
      type: "BET_BATCH",
      agency: 1,
      sequence: 1,
      bets: [sampleBet(1, "200", 7574)],
    });
    await raw.request({ type: "FINISHED", agency: 1 });
    const winners = await raw.request({ type: "WINNERS_QUERY", agency: 1 });

    assertError(bad, "INVALID_BET");
    assert.deepEqual(good, { type: "ACK", sequence: 1 });
    assert.deepEqual(winners, {
      type: "WINNERS",
      more: false,
      documents: ["200"],
    });
    const { code } = await other;
    assert.equal(code, 0);
    const documents = await storedDocuments(server);
    assert.ok(!documents.includes("100") && !documents.includes("111"));
    assert.equal(documents.length, 301);
    assert.ok(
      server.logs.lines.some((l) =>
        /apuesta_recibida \| result: fail \| cantidad: 2 \| code: INVALID_BET \| reason: Bet 2/
          .test(l)
      ),
    );
    await Deno.remove(dir, { recursive: true });
  },
);

Deno.test(
  "a retried batch is acknowledged but stored once",
  SANITIZERS,
  async () => {
    await using server = await ServerProcess.start({ agencies: 1 });
    const batch: Message = {
      type: "BET_BATCH",
      agency: 1,
      sequence: 1,
      bets: [sampleBet(1, "1"), sampleBet(1, "2")],
    };

    for (const session of [1, 1]) {
      using raw = await RawAgency.connect(server.port);
      await raw.request({ type: "HELLO", agency: 1, session });
      assert.deepEqual(await raw.request(batch), { type: "ACK", sequence: 1 });
    }

    assert.deepEqual(await storedDocuments(server), ["1", "2"]);
    assert.ok(server.logs.lines.some((l) =>
      l.endsWith(
        "apuesta_recibida | result: success | cantidad: 2 | duplicado: true",
      )
    ));
  },
);

Deno.test(
  "requests out of order or for another agency are refused",
  SANITIZERS,
  async (t) => {
    await using server = await ServerProcess.start({ agencies: 2 });
    using raw = await RawAgency.connect(server.port);

    await t.step("a batch before HELLO", async () => {
      assertError(
        await raw.request({
          type: "BET_BATCH",
          agency: 1,
          sequence: 1,
          bets: [],
        }),
        "NOT_IDENTIFIED",
      );
    });
    await t.step("an agency outside 1..AGENCIES", async () => {
      assertError(
        await raw.request({ type: "HELLO", agency: 3, session: 1 }),
        "UNKNOWN_AGENCY",
      );
    });
    await t.step("a batch for another agency", async () => {
      await raw.request({ type: "HELLO", agency: 1, session: 1 });
      const reply = await raw.request({
        type: "BET_BATCH",
        agency: 2,
        sequence: 1,
        bets: [sampleBet(2, "5")],
      });
      assertError(reply, "WRONG_AGENCY");
    });
    await t.step("a batch that skips a sequence number", async () => {
      const reply = await raw.request({
        type: "BET_BATCH",
        agency: 1,
        sequence: 3,
        bets: [sampleBet(1, "5")],
      });
      assertError(reply, "SEQUENCE_GAP");
    });
    await t.step("a winners query before finishing", async () => {
      assertError(
        await raw.request({ type: "WINNERS_QUERY", agency: 1 }),
        "NOT_FINISHED",
      );
    });
    await t.step("a message only the server sends", async () => {
      assertError(
        await raw.request({ type: "ACK", sequence: 1 }),
        "UNEXPECTED_MESSAGE",
      );
    });
    await t.step("a batch after the agency finished", async () => {
      await raw.request({ type: "FINISHED", agency: 1 });
      const reply = await raw.request({
        type: "BET_BATCH",
        agency: 1,
        sequence: 1,
        bets: [sampleBet(1, "5")],
      });
      assertError(reply, "AGENCY_FINISHED");
    });

    assert.deepEqual(await storedDocuments(server), []);
    const failures = server.logs.lines.filter((l) =>
      l.includes("result: fail")
    );
    assert.equal(failures.length, 7);
  },
);

Deno.test(
  "malformed frames get an error and only a broken stream is closed",
  SANITIZERS,
  async (t) => {
    await using server = await ServerProcess.start({ agencies: 1 });

    await t.step("unknown type: answered, connection kept", async () => {
      using raw = await RawAgency.connect(server.port);
      await raw.sendBytes(new Uint8Array([0x7f, 0, 0]));
      assertError(await raw.reply(), "UNKNOWN_MESSAGE_TYPE");
      assert.equal(
        (await raw.request({ type: "ECHO", text: "still here" })).type,
        "ECHO",
      );
    });

    await t.step("truncated payload: answered, connection kept", async () => {
      using raw = await RawAgency.connect(server.port);
      await raw.sendBytes(new Uint8Array([0x02, 0, 1, 0]));
      assertError(await raw.reply(), "MALFORMED_PAYLOAD");
      assert.equal(
        (await raw.request({ type: "ECHO", text: "ok" })).type,
        "ECHO",
      );
    });

    await t.step("invalid UTF-8 in a name: answered", async () => {
      using raw = await RawAgency.connect(server.port);
      await raw.request({ type: "HELLO", agency: 1, session: 1 });
      const frame = [
        0x03,
        0,
        16,
        0,
        1,
        0,
        0,
        0,
        1,
        1,
        0xff,
        1,
        0x41,
        1,
        0x31,
        0x07,
        0xcf,
        3,
        17,
        0,
        1,
      ];
      await raw.sendBytes(new Uint8Array(frame.slice(0, 3 + 16)));
      assertError(await raw.reply(), "MALFORMED_PAYLOAD");
    });

    await t.step(
      "a declared length over 8 KiB: answered, then closed",
      async () => {
        using raw = await RawAgency.connect(server.port);
        await raw.sendBytes(new Uint8Array([0x04, 0xff, 0xff, 1, 2, 3]));
        assertError(await raw.reply(), "FRAME_TOO_LARGE");
        assert.ok(await raw.closedByServer());
      },
    );

    await t.step("a peer that closes mid-frame is logged", async () => {
      const raw = await RawAgency.connect(server.port);
      await raw.sendBytes(new Uint8Array([0x01, 0, 10, 65]));
      raw[Symbol.dispose]();
      await server.logs.waitFor((lines) =>
        lines.some((l) => l.includes("code: TRUNCATED_FRAME"))
      );
    });

    await t.step("the server still serves others", async () => {
      const { code } = await runClient({
        id: 1,
        mode: "echo",
        port: server.port,
        loopAmount: 1,
      });
      assert.equal(code, 0);
    });
  },
);

Deno.test(
  "a server with AGENCIES=0 echoes but refuses every agency",
  SANITIZERS,
  async () => {
    await using server = await ServerProcess.start({ agencies: 0 });
    using raw = await RawAgency.connect(server.port);

    const echo = await raw.request({ type: "ECHO", text: "hola" });
    const hello = await raw.request({ type: "HELLO", agency: 1, session: 1 });

    assert.deepEqual(echo, { type: "ECHO", text: "hola" });
    assertError(hello, "UNKNOWN_AGENCY");
  },
);
