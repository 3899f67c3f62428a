/**
 * Realistic bets for the benchmarks, from a seeded generator so every run
 * of a benchmark works on the same bytes.
 *
 * @module
 */
import type { Bet } from "../lib/domain/bet.ts";
import { formatDate } from "../lib/domain/bet.ts";
import { LOTTERY_WINNER_NUMBER } from "../lib/domain/bet_storage.ts";

const FIRST_NAMES = [
  "Nicolas Andres",
  "Maria Antonella",
  "Juan",
  "Sofía",
  "Martín Ezequiel",
  "Lucía",
  "Santiago",
  "Valentina Belén",
  "Agustín",
  "Camila",
  "Matías Nahuel",
  "Florencia",
];

const LAST_NAMES = [
  "Huarte",
  "Leiva",
  "González",
  "Rodríguez",
  "Fernández",
  "López",
  "Martínez",
  "Pérez",
  "Gómez",
  "Díaz",
  "Sánchez",
  "Romero",
];

/**
 * A small, fast, seeded pseudo-random generator (mulberry32). Not for
 * anything but reproducible test data.
 */
export class SeededRandom {
  #state: number;

  /** Starts the sequence at `seed`. */
  constructor(seed: number) {
    this.#state = seed >>> 0;
  }

  /** The next value in `[0, 1)`. */
  next(): number {
    this.#state = (this.#state + 0x6d2b79f5) >>> 0;
    let t = this.#state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  }

  /** A whole number in `[0, bound)`. */
  below(bound: number): number {
    return Math.floor(this.next() * bound);
  }

  /** One element of `items`. */
  pick<T>(items: readonly T[]): T {
    return items[this.below(items.length)];
  }
}

/**
 * Odds that a generated bet plays the winning number: a few winners per
 * agency of 100,000 bets, as in the course's dataset.
 */
const WINNER_ODDS = 1 / 10_000;

/** A plausible bet of `agency`; about one in 10,000 plays 7574. */
export function makeBet(random: SeededRandom, agency: number): Bet {
  const wins = random.next() < WINNER_ODDS;
  let number = random.below(10_000);
  if (!wins && number === LOTTERY_WINNER_NUMBER) number = 0;

  return {
    agency,
    firstName: random.pick(FIRST_NAMES),
    lastName: random.pick(LAST_NAMES),
    document: String(20_000_000 + random.below(25_000_000)),
    birthdate: {
      year: 1940 + random.below(65),
      month: 1 + random.below(12),
      day: 1 + random.below(28),
    },
    number: wins ? LOTTERY_WINNER_NUMBER : number,
  };
}

/** `count` bets of `agency`, from `seed`. */
export function makeBets(seed: number, agency: number, count: number): Bet[] {
  const random = new SeededRandom(seed);
  return Array.from({ length: count }, () => makeBet(random, agency));
}

/**
 * The bet as a line of an agency file (`agency-N.csv`): no agency column,
 * CRLF like the course's dataset. The generated names need no quoting.
 */
export function agencyFileLine(bet: Bet): string {
  const birthdate = formatDate(bet.birthdate);
  return `${bet.firstName},${bet.lastName},${bet.document},${birthdate},${bet.number}\r\n`;
}
