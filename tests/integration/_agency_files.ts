/**
 * Agency CSV files made up for tests: a chosen number of bets, of which a
 * chosen number play the winning number.
 *
 * @module
 */

/** What to put in a generated agency file. */
export interface AgencyFileOptions {
  agency: number;
  bets: number;
  winners: number;
}

/**
 * Writes `.../agency-<n>.csv` with CRLF line ends, as the course's files;
 * winners come first, their documents are `<agency>00<i>`. Returns the path
 * and the winning documents.
 */
export async function writeAgencyFile(
  dir: string,
  options: AgencyFileOptions,
): Promise<{ path: string; winners: string[] }> {
  const lines: string[] = [];
  const winners: string[] = [];
  for (let i = 0; i < options.bets; i++) {
    const wins = i < options.winners;
    const document = `${options.agency}00${i}`;
    if (wins) winners.push(document);
    const number = wins ? 7574 : (i * 37) % 7574;
    lines.push(
      `Nombre ${i},"Apellido, ${options.agency}",${document},1990-05-${
        pad(i)
      },${number}`,
    );
  }

  const path = `${dir}/agency-${options.agency}.csv`;
  await Deno.writeTextFile(path, lines.join("\r\n") + "\r\n");
  return { path, winners };
}

function pad(i: number): string {
  return String((i % 28) + 1).padStart(2, "0");
}
