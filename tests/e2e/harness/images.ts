/**
 * Builds the server and client images once per test run, through the
 * Makefile a user would run.
 *
 * @module
 */

import { docker, runChecked } from "./command.ts";

const BUILD_TIMEOUT_MILLIS = 300_000;

let built: Promise<void> | undefined;

/**
 * Runs `make docker-image` the first time it is called and returns the same
 * promise afterwards, so every scenario shares one build.
 *
 * @throws {Error} With make's output if the build fails.
 */
export function ensureImages(): Promise<void> {
  built ??= runChecked("make", ["docker-image"], {
    timeoutMillis: BUILD_TIMEOUT_MILLIS,
  }).then(() => undefined);
  return built;
}

/** The id of a local image, e.g. `client:latest`. */
export async function imageId(name: string): Promise<string> {
  const id = await docker(["image", "inspect", "--format", "{{.Id}}", name]);
  return id.trim();
}
