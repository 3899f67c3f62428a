/**
 * A stand-in bet worker that starts like the real one, then dies of an
 * uncaught error, to test how the pool reacts to a crash.
 *
 * @module
 */
const scope = globalThis as unknown as {
  onmessage: ((event: MessageEvent<{ kind: string }>) => void) | null;
  postMessage(message: unknown): void;
};

scope.onmessage = ({ data }) => {
  if (data.kind !== "start") return;
  scope.postMessage({ kind: "listening" });
  setTimeout(() => {
    throw new Error("disk on fire");
  }, 10);
};
