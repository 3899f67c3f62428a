/**
 * A stand-in bet worker that cannot listen, to test that the pool reports
 * a failed start.
 *
 * @module
 */
const scope = globalThis as unknown as {
  onmessage: ((event: MessageEvent<{ kind: string }>) => void) | null;
  postMessage(message: unknown): void;
};

scope.onmessage = ({ data }) => {
  if (data.kind === "start") {
    scope.postMessage({ kind: "failed", reason: "Address already in use" });
  }
};
