/**
 * A person's bet, as an agency records it, and the rules a valid bet obeys.
 *
 * @module
 */

/** A calendar date without a time zone. */
export interface CalendarDate {
  year: number;
  month: number;
  day: number;
}

/** One bet: who placed it, at which agency, on which number. */
export interface Bet {
  /** The agency (1-based) where the bet was placed. */
  agency: number;
  firstName: string;
  lastName: string;
  /** National ID, digits only; a string because leading zeros matter. */
  document: string;
  birthdate: CalendarDate;
  /** The number played, 0..9999. */
  number: number;
}

/** Highest number a bet can play (four digits). */
export const MAX_BET_NUMBER = 9_999;

/** Longest name or document, in UTF-8 bytes (one length byte on the wire). */
export const MAX_TEXT_BYTES = 255;

/** Longest document, in digits. */
export const MAX_DOCUMENT_DIGITS = 20;

/** Earliest birth year accepted. */
export const MIN_BIRTH_YEAR = 1900;

/** A bet that breaks a rule; `field` names the offending field. */
export class InvalidBetError extends Error {
  /** The field that failed validation. */
  readonly field: keyof Bet;

  /** Creates the error. */
  constructor(field: keyof Bet, message: string) {
    super(message);
    this.name = "InvalidBetError";
    this.field = field;
  }
}

const encoder = new TextEncoder();

/**
 * Checks every rule of a bet.
 *
 * @throws {InvalidBetError} naming the first field that breaks a rule.
 */
export function validateBet(bet: Bet, today: Date = new Date()): void {
  checkName("firstName", bet.firstName);
  checkName("lastName", bet.lastName);
  checkDocument(bet.document);
  checkBirthdate(bet.birthdate, today);
  checkNumber(bet.number);
}

function checkName(field: "firstName" | "lastName", name: string): void {
  if (name.trim() === "") {
    throw new InvalidBetError(field, `Cannot accept ${field}: it is empty`);
  }
  // A UTF-16 unit never takes more than 3 UTF-8 bytes: most names skip encoding.
  if (name.length * 3 <= MAX_TEXT_BYTES) return;
  const bytes = encoder.encode(name).length;
  if (bytes > MAX_TEXT_BYTES) {
    throw new InvalidBetError(
      field,
      `Cannot accept ${field}: ${bytes} bytes, the limit is ${MAX_TEXT_BYTES}`,
    );
  }
}

const DOCUMENT_PATTERN = new RegExp(`^\\d{1,${MAX_DOCUMENT_DIGITS}}$`);

function checkDocument(document: string): void {
  if (!DOCUMENT_PATTERN.test(document)) {
    throw new InvalidBetError(
      "document",
      `Cannot accept document ${
        JSON.stringify(document)
      }: it must be 1 to ${MAX_DOCUMENT_DIGITS} digits`,
    );
  }
}

function checkBirthdate(date: CalendarDate, today: Date): void {
  if (!isCalendarDate(date)) {
    throw new InvalidBetError(
      "birthdate",
      `Cannot accept birthdate ${formatDate(date)}: no such day`,
    );
  }
  const todayKey = today.getFullYear() * 10_000 +
    (today.getMonth() + 1) * 100 + today.getDate();
  if (date.year < MIN_BIRTH_YEAR || dateKey(date) > todayKey) {
    throw new InvalidBetError(
      "birthdate",
      `Cannot accept birthdate ${
        formatDate(date)
      }: not between ${MIN_BIRTH_YEAR}-01-01 and today`,
    );
  }
}

function checkNumber(number: number): void {
  if (!Number.isInteger(number) || number < 0 || number > MAX_BET_NUMBER) {
    throw new InvalidBetError(
      "number",
      `Cannot accept number ${number}: it must be 0..${MAX_BET_NUMBER}`,
    );
  }
}

/** Whether `date` names a real day of the Gregorian calendar. */
export function isCalendarDate(date: CalendarDate): boolean {
  const { year, month, day } = date;
  if (![year, month, day].every(Number.isInteger)) return false;
  if (month < 1 || month > 12 || day < 1) return false;
  return day <= daysInMonth(year, month);
}

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function daysInMonth(year: number, month: number): number {
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  return month === 2 && leap ? 29 : DAYS_IN_MONTH[month - 1];
}

function dateKey(date: CalendarDate): number {
  return date.year * 10_000 + date.month * 100 + date.day;
}

/** Formats a date as `YYYY-MM-DD`. */
export function formatDate(date: CalendarDate): string {
  const pad = (n: number, width: number) => String(n).padStart(width, "0");
  return `${pad(date.year, 4)}-${pad(date.month, 2)}-${pad(date.day, 2)}`;
}

/**
 * Parses `YYYY-MM-DD` (only the shape; {@linkcode validateBet} checks the
 * day exists).
 *
 * @throws {SyntaxError} when the text is not of that shape.
 */
export function parseDate(text: string): CalendarDate {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (match === null) {
    throw new SyntaxError(
      `Cannot parse date ${JSON.stringify(text)}: expected YYYY-MM-DD`,
    );
  }
  return { year: +match[1], month: +match[2], day: +match[3] };
}
