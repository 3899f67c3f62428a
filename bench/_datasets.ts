/**
 * The agency files the end-to-end benchmark uploads: the course's dataset,
 * unzipped, or synthetic files written from a seeded generator.
 *
 * @module
 */
import { join } from "node:path";
import { readAgencyFile } from "../lib/client/agency_file.ts";
import { hasWon } from "../lib/domain/bet_storage.ts";
import { agencyFileLine, makeBet, SeededRandom } from "./_bet_factory.ts";
import { fileExists } from "../lib/runtime/file_exists.ts";

/** A set of agency files, and what they hold. */
export interface Dataset {
  /** Names the dataset in the report. */
  name: string;
  /** `files[i]` holds the bets of agency `i + 1`. */
  files: string[];
  /** Bets in all files. */
  bets: number;
  /** Bets that play the winning number. */
  winners: number;
}

/** Options for {@linkcode writeSyntheticDataset}. */
export interface SyntheticDatasetOptions {
  agencies: number;
  betsPerAgency: number;
  seed: number;
}

/** Lines per write while generating a file. */
const LINES_PER_WRITE = 10_000;

/**
 * Unzips the course's `dataset.zip` (agency-1.csv … agency-5.csv) into
 * `dir`, or returns `undefined` when the archive is absent.
 *
 * @throws {Error} when `unzip` fails on an existing archive.
 */
export async function unzipCourseDataset(
  zipPath: string,
  dir: string,
): Promise<Dataset | undefined> {
  if (!await fileExists(zipPath)) return undefined;

  const { code, stderr } = await new Deno.Command("unzip", {
    args: ["-q", "-o", zipPath, "-d", dir],
    stdout: "null",
    stderr: "piped",
  }).output();
  if (code !== 0) {
    const reason = new TextDecoder().decode(stderr).trim();
    throw new Error(`Cannot unzip ${zipPath}: ${reason}`);
  }

  const files = await agencyFilesIn(dir);
  return { name: "course", files, ...await countBets(files) };
}

/** Writes `agencies` files of `betsPerAgency` generated bets into `dir`. */
export async function writeSyntheticDataset(
  dir: string,
  options: SyntheticDatasetOptions,
): Promise<Dataset> {
  const random = new SeededRandom(options.seed);
  const files: string[] = [];
  let winners = 0;

  for (let agency = 1; agency <= options.agencies; agency++) {
    const path = join(dir, `agency-${agency}.csv`);
    winners += await writeAgencyFile(path, options.betsPerAgency, random);
    files.push(path);
  }

  const bets = options.agencies * options.betsPerAgency;
  const name = `synthetic ${options.agencies}×${options.betsPerAgency}`;
  return { name, files, bets, winners };
}

/** Writes one file; returns how many of its bets win. */
async function writeAgencyFile(
  path: string,
  count: number,
  random: SeededRandom,
): Promise<number> {
  using file = await Deno.open(path, { write: true, create: true });
  const encoder = new TextEncoder();
  let winners = 0;

  for (let written = 0; written < count; written += LINES_PER_WRITE) {
    const lines: string[] = [];
    const end = Math.min(count, written + LINES_PER_WRITE);
    for (let i = written; i < end; i++) {
      const bet = makeBet(random, 0);
      if (hasWon(bet)) winners++;
      lines.push(agencyFileLine(bet));
    }
    await writeAll(file, encoder.encode(lines.join("")));
  }
  return winners;
}

async function writeAll(file: Deno.FsFile, bytes: Uint8Array) {
  for (let at = 0; at < bytes.length;) {
    at += await file.write(bytes.subarray(at));
  }
}

async function agencyFilesIn(dir: string): Promise<string[]> {
  const files: string[] = [];
  for (let agency = 1;; agency++) {
    const path = join(dir, `agency-${agency}.csv`);
    if (!await fileExists(path)) return files;
    files.push(path);
  }
}

/** Reads every file with the client's own reader. */
async function countBets(files: readonly string[]) {
  let bets = 0;
  let winners = 0;
  for (const [index, path] of files.entries()) {
    for await (const { bet } of readAgencyFile(path, index + 1)) {
      bets++;
      if (hasWon(bet)) winners++;
    }
  }
  return { bets, winners };
}
