/**
 * A stand-in bet worker that dies of an uncaught error while starting.
 *
 * @module
 */
const scope = globalThis as unknown as {
  onmessage: ((event: MessageEvent<{ kind: string }>) => void) | null;
};

scope.onmessage = () => {
  throw new Error("cannot open the storage");
};
