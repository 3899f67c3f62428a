/**
 * Writes a text file so that readers see either the old content or the
 * whole new content, never a partial file.
 *
 * @module
 */

import { basename, dirname } from "node:path";

/**
 * Writes `text` to a temporary file beside `path`, then renames it over
 * `path`. On failure the temporary file is removed and `path` is untouched.
 * The written file gets mode 0644, as an ordinary file would.
 *
 * @throws {Error} If the file cannot be written, with the underlying
 *   `Deno.errors` error as `cause`.
 *
 * @example
 * ```ts ignore
 * import { writeFileAtomically } from "./atomic_write.ts";
 *
 * await writeFileAtomically("docker-compose-dev.yaml", "name: tp0\n");
 * ```
 */
export async function writeFileAtomically(
  path: string,
  text: string,
): Promise<void> {
  let temporary: string | undefined;
  try {
    temporary = await Deno.makeTempFile({
      dir: dirname(path),
      prefix: `.${basename(path)}.`,
      suffix: ".tmp",
    });
    await Deno.writeTextFile(temporary, text);
    await Deno.chmod(temporary, 0o644);
    await Deno.rename(temporary, path);
  } catch (error) {
    if (temporary !== undefined) await removeQuietly(temporary);
    const reason = error instanceof Error ? error.message : String(error);
    throw new Error(`Cannot write "${path}": ${reason}`, { cause: error });
  }
}

// The write already failed; a failed cleanup must not hide that error.
async function removeQuietly(path: string): Promise<void> {
  try {
    await Deno.remove(path);
  } catch {
    return;
  }
}
