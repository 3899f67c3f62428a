/**
 * The bench script's output: the report on stdout, progress on stderr, so
 * `deno task bench > report.md` keeps only the report.
 *
 * @module
 */

const encoder = new TextEncoder();

function writeLine(stream: typeof Deno.stdout, text: string): void {
  const bytes = encoder.encode(`${text}\n`);
  let written = 0;
  while (written < bytes.length) {
    written += stream.writeSync(bytes.subarray(written));
  }
}

/** Prints a line of the report. */
export function printLine(text = ""): void {
  writeLine(Deno.stdout, text);
}

/** Prints a progress note. */
export function note(text: string): void {
  writeLine(Deno.stderr, `[bench] ${text}`);
}
