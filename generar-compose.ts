/**
 * Writes a Docker Compose file for the server and N client agencies.
 * Run through `generar-compose.sh`:
 *
 * ```sh
 * ./generar-compose.sh docker-compose-dev.yaml 5 --mode echo
 * ```
 *
 * On bad arguments or an unwritable output it prints one error line to
 * stderr, exits 1 and leaves no file behind.
 *
 * @module
 */

import { parseGeneratorArguments } from "./lib/compose/arguments.ts";
import { writeFileAtomically } from "./lib/compose/atomic_write.ts";
import { renderComposeFile } from "./lib/compose/render.ts";

/**
 * Runs the generator on `args` and returns the process exit code.
 *
 * @example
 * ```ts ignore
 * import { main } from "./generar-compose.ts";
 *
 * Deno.exit(await main(["docker-compose-dev.yaml", "5"]));
 * ```
 */
export async function main(args: string[]): Promise<number> {
  try {
    const options = parseGeneratorArguments(args);
    await writeFileAtomically(options.output, renderComposeFile(options));

    const { output, clients, mode } = options;
    print(
      Deno.stdout,
      `generar-compose: wrote ${output} (${clients} clients, ${mode} mode)`,
    );
    return 0;
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    print(Deno.stderr, `generar-compose: ${message}`);
    return 1;
  }
}

function print(stream: { writeSync(bytes: Uint8Array): number }, line: string) {
  const bytes = new TextEncoder().encode(`${line}\n`);
  let written = 0;
  while (written < bytes.length) {
    written += stream.writeSync(bytes.subarray(written));
  }
}

if (import.meta.main) Deno.exit(await main(Deno.args));
