/**
 * CSV through papaparse, the one CSV library of the project: streaming the
 * records of a file (with the line each starts on) and rendering records.
 *
 * papaparse was chosen over csv-parse after measuring both here: it parses
 * the course's 78,697 bets six to eight times faster, which matters because
 * the draw reads the whole bets file while holding the storage lock.
 *
 * @module
 */
// @ts-types="@types/papaparse"
import Papa from "papaparse";
import { createReadStream } from "node:fs";

/** A record and the 1-based line of the file where it starts. */
export interface LineRecord {
  fields: string[];
  line: number;
}

/** Options for {@linkcode readCsvRecords}. */
export interface ReadCsvOptions {
  /** The record separator; guessed from the file when absent. */
  newline?: "\n" | "\r\n";
}

/** A record the CSV parser could not read (malformed quoting). */
export class CsvSyntaxError extends SyntaxError {
  /** 1-based line where the bad record starts. */
  readonly line: number;
  /** What is wrong, as the parser says it. */
  readonly problem: string;

  /** Creates the error. */
  constructor(line: number, problem: string) {
    super(`Cannot parse CSV at line ${line}: ${problem}`);
    this.name = "CsvSyntaxError";
    this.line = line;
    this.problem = problem;
  }
}

/** Records buffered before the parser is paused. */
const HIGH_WATER_RECORDS = 1_024;

/**
 * Streams the records of `path`, skipping blank lines but counting them,
 * so `line` is exact even when a quoted field spans several lines. A
 * leading byte-order mark is dropped.
 *
 * @throws {CsvSyntaxError} at the first record with malformed quoting.
 * @throws {Error} when the file cannot be read (a directory, no permission).
 */
export async function* readCsvRecords(
  path: string,
  options: ReadCsvOptions = {},
): AsyncGenerator<LineRecord> {
  const feed = new RecordFeed();
  Papa.parse<string[]>(createReadStream(path), {
    delimiter: ",",
    newline: options.newline,
    step: (results, parser) => feed.push(results, parser),
    complete: () => feed.end(),
    error: (error: Error) => feed.fail(error),
  });

  let line = 1;
  for (let rows = await feed.take(); rows; rows = await feed.take()) {
    for (const row of rows) {
      if (line === 1) row.data[0] = row.data[0].replace(/^\uFEFF/, "");
      const start = line;
      line += 1 + countLineFeeds(row.data);
      if (row.errors.length > 0) {
        throw new CsvSyntaxError(start, row.errors[0].message);
      }
      if (row.data.length === 1 && row.data[0] === "") continue;
      yield { fields: row.data, line: start };
    }
  }
}

/**
 * Turns papaparse's push callbacks into pulls, pausing the parser while
 * the consumer is behind so a large file is never buffered whole.
 */
class RecordFeed {
  #rows: Papa.ParseStepResult<string[]>[] = [];
  #parser?: Papa.Parser;
  #paused = false;
  #ended = false;
  #failure?: Error;
  #wake?: () => void;

  push(row: Papa.ParseStepResult<string[]>, parser: Papa.Parser): void {
    this.#rows.push(row);
    this.#parser = parser;
    if (this.#rows.length >= HIGH_WATER_RECORDS && !this.#paused) {
      parser.pause();
      this.#paused = true;
    }
    this.#wakeUp();
  }

  end(): void {
    this.#ended = true;
    this.#wakeUp();
  }

  fail(error: Error): void {
    this.#failure = error;
    this.end();
  }

  /**
   * Every row parsed so far (waiting only when there is none), or
   * undefined once the file is done. Taking rows in bulk keeps the cost of
   * an `await` per chunk rather than per record.
   */
  async take(): Promise<Papa.ParseStepResult<string[]>[] | undefined> {
    while (this.#rows.length === 0) {
      if (this.#failure !== undefined) throw this.#failure;
      if (this.#ended) return undefined;
      if (this.#paused) {
        // resume() may push rows synchronously: look again before sleeping.
        this.#paused = false;
        this.#parser?.resume();
        continue;
      }
      await new Promise<void>((resolve) => this.#wake = resolve);
    }
    const rows = this.#rows;
    this.#rows = [];
    return rows;
  }

  #wakeUp(): void {
    this.#wake?.();
    this.#wake = undefined;
  }
}

/**
 * Renders records as `\n`-terminated CSV lines, quoting a field only when
 * it needs it (a delimiter, a quote, a CR or LF, edge spaces).
 */
export function renderCsv(
  records: ReadonlyArray<ReadonlyArray<string | number>>,
): string {
  if (records.length === 0) return "";
  const rows = records as (string | number)[][];
  return Papa.unparse(rows, { newline: "\n" }) + "\n";
}

function countLineFeeds(fields: string[]): number {
  let feeds = 0;
  for (const field of fields) {
    let at = field.indexOf("\n");
    while (at !== -1) {
      feeds++;
      at = field.indexOf("\n", at + 1);
    }
  }
  return feeds;
}
