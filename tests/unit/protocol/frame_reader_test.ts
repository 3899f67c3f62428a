import { strict as assert } from "node:assert";
import fc from "fast-check";
import {
  encodeFrame,
  type Frame,
  MAX_PAYLOAD_BYTES,
} from "../../../lib/protocol/frame.ts";
import { FrameReader } from "../../../lib/protocol/frame_reader.ts";
import { ProtocolError } from "../../../lib/protocol/protocol_error.ts";
import { concatBytes, TrickleSource } from "../../_helpers/byte_fakes.ts";

const FRAMES: Frame[] = [
  { type: 0x01, payload: new TextEncoder().encode("[CLIENT 1] Message N°1") },
  { type: 0x05, payload: new Uint8Array() },
  { type: 0x81, payload: Uint8Array.of(0, 0, 0, 7) },
  { type: 0x04, payload: new Uint8Array(MAX_PAYLOAD_BYTES).fill(0x5a) },
  { type: 0x83, payload: Uint8Array.of(0, 0, 0) },
];

const STREAM = concatBytes(
  ...FRAMES.map((frame) => encodeFrame(frame.type, frame.payload)),
);

/** Reads frames until the clean end of stream. */
async function readAll(reader: FrameReader): Promise<Frame[]> {
  const frames: Frame[] = [];
  for (let frame = await reader.next(); frame; frame = await reader.next()) {
    frames.push(frame);
  }
  return frames;
}

/** Asserts `promise` rejects with a ProtocolError of `code`. */
async function rejectsWith(
  promise: Promise<unknown>,
  code: string,
  message?: string,
): Promise<void> {
  await assert.rejects(promise, (error: unknown) => {
    assert.ok(error instanceof ProtocolError, String(error));
    assert.equal(error.code, code);
    assert.equal(error.fatal, true);
    if (message !== undefined) assert.equal(error.message, message);
    return true;
  });
}

Deno.test("FrameReader.next() reads frames whatever the read size", async (t) => {
  await t.step("several frames back to back, 1 byte per read", async () => {
    const reader = new FrameReader(new TrickleSource(STREAM));

    assert.deepEqual(await readAll(reader), FRAMES);
  });

  for (const chunkBytes of [2, 3, 7, 4_096, 8_192, 65_536]) {
    await t.step(`the same frames, ${chunkBytes} bytes per read`, async () => {
      const source = new TrickleSource(STREAM, { chunkBytes });

      assert.deepEqual(await readAll(new FrameReader(source)), FRAMES);
    });
  }

  await t.step(
    "a buffer option below 8 KiB still fits a whole frame",
    async () => {
      const source = new TrickleSource(STREAM, { chunkBytes: 5_000 });
      const reader = new FrameReader(source, { bufferBytes: 16 });

      assert.deepEqual(await readAll(reader), FRAMES);
    },
  );

  await t.step("any frames through any read size", async () => {
    const frameArbitrary = fc.record({
      type: fc.integer({ min: 0, max: 255 }),
      payload: fc.uint8Array({ maxLength: MAX_PAYLOAD_BYTES, size: "max" }),
    }, { noNullPrototype: true });
    await fc.assert(
      fc.asyncProperty(
        fc.array(frameArbitrary, { maxLength: 12, size: "max" }),
        fc.integer({ min: 1, max: 9_000 }),
        async (frames, chunkBytes) => {
          const bytes = concatBytes(
            ...frames.map((f) => encodeFrame(f.type, f.payload)),
          );
          const source = new TrickleSource(bytes, { chunkBytes });
          const reader = new FrameReader(source, { bufferBytes: 8_192 });
          assert.deepEqual(await readAll(reader), frames);
        },
      ),
      { numRuns: 60 },
    );
  });
});

