/**
 * Whether a path exists, telling "not there" apart from real errors.
 *
 * @module
 */

/**
 * Resolves true if `path` exists, false if it does not.
 *
 * @throws {Error} for any other failure (no permission on a parent, say).
 */
export async function fileExists(path: string): Promise<boolean> {
  try {
    await Deno.stat(path);
    return true;
  } catch (error) {
    if (error instanceof Deno.errors.NotFound) return false;
    throw error;
  }
}
