import { strict as assert } from "node:assert";
import fc from "fast-check";
import { MAX_FRAME_BYTES } from "../../../lib/protocol/frame.ts";
import {
  decodeMessage,
  encodeMessage,
} from "../../../lib/protocol/messages.ts";
import { splitWinners } from "../../../lib/protocol/winners_frames.ts";
import { documentArbitrary } from "../../_helpers/bet_arbitraries.ts";

/** Encodes every message, checks the frames, and joins the documents. */
function reassemble(documents: readonly string[]): string[] {
  const messages = splitWinners(documents);
  const joined: string[] = [];

  messages.forEach((message, index) => {
    const frame = encodeMessage(message);
    assert.ok(frame.length <= MAX_FRAME_BYTES);
    assert.equal(message.more, index < messages.length - 1);

    const decoded = decodeMessage({
      type: frame[0],
      payload: frame.subarray(3),
    });
    assert.deepEqual(decoded, message);
    joined.push(...message.documents);
  });
  return joined;
}

Deno.test("splitWinners() packs documents into 8 KiB frames", async (t) => {
  await t.step("no winners is one empty, final message", () => {
    assert.deepEqual(splitWinners([]), [
      { type: "WINNERS", more: false, documents: [] },
    ]);
  });

  await t.step("a few winners fit one message", () => {
    assert.deepEqual(splitWinners(["30904465", "007"]), [
      { type: "WINNERS", more: false, documents: ["30904465", "007"] },
    ]);
  });

  await t.step("the 410th 19-digit document opens a second frame", () => {
    const documents = Array(410).fill("1".repeat(19));
    const messages = splitWinners([...documents, "2".repeat(19)]);

    assert.deepEqual(messages.map((m) => m.documents.length), [409, 2]);
    assert.deepEqual(reassemble(documents), documents);
  });

  await t.step("50 000 twenty-digit documents", () => {
    const documents = Array.from(
      { length: 50_000 },
      (_, i) => String(i).padStart(20, "0"),
    );

    assert.deepEqual(reassemble(documents), documents);
    assert.equal(splitWinners(documents).length, Math.ceil(50_000 / 389));
  });

  await t.step("any documents reassemble, each frame filled", () => {
    fc.assert(
      fc.property(
        fc.array(documentArbitrary(), { maxLength: 3_000, size: "max" }),
        (documents) => {
          assert.deepEqual(reassemble(documents), documents);
          const messages = splitWinners(documents);
          for (let i = 0; i + 1 < messages.length; i++) {
            const next = messages[i + 1].documents[0];
            const grown = {
              ...messages[i],
              documents: [...messages[i].documents, next],
            };
            assert.throws(() => encodeMessage(grown), {
              name: "PayloadFullError",
            });
          }
        },
      ),
      { numRuns: 40 },
    );
  });
});