Deno.test("FrameReader.next() returns null on a clean end of stream", async (t) => {
  await t.step("an empty stream", async () => {
    const reader = new FrameReader(new TrickleSource(new Uint8Array()));

    assert.equal(await reader.next(), null);
  });

  await t.step("again and again after the end", async () => {
    const reader = new FrameReader(
      new TrickleSource(encodeFrame(1, Uint8Array.of(9))),
    );

    assert.deepEqual(await reader.next(), {
      type: 1,
      payload: Uint8Array.of(9),
    });
    assert.equal(await reader.next(), null);
    assert.equal(await reader.next(), null);
  });
});

Deno.test("FrameReader.next() rejects a stream cut mid-frame", async (t) => {
  await t.step("EOF after 1 header byte is TRUNCATED_FRAME", async () => {
    const reader = new FrameReader(new TrickleSource(Uint8Array.of(0x01)));

    await rejectsWith(
      reader.next(),
      "TRUNCATED_FRAME",
      "Cannot read frame header: the peer closed after 1 of 3 bytes",
    );
  });

  await t.step(
    "EOF after 2 header bytes, following a whole frame",
    async () => {
      const bytes = concatBytes(
        encodeFrame(0x81, new Uint8Array(4)),
        Uint8Array.of(1, 0),
      );
      const reader = new FrameReader(new TrickleSource(bytes));

      assert.equal((await reader.next())?.type, 0x81);
      await rejectsWith(reader.next(), "TRUNCATED_FRAME");
    },
  );

  await t.step("EOF mid-payload is TRUNCATED_FRAME", async () => {
    const whole = encodeFrame(0x01, new Uint8Array(10));
    const reader = new FrameReader(new TrickleSource(whole.subarray(0, 7)));

    await rejectsWith(
      reader.next(),
      "TRUNCATED_FRAME",
      "Cannot read frame: the peer closed after 7 of 13 bytes",
    );
  });

  await t.step("EOF right after a header announcing a payload", async () => {
    const reader = new FrameReader(
      new TrickleSource(Uint8Array.of(0x01, 0, 1)),
    );

    await rejectsWith(reader.next(), "TRUNCATED_FRAME");
  });

  await t.step("every cut point of a frame", async () => {
    const whole = encodeFrame(0x03, new Uint8Array(40).fill(7));
    for (let cut = 1; cut < whole.length; cut++) {
      const source = new TrickleSource(whole.subarray(0, cut), {
        chunkBytes: 3,
      });

      await rejectsWith(new FrameReader(source).next(), "TRUNCATED_FRAME");
    }
  });
});

Deno.test("FrameReader.next() rejects a length over 8 KiB before the payload", async (t) => {
  for (const length of [MAX_PAYLOAD_BYTES + 1, 8_192, 0xffff]) {
    await t.step(`declared length ${length}`, async () => {
      const header = Uint8Array.of(0x04, length >>> 8, length & 0xff);
      const source = new TrickleSource(
        concatBytes(header, new Uint8Array(length)),
      );
      const reader = new FrameReader(source);

      await rejectsWith(
        reader.next(),
        "FRAME_TOO_LARGE",
        `Cannot accept a ${length}-byte payload: the limit is ${MAX_PAYLOAD_BYTES}`,
      );
      assert.equal(source.consumed, 3);
      assert.equal(source.reads, 3);
    });
  }

  await t.step("declared length 8189 is read in full", async () => {
    const frame = encodeFrame(0x04, new Uint8Array(MAX_PAYLOAD_BYTES));
    const source = new TrickleSource(frame);

    assert.equal((await new FrameReader(source).next())?.payload.length, 8189);
    assert.equal(source.consumed, frame.length);
  });
});

Deno.test("FrameReader.next() hands out payload copies", async () => {
  const bytes = concatBytes(
    encodeFrame(1, Uint8Array.of(1, 2)),
    encodeFrame(2, Uint8Array.of(3, 4)),
  );
  const reader = new FrameReader(new TrickleSource(bytes, { chunkBytes: 64 }));

  const first = await reader.next();
  const second = await reader.next();

  assert.deepEqual(first?.payload, Uint8Array.of(1, 2));
  assert.deepEqual(second?.payload, Uint8Array.of(3, 4));
  assert.notEqual(first?.payload.buffer, second?.payload.buffer);
});
