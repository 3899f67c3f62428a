/**
 * Closing a resource that may already be closed (a socket closed by the
 * peer's side of a shutdown, say) without turning that into an error.
 *
 * @module
 */

/** Closes `resource`, ignoring only "already closed". */
export function closeQuietly(resource: { close(): void }): void {
  try {
    resource.close();
  } catch (error) {
    if (!(error instanceof Deno.errors.BadResource)) throw error;
  }
}
