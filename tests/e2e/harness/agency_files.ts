/**
 * Agency files for the e2e scenarios: generated ones of a chosen size and
 * number of winners, and a count of what any agency file holds, so the
 * course's dataset is checked against its own contents.
 *
 * @module
 */

import { join } from "node:path";
import { LOTTERY_WINNER_NUMBER } from "../../../lib/domain/bet_storage.ts";

/** What to put in a generated agency file. */
export interface AgencyFileOptions {
  /** The agency number `N` of `agency-N.csv`. */
  agency: number;
  /** How many bets (lines). */
  bets: number;
  /** How many of them play the winning number. */
  winners: number;
}

/** What an agency file holds. */
export interface AgencyFileSummary {
  /** Lines holding a bet. */
  bets: number;
  /** Bets on the winning number. */
  winners: number;
}

// Lines are built and written this many at a time: a 200k-bet file never
// sits in memory whole.
const LINES_PER_CHUNK = 5_000;

/**
 * The document of the `index`-th bet (0-based) of a generated file: digits
 * only, unique across agencies, and telling which line it came from.
 */
export function generatedDocument(agency: number, index: number): string {
  return `${agency}${String(index).padStart(7, "0")}`;
}

/**
 * Writes `<dir>/agency-<agency>.csv` in the course's format (CRLF, no
 * header), with the winners spread evenly through the file. Some last
 * names hold a comma (so they are quoted) and non-ASCII letters.
 *
 * @throws {RangeError} If `winners` is more than `bets`.
 */
export async function writeAgencyFile(
  dir: string,
  options: AgencyFileOptions,
): Promise<string> {
  if (options.winners > options.bets) {
    throw new RangeError(
      `Cannot generate agency file: ${options.winners} winners among ${options.bets} bets`,
    );
  }

  const path = join(dir, `agency-${options.agency}.csv`);
  const file = await Deno.open(path, {
    write: true,
    create: true,
    truncate: true,
  });
  await ReadableStream.from(chunks(options)).pipeTo(file.writable);
  return path;
}

function* chunks(options: AgencyFileOptions): Generator<Uint8Array> {
  const encoder = new TextEncoder();
  const winners = winnerPositions(options);
  let lines: string[] = [];
  for (let index = 0; index < options.bets; index++) {
    lines.push(betLine(options.agency, index, winners.has(index)));
    if (lines.length < LINES_PER_CHUNK) continue;

    yield encoder.encode(lines.join(""));
    lines = [];
  }
  if (lines.length > 0) yield encoder.encode(lines.join(""));
}

function winnerPositions(options: AgencyFileOptions): Set<number> {
  const { bets, winners } = options;
  const positions = new Set<number>();
  for (let k = 0; k < winners; k++) {
    positions.add(Math.floor((k * bets) / winners));
  }
  return positions;
}

function betLine(agency: number, index: number, wins: boolean): string {
  const lastName = index % 3 === 0 ? `"Núñez, ${agency}"` : "Pérez";
  const birthdate = `19${50 + (index % 50)}-${pad(1 + (index % 12))}-${
    pad(1 + (index % 28))
  }`;
  // Below 7574, so only the chosen lines win.
  const number = wins ? LOTTERY_WINNER_NUMBER : (index * 37) % 7_574;
  const document = generatedDocument(agency, index);
  return `Nombre ${index},${lastName},${document},${birthdate},${number}\r\n`;
}

function pad(value: number): string {
  return String(value).padStart(2, "0");
}

/**
 * Counts the bets of an agency file and those on the winning number, read
 * from the last field of each line (names may hold quoted commas).
 */
export async function summarizeAgencyFile(
  path: string,
): Promise<AgencyFileSummary> {
  const lines = (await Deno.readTextFile(path)).split(/\r?\n/)
    .filter((line) => line.trim() !== "");
  const winning = String(LOTTERY_WINNER_NUMBER);
  const winners = lines.filter((line) =>
    line.slice(line.lastIndexOf(",") + 1).trim() === winning
  );

  return { bets: lines.length, winners: winners.length };
}
