import { strict as assert } from "node:assert";
import fc from "fast-check";
import { writeAll } from "../../../lib/protocol/byte_stream.ts";
import { ShortWriteSink } from "../../_helpers/byte_fakes.ts";

const BYTES = Uint8Array.from({ length: 20 }, (_, i) => i + 1);

Deno.test("writeAll() loops over short writes", async (t) => {
  await t.step(
    "a sink taking 1, 2, 3 bytes per call gets every byte",
    async () => {
      const sink = new ShortWriteSink({ pattern: [1, 2, 3] });

      await writeAll(sink, BYTES);

      assert.deepEqual(sink.bytes, BYTES);
      assert.equal(sink.calls, 11);
    },
  );

  await t.step("a sink taking 1 byte per call", async () => {
    const sink = new ShortWriteSink({ pattern: [1] });

    await writeAll(sink, BYTES);

    assert.deepEqual(sink.bytes, BYTES);
    assert.equal(sink.calls, BYTES.length);
  });

  await t.step("nothing to write makes no call", async () => {
    const sink = new ShortWriteSink();

    await writeAll(sink, new Uint8Array());

    assert.equal(sink.calls, 0);
  });

  await t.step("any bytes through any short-write pattern", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.uint8Array({ maxLength: 9_000, size: "max" }),
        fc.array(fc.integer({ min: 1, max: 4_096 }), { minLength: 1 }),
        async (bytes, pattern) => {
          const sink = new ShortWriteSink({ pattern });
          await writeAll(sink, bytes);
          assert.deepEqual(sink.bytes, bytes);
        },
      ),
    );
  });
});

Deno.test("writeAll() fails when the sink accepts nothing", async (t) => {
  await t.step("after a partial write", async () => {
    const sink = new ShortWriteSink({ pattern: [3], capacity: 5 });

    await assert.rejects(writeAll(sink, BYTES), {
      name: "WriteZero",
      message: "Cannot write: the sink accepted 0 of 15 bytes",
    });
    assert.deepEqual(sink.bytes, BYTES.subarray(0, 5));
  });

  await t.step("on the first write", async () => {
    const sink = new ShortWriteSink({ capacity: 0 });

    await assert.rejects(
      writeAll(sink, BYTES),
      (error: unknown) => error instanceof Deno.errors.WriteZero,
    );
    assert.equal(sink.calls, 1);
  });
});
