import { strict as assert } from "node:assert";
import fc from "fast-check";
import { encodeFrame } from "../../../lib/protocol/frame.ts";
import { MessageType } from "../../../lib/protocol/message_type.ts";
import {
  decodeMessage,
  encodeMessage,
} from "../../../lib/protocol/messages.ts";
import { PayloadWriter } from "../../../lib/protocol/payload_writer.ts";
import { ProtocolError } from "../../../lib/protocol/protocol_error.ts";
import { MESSAGE_ARBITRARIES } from "../../_helpers/message_arbitraries.ts";

/** Messages whose payload has a structure (all but ECHO's free text). */
const STRUCTURED = Object.entries(MESSAGE_ARBITRARIES)
  .filter(([type]) => type !== "ECHO");

/** Asserts decoding `payload` as `type` fails with `code`. */
function assertRejects(
  type: number,
  payload: Uint8Array,
  code: string,
  message?: RegExp,
): void {
  assert.throws(() => decodeMessage({ type, payload }), (error: unknown) => {
    assert.ok(error instanceof ProtocolError, String(error));
    assert.equal(error.code, code);
    assert.equal(error.fatal, false);
    if (message) assert.match(error.message, message);
    return true;
  });
}

/** A BET payload (agency 1, sequence 1) with raw bytes for the first name. */
function betWithFirstName(nameBytes: number[]): Uint8Array {
  return new PayloadWriter(64)
    .writeU16(1).writeU32(1)
    .writeU8(nameBytes.length).writeBytes(Uint8Array.from(nameBytes))
    .writeString("Lorca").writeString("123")
    .writeU16(1999).writeU8(3).writeU8(17).writeU16(7574)
    .bytes();
}

Deno.test("decodeMessage() rejects a payload cut at any point", async (t) => {
  for (const [type, arbitrary] of STRUCTURED) {
    await t.step(`every cut of every ${type} payload`, () => {
      fc.assert(
        fc.property(arbitrary, (message) => {
          const frame = encodeMessage(message);
          const payload = frame.subarray(3);
          for (let cut = 0; cut < payload.length; cut++) {
            assertRejects(
              frame[0],
              payload.subarray(0, cut),
              "MALFORMED_PAYLOAD",
            );
          }
        }),
        { numRuns: 25 },
      );
    });
  }

  await t.step("the message names the field and the offset", () => {
    const payload = encodeMessage({ type: "HELLO", agency: 1, session: 2 });

    assertRejects(
      MessageType.HELLO,
      payload.subarray(3, 6),
      "MALFORMED_PAYLOAD",
      /^Cannot decode session at offset 2: the payload ends at 3$/,
    );
  });
});

Deno.test("decodeMessage() rejects trailing bytes", async (t) => {
  for (const [type, arbitrary] of STRUCTURED) {
    await t.step(`after any ${type} payload`, () => {
      fc.assert(
        fc.property(
          arbitrary,
          fc.uint8Array({ minLength: 1, maxLength: 8 }),
          (message, extra) => {
            const frame = encodeMessage(message);
            const payload = new Uint8Array([...frame.subarray(3), ...extra]);
            assertRejects(
              frame[0],
              payload,
              "MALFORMED_PAYLOAD",
              new RegExp(
                `^Cannot decode ${type}: ${extra.length} unexpected bytes`,
              ),
            );
          },
        ),
        { numRuns: 50 },
      );
    });
  }
});

Deno.test("decodeMessage() rejects invalid UTF-8", async (t) => {
  const sequences: [string, number[]][] = [
    ["a lone continuation byte", [0x80]],
    ["0xff", [0x41, 0xff]],
    ["a cut two-byte character", [0x41, 0xc3]],
    ["an overlong NUL", [0xc0, 0x80]],
    ["an encoded surrogate", [0xed, 0xa0, 0x80]],
    ["a code point past U+10FFFF", [0xf4, 0x90, 0x80, 0x80]],
  ];

  for (const [name, bytes] of sequences) {
    await t.step(`${name} in a name`, () => {
      assertRejects(
        MessageType.BET,
        betWithFirstName(bytes),
        "MALFORMED_PAYLOAD",
        /^Cannot decode first name at offset 7: invalid UTF-8$/,
      );
    });

    await t.step(`${name} in an echo`, () => {
      assertRejects(
        MessageType.ECHO,
        Uint8Array.from(bytes),
        "MALFORMED_PAYLOAD",
      );
    });
  }

  await t.step("a valid name with the same layout decodes", () => {
    const message = decodeMessage({
      type: MessageType.BET,
      payload: betWithFirstName([0x4e, 0xc2, 0xb0]),
    });

    assert.ok(message.type === "BET");
    assert.equal(message.bet.firstName, "N°");
  });
});

Deno.test("decodeMessage() rejects an unknown message type", async (t) => {
  for (const type of [0x00, 0x07, 0x7f, 0x80, 0x84, 0xff]) {
    const shown = `0x${type.toString(16).padStart(2, "0")}`;
    await t.step(shown, () => {
      assertRejects(
        type,
        new Uint8Array(2),
        "UNKNOWN_MESSAGE_TYPE",
        new RegExp(`^Cannot decode message: unknown type ${shown}$`),
      );
    });
  }
});

Deno.test("decodeMessage() rejects an unknown error code", async (t) => {
  for (const code of [0, 15, 0x7f, 0xff]) {
    await t.step(`code ${code}`, () => {
      const payload = new PayloadWriter(16).writeU8(code).writeU32(1)
        .writeString("why").bytes();

      assertRejects(
        MessageType.ERROR,
        payload,
        "MALFORMED_PAYLOAD",
        new RegExp(`^Cannot decode ERROR: unknown error code ${code}$`),
      );
    });
  }
});

Deno.test("decodeMessage() rejects counts the payload cannot hold", async (t) => {
  await t.step("a BET_BATCH announcing more bets than it carries", () => {
    const frame = encodeMessage({
      type: "BET_BATCH",
      agency: 1,
      sequence: 1,
      bets: [],
    });
    const payload = frame.slice(3);
    payload[7] = 1;

    assertRejects(MessageType.BET_BATCH, payload, "MALFORMED_PAYLOAD");
  });

  await t.step("a WINNERS count of 65535 over an empty list", () => {
    assertRejects(
      MessageType.WINNERS,
      Uint8Array.of(0, 0xff, 0xff),
      "MALFORMED_PAYLOAD",
      /^Cannot decode document at offset 3/,
    );
  });

  await t.step("a string length past the end", () => {
    const frame = encodeFrame(
      MessageType.WINNERS,
      Uint8Array.of(0, 0, 1, 9, 0x31),
    );

    assertRejects(frame[0], frame.subarray(3), "MALFORMED_PAYLOAD");
  });
});
