import { strict as assert } from "node:assert";
import {
  checkPayloadLength,
  encodeFrame,
  FRAME_HEADER_BYTES,
  MAX_FRAME_BYTES,
  MAX_PAYLOAD_BYTES,
} from "../../../lib/protocol/frame.ts";
import { ProtocolError } from "../../../lib/protocol/protocol_error.ts";

Deno.test("MAX_FRAME_BYTES is 8 KiB: a 3-byte header and 8189 payload bytes", () => {
  assert.equal(MAX_FRAME_BYTES, 8192);
  assert.equal(FRAME_HEADER_BYTES, 3);
  assert.equal(MAX_PAYLOAD_BYTES, 8189);
});

Deno.test("encodeFrame() writes type, big-endian length, payload", async (t) => {
  await t.step("a short payload", () => {
    const frame = encodeFrame(0x81, new Uint8Array([0xaa, 0xbb]));

    assert.deepEqual(frame, new Uint8Array([0x81, 0x00, 0x02, 0xaa, 0xbb]));
  });

  await t.step("an empty payload is a bare header", () => {
    assert.deepEqual(
      encodeFrame(0x05, new Uint8Array()),
      Uint8Array.of(5, 0, 0),
    );
  });

  await t.step("a length over 255 uses both bytes", () => {
    const frame = encodeFrame(0x01, new Uint8Array(0x1234));

    assert.deepEqual([...frame.subarray(0, 3)], [0x01, 0x12, 0x34]);
    assert.equal(frame.length, 3 + 0x1234);
  });

  await t.step("the largest payload makes an 8192-byte frame", () => {
    const frame = encodeFrame(0x01, new Uint8Array(MAX_PAYLOAD_BYTES));

    assert.equal(frame.length, MAX_FRAME_BYTES);
    assert.deepEqual([...frame.subarray(1, 3)], [0x1f, 0xfd]);
  });
});

Deno.test("encodeFrame() rejects a frame over 8 KiB", async (t) => {
  for (
    const length of [MAX_PAYLOAD_BYTES + 1, MAX_FRAME_BYTES, 0xffff, 70_000]
  ) {
    await t.step(`a ${length}-byte payload`, () => {
      assert.throws(() => encodeFrame(0x01, new Uint8Array(length)), {
        name: "ProtocolError",
        code: "FRAME_TOO_LARGE",
        message: `Cannot accept a ${length}-byte payload: the limit is 8189`,
      });
    });
  }
});

Deno.test("checkPayloadLength() accepts up to 8189 bytes", async (t) => {
  await t.step("0 and 8189 pass", () => {
    checkPayloadLength(0);
    checkPayloadLength(MAX_PAYLOAD_BYTES);
  });

  await t.step("8190 is FRAME_TOO_LARGE, a fatal error", () => {
    assert.throws(
      () => checkPayloadLength(MAX_PAYLOAD_BYTES + 1),
      (error: unknown) => error instanceof ProtocolError && error.fatal,
    );
  });
});
