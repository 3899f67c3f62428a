/**
 * Splitting an agency's winners over as many `WINNERS` frames as needed, so
 * any number of winners fits the 8 KiB frame limit.
 *
 * @module
 */
import { MAX_PAYLOAD_BYTES } from "./frame.ts";
import type { WinnersMessage } from "./messages.ts";

/** `more` flag (u8) and document count (u16). */
const WINNERS_HEADER_BYTES = 3;

const encoder = new TextEncoder();

/**
 * Packs `documents` into `WINNERS` messages, each fitting one frame; the
 * last has `more: false`. No winners is one empty message.
 */
export function splitWinners(documents: readonly string[]): WinnersMessage[] {
  const messages: WinnersMessage[] = [];
  let current: string[] = [];
  let used = WINNERS_HEADER_BYTES;

  for (const document of documents) {
    const size = 1 + encoder.encode(document).length;
    if (used + size > MAX_PAYLOAD_BYTES) {
      messages.push({ type: "WINNERS", more: true, documents: current });
      current = [];
      used = WINNERS_HEADER_BYTES;
    }
    current.push(document);
    used += size;
  }

  messages.push({ type: "WINNERS", more: false, documents: current });
  return messages;
}
