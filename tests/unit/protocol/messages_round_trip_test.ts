import { strict as assert } from "node:assert";
import fc from "fast-check";
import type { Bet } from "../../../lib/domain/bet.ts";
import {
  MAX_FRAME_BYTES,
  MAX_PAYLOAD_BYTES,
} from "../../../lib/protocol/frame.ts";
import { MessageType } from "../../../lib/protocol/message_type.ts";
import {
  decodeMessage,
  encodeMessage,
  type Message,
} from "../../../lib/protocol/messages.ts";
import { PayloadFullError } from "../../../lib/protocol/payload_writer.ts";
import { sampleBet } from "../../_helpers/bet_arbitraries.ts";
import { MESSAGE_ARBITRARIES } from "../../_helpers/message_arbitraries.ts";

/** Decodes a whole encoded frame back into a message. */
function roundTrip(message: Message): Message {
  const frame = encodeMessage(message);
  const length = (frame[1] << 8) | frame[2];
  assert.equal(frame.length, 3 + length);
  return decodeMessage({ type: frame[0], payload: frame.subarray(3) });
}

Deno.test("encodeMessage() then decodeMessage() is the identity", async (t) => {
  for (const [type, arbitrary] of Object.entries(MESSAGE_ARBITRARIES)) {
    await t.step(`every ${type} message`, () => {
      fc.assert(
        fc.property(arbitrary, (message) => {
          const frame = encodeMessage(message);
          assert.equal(frame[0], MessageType[message.type]);
          assert.ok(frame.length <= MAX_FRAME_BYTES);
          assert.deepEqual(roundTrip(message), message);
        }),
        { numRuns: 150 },
      );
    });
  }
});

Deno.test("encodeMessage() writes the documented layouts", async (t) => {
  await t.step("ACK: sequence u32 big-endian", () => {
    const frame = encodeMessage({ type: "ACK", sequence: 0x01020304 });

    assert.deepEqual([...frame], [0x81, 0, 4, 1, 2, 3, 4]);
  });

  await t.step("HELLO: agency u16, session u32", () => {
    const frame = encodeMessage({ type: "HELLO", agency: 3, session: 258 });

    assert.deepEqual([...frame], [0x02, 0, 6, 0, 3, 0, 0, 1, 2]);
  });

  await t.step(
    "WINNERS: more flag, count u16, length-prefixed documents",
    () => {
      const frame = encodeMessage({
        type: "WINNERS",
        more: true,
        documents: ["007", "1"],
      });

      assert.deepEqual(
        [...frame],
        [0x83, 0, 9, 1, 0, 2, 3, 0x30, 0x30, 0x37, 1, 0x31],
      );
    },
  );

  await t.step("ECHO: the text's UTF-8 bytes, nothing else", () => {
    const frame = encodeMessage({ type: "ECHO", text: "N°1" });

    assert.deepEqual([...frame], [0x01, 0, 4, 0x4e, 0xc2, 0xb0, 0x31]);
  });
});

Deno.test("encodeMessage() fills a frame up to exactly 8 KiB", async (t) => {
  await t.step("ECHO of 8189 bytes fits, 8190 does not", () => {
    const fits = { type: "ECHO", text: "x".repeat(MAX_PAYLOAD_BYTES) } as const;
    const over = {
      type: "ECHO",
      text: "x".repeat(MAX_PAYLOAD_BYTES + 1),
    } as const;

    assert.equal(encodeMessage(fits).length, MAX_FRAME_BYTES);
    assert.deepEqual(roundTrip(fits), fits);
    assert.throws(() => encodeMessage(over), PayloadFullError);
  });

  await t.step("the largest BET_BATCH fits, one byte more does not", () => {
    const bets = largestBatch();
    const batch: Message = { type: "BET_BATCH", agency: 2, sequence: 9, bets };

    assert.equal(encodeMessage(batch).length, MAX_FRAME_BYTES);
    assert.deepEqual(roundTrip(batch), batch);

    const last = bets[bets.length - 1];
    const grown = [...bets.slice(0, -1), {
      ...last,
      lastName: `${last.lastName}z`,
    }];
    assert.throws(
      () => encodeMessage({ ...batch, bets: grown }),
      { name: "PayloadFullError" },
    );
    assert.throws(
      () =>
        encodeMessage({ ...batch, bets: [...bets, sampleBet({ agency: 2 })] }),
      PayloadFullError,
    );
  });

  await t.step("WINNERS fits 8186 bytes of documents", () => {
    // 3 header bytes + 409 × (1 + 19) + 1 × (1 + 5) = 8189.
    const documents = [...Array(409).fill("1".repeat(19)), "12345"];
    const message: Message = { type: "WINNERS", more: false, documents };

    assert.equal(encodeMessage(message).length, MAX_FRAME_BYTES);
    assert.throws(
      () => encodeMessage({ ...message, documents: [...documents, ""] }),
      PayloadFullError,
    );
  });
});

Deno.test("encodeMessage() rejects fields out of their wire range", async (t) => {
  const cases: [string, Message][] = [
    ["agency 65536", { type: "FINISHED", agency: 65_536 }],
    ["a negative sequence", { type: "ACK", sequence: -1 }],
    ["a fractional session", { type: "HELLO", agency: 1, session: 1.5 }],
    ["sequence 2^32", { type: "ACK", sequence: 2 ** 32 }],
    ["a 256-byte document", {
      type: "WINNERS",
      more: false,
      documents: ["1".repeat(256)],
    }],
    ["a 256-byte name", {
      type: "BET",
      agency: 1,
      sequence: 1,
      bet: sampleBet({ firstName: "ñ".repeat(128) }),
    }],
  ];

  for (const [name, message] of cases) {
    await t.step(name, () => {
      assert.throws(() => encodeMessage(message), RangeError);
    });
  }
});

Deno.test("encodeMessage() cuts an ERROR reason to 255 bytes", async (t) => {
  await t.step("at a character boundary", () => {
    const reason = "é".repeat(200);
    const decoded = roundTrip({
      type: "ERROR",
      code: "INVALID_BET",
      sequence: 4,
      reason,
    });

    assert.deepEqual(decoded, {
      type: "ERROR",
      code: "INVALID_BET",
      sequence: 4,
      reason: "é".repeat(127),
    });
  });

  await t.step("never splitting an emoji", () => {
    const error = {
      type: "ERROR",
      code: "NOT_FINISHED",
      sequence: 0,
    } as const;
    const decoded = roundTrip({ ...error, reason: `${"a".repeat(253)}😀` });

    assert.deepEqual(decoded, { ...error, reason: "a".repeat(253) });
  });
});

/**
 * Bets of 12 to 21 bytes whose batch payload is exactly 8189 bytes:
 * 8 header bytes + 681 × 12 + 9 extra name bytes.
 */
function largestBatch(): Bet[] {
  const small = sampleBet({
    agency: 2,
    firstName: "A",
    lastName: "B",
    document: "0",
  });
  const bets = Array.from({ length: 681 }, () => ({ ...small }));
  bets[680] = { ...small, lastName: "B".repeat(10) };
  return bets;
}
