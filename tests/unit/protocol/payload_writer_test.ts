import { strict as assert } from "node:assert";
import { truncateUtf8 } from "../../../lib/protocol/messages.ts";
import { PayloadReader } from "../../../lib/protocol/payload_reader.ts";
import {
  PayloadFullError,
  PayloadWriter,
} from "../../../lib/protocol/payload_writer.ts";

Deno.test("PayloadWriter writes what PayloadReader reads", () => {
  const bytes = new PayloadWriter(64)
    .writeU8(0xff).writeU16(0xbeef).writeU32(0xdead_beef)
    .writeString("Ñandú 🐦").writeString("")
    .bytes();
  const reader = new PayloadReader(bytes);

  assert.equal(reader.readU8("a"), 0xff);
  assert.equal(reader.readU16("b"), 0xbeef);
  assert.equal(reader.readU32("c"), 0xdead_beef);
  assert.equal(reader.readString("d"), "Ñandú 🐦");
  assert.equal(reader.readString("e"), "");
  reader.expectEnd("test");
});

Deno.test("PayloadWriter.writeString() limits strings to 255 bytes", async (t) => {
  await t.step("255 bytes are written with their length byte", () => {
    const bytes = new PayloadWriter(300).writeString("ü".repeat(127) + "x")
      .bytes();

    assert.equal(bytes.length, 256);
    assert.equal(bytes[0], 255);
  });

  await t.step("256 bytes are a RangeError naming the size", () => {
    assert.throws(() => new PayloadWriter(300).writeString("ü".repeat(128)), {
      name: "RangeError",
      message: "Cannot encode a 256-byte string: the limit is 255 bytes",
    });
  });

  await t.step("too long wins over too full", () => {
    assert.throws(
      () => new PayloadWriter(10).writeString("x".repeat(300)),
      RangeError,
    );
  });

  await t.step("a short string in a full buffer is PayloadFullError", () => {
    const writer = new PayloadWriter(4).writeU16(1);

    assert.throws(() => writer.writeString("abc"), {
      name: "PayloadFullError",
    });
    assert.equal(writer.offset, 2);
  });
});

Deno.test("PayloadWriter never writes past its capacity", async (t) => {
  const cases: [string, (writer: PayloadWriter) => unknown][] = [
    ["u8", (writer) => writer.writeU8(1)],
    ["u16", (writer) => writer.writeU16(1)],
    ["u32", (writer) => writer.writeU32(1)],
    ["bytes", (writer) => writer.writeBytes(new Uint8Array(2))],
  ];

  for (const [name, write] of cases) {
    await t.step(`${name} into a full buffer`, () => {
      const writer = new PayloadWriter(new Uint8Array(4), 4);

      assert.throws(() => write(writer), PayloadFullError);
      assert.equal(writer.offset, 4);
    });
  }
});

Deno.test("PayloadWriter rejects integers out of range", async (t) => {
  const cases: [string, () => unknown][] = [
    ["u8 256", () => new PayloadWriter(8).writeU8(256)],
    ["u16 -1", () => new PayloadWriter(8).writeU16(-1)],
    ["u32 1.5", () => new PayloadWriter(8).writeU32(1.5)],
    ["u16 NaN", () => new PayloadWriter(8).writeU16(NaN)],
  ];

  for (const [name, write] of cases) {
    await t.step(name, () => {
      assert.throws(write, { name: "RangeError", message: /^Cannot encode / });
    });
  }
});

Deno.test("PayloadWriter.rewind() drops what follows the mark", async (t) => {
  await t.step("back to an earlier offset", () => {
    const writer = new PayloadWriter(8).writeU16(7);
    writer.writeU32(9);
    writer.rewind(2);

    assert.deepEqual(writer.bytes(), Uint8Array.of(0, 7));
  });

  await t.step("never forward", () => {
    assert.throws(() => new PayloadWriter(8).rewind(1), RangeError);
  });
});

Deno.test("truncateUtf8() cuts at a character boundary", async (t) => {
  const cases: [string, number, string][] = [
    ["short", 255, "short"],
    ["abc", 2, "ab"],
    ["añb", 2, "a"],
    ["añb", 3, "añ"],
    ["😀😀", 7, "😀"],
    ["", 0, ""],
  ];

  for (const [text, maxBytes, expected] of cases) {
    await t.step(`${JSON.stringify(text)} to ${maxBytes} bytes`, () => {
      assert.equal(truncateUtf8(text, maxBytes), expected);
    });
  }
});
