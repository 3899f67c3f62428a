/**
 * Reading an agency's bets file (`.data/agency-N.csv`): one bet per line,
 * `first_name,last_name,document,birthdate,number`, no header, CRLF or LF.
 * Streamed: the file is never held in memory as a whole.
 *
 * @module
 */
import { CsvSyntaxError, readCsvRecords } from "../csv/csv_records.ts";
import {
  type Bet,
  InvalidBetError,
  parseDate,
  validateBet,
} from "../domain/bet.ts";

/** A bet and the line of the file it came from. */
export interface NumberedBet {
  bet: Bet;
  line: number;
}

/** A line of the agency file that is not a valid bet. */
export class AgencyFileError extends Error {
  /** 1-based line number in the file. */
  readonly line: number;

  /** Creates the error. */
  constructor(
    path: string,
    line: number,
    problem: string,
    options?: ErrorOptions,
  ) {
    super(`Cannot read ${path} line ${line}: ${problem}`, options);
    this.name = "AgencyFileError";
    this.line = line;
  }
}

const FIELDS = 5;

/** Birthdates are checked against the day the client started. */
const STARTED_ON = new Date();

/**
 * Streams the valid bets of `path` for `agency`, in file order.
 *
 * @throws {AgencyFileError} at the first malformed or invalid line.
 */
export async function* readAgencyFile(
  path: string,
  agency: number,
): AsyncGenerator<NumberedBet> {
  try {
    for await (const { fields, line } of readCsvRecords(path)) {
      yield { bet: toBet(path, line, fields, agency), line };
    }
  } catch (error) {
    if (!(error instanceof CsvSyntaxError)) throw error;
    throw new AgencyFileError(path, error.line, error.problem, {
      cause: error,
    });
  }
}

function toBet(
  path: string,
  line: number,
  record: string[],
  agency: number,
): Bet {
  if (record.length !== FIELDS) {
    throw new AgencyFileError(
      path,
      line,
      `expected ${FIELDS} fields, found ${record.length}`,
    );
  }

  const [firstName, lastName, document, birthdate, number] = record;
  try {
    const bet = {
      agency,
      firstName,
      lastName,
      document,
      birthdate: parseDate(birthdate),
      number: parseNumber(number),
    };
    validateBet(bet, STARTED_ON);
    return bet;
  } catch (error) {
    if (!(error instanceof InvalidBetError || error instanceof SyntaxError)) {
      throw error;
    }
    throw new AgencyFileError(path, line, error.message, { cause: error });
  }
}

function parseNumber(text: string): number {
  if (!/^\d+$/.test(text)) {
    throw new SyntaxError(
      `Cannot parse number ${JSON.stringify(text)}: not a whole number`,
    );
  }
  return Number(text);
}

/**
 * Counts the lines of `path` (blank ones too), reading it in chunks. Used only
 * for progress logs: a name with an embedded line break counts twice.
 */
export async function countLines(path: string): Promise<number> {
  using file = await Deno.open(path);
  const chunk = new Uint8Array(64 * 1024);
  let lines = 0;
  let last = 0x0a;

  for (
    let read = await file.read(chunk);
    read !== null;
    read = await file.read(chunk)
  ) {
    for (let i = 0; i < read; i++) if (chunk[i] === 0x0a) lines++;
    if (read > 0) last = chunk[read - 1];
  }
  return last === 0x0a ? lines : lines + 1;
}
