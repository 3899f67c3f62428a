/**
 * Where the project's entry points are, and how the benchmarks run them:
 * `deno run -A` with the project's own `deno.json`, whatever the working
 * directory of the process.
 *
 * @module
 */
import { fileURLToPath as fromFileUrl } from "node:url";

const root = new URL("../", import.meta.url);

/** The project's root directory. */
export const PROJECT_ROOT: string = fromFileUrl(root);

/** The course's dataset, beside the project (`../shared/data`). */
export const COURSE_DATASET_ZIP: string = fromFileUrl(
  new URL("../shared/data/dataset.zip", root),
);

/** Where `end_to_end.ts` writes its results as JSON (ignored by git). */
export const RESULTS_DIR: string = fromFileUrl(
  new URL("bench/results/", root),
);

/** The arguments of `deno` that run the project's `entry` module. */
export function denoRunArgs(entry: "server.ts" | "client.ts"): string[] {
  return [
    "run",
    "--allow-all",
    "--config",
    fromFileUrl(new URL("deno.json", root)),
    fromFileUrl(new URL(entry, root)),
  ];
}
