/**
 * Capturing what synchronous code writes to stdout, for the logging sink
 * (which calls `Deno.stdout.writeSync` once per line).
 *
 * @module
 */

/**
 * Runs `action` with `Deno.stdout.writeSync` redirected to a buffer and
 * returns the text written. Only synchronous writes are captured: the
 * original is restored before `action`'s caller resumes.
 */
export function captureStdoutSync(action: () => void): string {
  const stdout = Deno.stdout as { writeSync(bytes: Uint8Array): number };
  const original = stdout.writeSync;
  const decoder = new TextDecoder();
  let text = "";

  stdout.writeSync = (bytes: Uint8Array) => {
    text += decoder.decode(bytes, { stream: true });
    return bytes.length;
  };
  try {
    action();
  } finally {
    stdout.writeSync = original;
  }
  return text + decoder.decode();
}
