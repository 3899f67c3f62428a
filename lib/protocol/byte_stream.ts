/**
 * The two socket operations the protocol layer needs. `Deno.Conn` has both;
 * tests supply fakes that hand out one byte at a time.
 *
 * @module
 */

/** Something that reads bytes: `null` means the peer closed its side. */
export interface ByteSource {
  read(target: Uint8Array): Promise<number | null>;
}

/** Something that writes bytes and may accept only part of them. */
export interface ByteSink {
  write(bytes: Uint8Array): Promise<number>;
}

/**
 * Writes every byte of `bytes`, looping over short writes.
 *
 * @throws {Deno.errors.WriteZero} if the sink accepts nothing.
 */
export async function writeAll(
  sink: ByteSink,
  bytes: Uint8Array,
): Promise<void> {
  let written = 0;
  while (written < bytes.length) {
    const count = await sink.write(bytes.subarray(written));
    if (count <= 0) {
      throw new Deno.errors.WriteZero(
        `Cannot write: the sink accepted 0 of ${bytes.length - written} bytes`,
      );
    }
    written += count;
  }
}
