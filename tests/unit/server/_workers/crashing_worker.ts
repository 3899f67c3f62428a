/**
 * A stand-in bet worker that starts like the real one, then dies of an
 * uncaught error when asked to stop, so a test decides when it crashes.
 *
 * @module
 */
const scope = globalThis as unknown as {
  onmessage: ((event: MessageEvent<{ kind: string }>) => void) | null;
  postMessage(message: unknown): void;
};

scope.onmessage = ({ data }) => {
  if (data.kind === "start") {
    scope.postMessage({ kind: "listening" });
    return;
  }
  throw new Error("disk on fire");
};
