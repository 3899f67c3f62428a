/**
 * The draw: which stored bets won, grouped by the agency that took them.
 *
 * @module
 */
import type { Bet } from "./bet.ts";
import { hasWon } from "./bet_storage.ts";

/** Winning documents by agency, in storage order. */
export type WinnersByAgency = ReadonlyMap<number, readonly string[]>;

/**
 * Reads every bet once and keeps the documents of the winners, per agency.
 *
 * @example
 * ```ts ignore
 * const winners = await drawWinners(loadBets(path));
 * winners.get(3) ?? [];
 * ```
 */
export async function drawWinners(
  bets: AsyncIterable<Bet>,
): Promise<WinnersByAgency> {
  const winners = new Map<number, string[]>();
  for await (const bet of bets) {
    if (!hasWon(bet)) continue;
    const documents = winners.get(bet.agency) ?? [];
    documents.push(bet.document);
    winners.set(bet.agency, documents);
  }
  return winners;
}
