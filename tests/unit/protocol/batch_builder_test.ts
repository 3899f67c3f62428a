import { strict as assert } from "node:assert";
import fc from "fast-check";
import type { Bet } from "../../../lib/domain/bet.ts";
import {
  BATCH_OVERHEAD_BYTES,
  BatchBuilder,
} from "../../../lib/protocol/batch_builder.ts";
import { MAX_FRAME_BYTES } from "../../../lib/protocol/frame.ts";
import {
  decodeMessage,
  encodeMessage,
  type Message,
} from "../../../lib/protocol/messages.ts";
import { betArbitrary, sampleBet } from "../../_helpers/bet_arbitraries.ts";

const AGENCY = 4;

/** Decodes a frame made by the builder. */
function decodeFrame(frame: Uint8Array): Message {
  return decodeMessage({ type: frame[0], payload: frame.subarray(3) });
}

/** A bet with 255-byte names and a 20-digit document: 539 bytes on the wire. */
function largestBet(): Bet {
  return sampleBet({
    agency: AGENCY,
    firstName: "F".repeat(255),
    lastName: "L".repeat(255),
    document: "9".repeat(20),
  });
}

/** Feeds every bet through the builder the way the client does. */
function batchAll(bets: Bet[], maxBets: number): Uint8Array[] {
  const builder = new BatchBuilder(AGENCY, maxBets);
  const frames: Uint8Array[] = [];
  for (const bet of bets) {
    if (builder.tryAdd(bet)) continue;
    frames.push(builder.takeFrame(frames.length + 1));
    assert.ok(builder.tryAdd(bet), "a bet must fit an empty batch");
  }
  if (builder.count > 0) frames.push(builder.takeFrame(frames.length + 1));
  return frames;
}

Deno.test("BatchBuilder.takeFrame() decodes to the bets added", async (t) => {
  await t.step("three bets, agency and sequence in the header", () => {
    const builder = new BatchBuilder(AGENCY, 10);
    const bets = [1, 2, 3].map((n) => sampleBet({ agency: AGENCY, number: n }));
    bets.forEach((bet) => assert.ok(builder.tryAdd(bet)));

    assert.equal(builder.count, 3);
    assert.deepEqual(decodeFrame(builder.takeFrame(77)), {
      type: "BET_BATCH",
      agency: AGENCY,
      sequence: 77,
      bets,
    });
  });

  await t.step("the same bytes as encodeMessage()", () => {
    const builder = new BatchBuilder(AGENCY, 10);
    const bets = [sampleBet({ agency: AGENCY }), largestBet()];
    bets.forEach((bet) => builder.tryAdd(bet));
    const message: Message = {
      type: "BET_BATCH",
      agency: AGENCY,
      sequence: 0xffff_ffff,
      bets,
    };

    assert.deepEqual(builder.takeFrame(0xffff_ffff), encodeMessage(message));
  });

  await t.step("an empty batch", () => {
    const frame = new BatchBuilder(AGENCY, 5).takeFrame(1);

    assert.equal(frame.length, BATCH_OVERHEAD_BYTES);
    assert.deepEqual(decodeFrame(frame), {
      type: "BET_BATCH",
      agency: AGENCY,
      sequence: 1,
      bets: [],
    });
  });

  await t.step("takeFrame() starts a new, independent batch", () => {
    const builder = new BatchBuilder(AGENCY, 10);
    builder.tryAdd(sampleBet({ agency: AGENCY, number: 1 }));
    const first = builder.takeFrame(1);
    builder.tryAdd(sampleBet({ agency: AGENCY, number: 2 }));
    const second = builder.takeFrame(2);

    assert.equal(builder.count, 0);
    assert.deepEqual(
      [first, second].map((frame) => {
        const message = decodeFrame(frame);
        assert.ok(message.type === "BET_BATCH");
        return message.bets.map((bet) => bet.number);
      }),
      [[1], [2]],
    );
  });
});

Deno.test("BatchBuilder.tryAdd() refuses a bet past either bound", async (t) => {
  await t.step("false at maxBets, the batch left unchanged", () => {
    const builder = new BatchBuilder(AGENCY, 2);
    const bets = [1, 2, 3].map((n) => sampleBet({ agency: AGENCY, number: n }));

    assert.deepEqual(bets.map((bet) => builder.tryAdd(bet)), [
      true,
      true,
      false,
    ]);
    assert.equal(builder.count, 2);
    const message = decodeFrame(builder.takeFrame(1));
    assert.ok(message.type === "BET_BATCH");
    assert.deepEqual(message.bets, bets.slice(0, 2));
  });

  await t.step("false when the next bet would pass 8 KiB", () => {
    const builder = new BatchBuilder(AGENCY, 1_000);
    while (builder.tryAdd(largestBet()));
    const frame = builder.takeFrame(1);

    assert.equal(builder.count, 0);
    assert.ok(frame.length <= MAX_FRAME_BYTES);
    assert.ok(frame.length + 539 > MAX_FRAME_BYTES);
    const message = decodeFrame(frame);
    assert.ok(message.type === "BET_BATCH");
    assert.equal(message.bets.length, 15);
  });

  await t.step("RangeError for a name over 255 bytes, batch unchanged", () => {
    const builder = new BatchBuilder(AGENCY, 10);
    builder.tryAdd(sampleBet({ agency: AGENCY }));

    assert.throws(
      () => builder.tryAdd(sampleBet({ lastName: "é".repeat(128) })),
      RangeError,
    );
    assert.equal(builder.count, 1);
    assert.equal(
      builder.takeFrame(1).length,
      encodeMessage({
        type: "BET_BATCH",
        agency: AGENCY,
        sequence: 1,
        bets: [sampleBet({ agency: AGENCY })],
      }).length,
    );
  });
});

Deno.test("BatchBuilder never exceeds maxBets nor 8 KiB", () => {
  const bets = fc.array(
    fc.oneof(
      { weight: 4, arbitrary: betArbitrary({ agency: AGENCY }) },
      { weight: 1, arbitrary: fc.constant(largestBet()) },
    ),
    { maxLength: 120, size: "max" },
  );

  fc.assert(
    fc.property(bets, fc.integer({ min: 1, max: 200 }), (input, maxBets) => {
      const frames = batchAll(input, maxBets);
      const output: Bet[] = [];
      frames.forEach((frame, index) => {
        assert.ok(frame.length <= MAX_FRAME_BYTES);
        const message = decodeFrame(frame);
        assert.ok(message.type === "BET_BATCH");
        assert.equal(message.sequence, index + 1);
        assert.ok(message.bets.length >= 1);
        assert.ok(message.bets.length <= maxBets);
        output.push(...message.bets);
      });
      assert.deepEqual(output, input);
    }),
    { numRuns: 80 },
  );
});
