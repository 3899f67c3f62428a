/**
 * Reads a posted draw-results board in a worker and posts back what it
 * sees, to test that the winners cross threads.
 *
 * @module
 */
import { DrawResults } from "../../../../lib/server/draw_results.ts";

const scope = globalThis as unknown as {
  onmessage: ((event: MessageEvent<SharedArrayBuffer>) => void) | null;
  postMessage(message: unknown): void;
};

scope.onmessage = ({ data }) => {
  const winners = new DrawResults(data).read();
  scope.postMessage(winners === undefined ? null : [...winners]);
};
