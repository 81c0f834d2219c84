import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import {
  type BlackjackHand,
  blackjackPayout,
  type Card,
  dealerDraws,
  handValue,
  isBlackjack,
} from "../../src/domain/economy/blackjack.ts";
import { COINFLIP_RANGE, coinflipPayout, flipResult } from "../../src/domain/economy/coinflip.ts";
import {
  POCKETS,
  parseRouletteBet,
  rouletteMultiplier,
} from "../../src/domain/economy/roulette.ts";
import { REEL_STRIP, reelSymbols, slotsMultiplier } from "../../src/domain/economy/slots.ts";

/** The house edges docs/fairness.md promises, by section ("Coinflip" → 2.0). */
function documentedEdges(): Record<string, number> {
  const doc = readFileSync(new URL("../../docs/fairness.md", import.meta.url), "utf8");
  const edges: Record<string, number> = {};
  let section = "";
  for (const line of doc.split("\n")) {
    const heading = /^## (\w+)/.exec(line);
    if (heading) section = heading[1]?.toLowerCase() ?? "";
    const edge = /^House edge: \*\*([\d.]+) %\*\*/.exec(line);
    if (edge) edges[section] = Number(edge[1]);
  }
  return edges;
}

const edges = documentedEdges();
/** The edge in percent with four decimals, as the doc writes it. */
const percent = (edge: number) => Number((edge * 100).toFixed(4));

describe("house edges, by exact enumeration of every outcome", () => {
  it("states an edge for each of the four games", () => {
    expect(Object.keys(edges).sort()).toEqual(["blackjack", "coinflip", "roulette", "slots"]);
  });

  it("coinflip: 100 equally likely values, either call", () => {
    for (const call of ["heads", "tails"] as const) {
      let returned = 0n;
      for (let v = 0; v < COINFLIP_RANGE; v++)
        returned += coinflipPayout(100n, call, flipResult(v));
      const rtp = Number(returned) / (100 * COINFLIP_RANGE);
      expect(percent(1 - rtp)).toBe(edges.coinflip);
    }
  });

  it("slots: all 20³ reel stops", () => {
    const stops = REEL_STRIP.length;
    let returned = 0n;
    for (let a = 0; a < stops; a++)
      for (let b = 0; b < stops; b++)
        for (let c = 0; c < stops; c++) returned += slotsMultiplier(reelSymbols([a, b, c]));
    expect(returned).toBe(7685n);
    expect(percent(1 - Number(returned) / stops ** 3)).toBe(edges.slots);
  });

  it("roulette: 37 pockets, every kind of bet", () => {
    for (const text of ["red", "black", "odd", "even", "low", "high", "0", "17", "36"]) {
      const bet = parseRouletteBet(text);
      if (!bet) throw new Error(text);
      let returned = 0n;
      for (let pocket = 0; pocket < POCKETS; pocket++) returned += rouletteMultiplier(bet, pocket);
      expect(percent(1 - Number(returned) / POCKETS)).toBe(edges.roulette);
    }
  });

  it("blackjack: every card sequence of the infinite deck, with the best play at each step", {
    timeout: 60_000,
  }, () => {
    // Card c stands for its rank (suit changes nothing): 13 ranks, each 1/13.
    const ranks: Card[] = Array.from({ length: 13 }, (_, rank) => rank);
    const BET = 2n; // even: 3:2 on blackjack is exact
    const done = (player: Card[], dealer: Card[], doubled: boolean): BlackjackHand => ({
      player,
      dealer,
      next: 0,
      doubled,
      phase: "done",
    });
    /** What the player gains (negative: loses) on a finished hand, in initial bets. */
    const netOf = (hand: BlackjackHand) =>
      Number(blackjackPayout(BET, hand)) / Number(BET) - (hand.doubled ? 2 : 1);

    // The dealer's finished hands from a starting hand, one per final total, with probabilities.
    const dealerMemo = new Map<string, Map<number, [Card[], number]>>();
    const dealerFinals = (dealer: Card[]): Map<number, [Card[], number]> => {
      const { total, soft } = handValue(dealer);
      const key = `${total}:${soft}:${dealer.length}`;
      const cached = dealerMemo.get(key);
      if (cached) return cached;
      const finals = new Map<number, [Card[], number]>();
      if (!dealerDraws(dealer)) finals.set(Math.min(total, 22), [dealer, 1]);
      else
        for (const c of ranks)
          for (const [final, [hand, p]] of dealerFinals([...dealer, c])) {
            const seen = finals.get(final);
            finals.set(final, [seen?.[0] ?? hand, (seen?.[1] ?? 0) + p / 13]);
          }
      dealerMemo.set(key, finals);
      return finals;
    };
    /** Expected gain of standing with `player`, given the hole card is one of `holes`. */
    const standMemo = new Map<string, number>();
    const standing = (player: Card[], doubled: boolean, up: Card, holes: Card[]) => {
      if (handValue(player).total > 21) return netOf(done(player, [up, holes[0] as Card], doubled));
      const { total, soft } = handValue(player);
      const key = `${total}:${soft}:${doubled}:${player.length === 2}:${up}`;
      const cached = standMemo.get(key);
      if (cached !== undefined) return cached;
      let sum = 0;
      for (const hole of holes)
        for (const [dealer, p] of dealerFinals([up, hole]).values())
          sum += (p / holes.length) * netOf(done(player, dealer, doubled));
      standMemo.set(key, sum);
      return sum;
    };
    const playMemo = new Map<string, number>();
    /** Expected gain of the best play from `player` on: stand, or hit and play on. */
    const best = (player: Card[], up: Card, holes: Card[]): number => {
      const { total, soft } = handValue(player);
      if (total > 21) return -1;
      const key = `${total}:${soft}`;
      const cached = playMemo.get(key);
      if (cached !== undefined) return cached;
      const stand = standing(player, false, up, holes);
      // Reaching 21 stands at once, as the game does.
      const hit =
        total >= 21
          ? stand
          : ranks.reduce((sum, c) => sum + best([...player, c], up, holes) / 13, 0);
      const value = Math.max(stand, hit);
      playMemo.set(key, value);
      return value;
    };

    let expected = 0;
    for (const up of ranks) {
      // The dealer peeks: after a peek without blackjack, the hole card is any of these.
      const holes = ranks.filter((hole) => !isBlackjack([up, hole]));
      playMemo.clear();
      for (const a of ranks)
        for (const b of ranks)
          for (const hole of ranks) {
            const player = [a, b];
            const p = 1 / 13 ** 4;
            if (isBlackjack(player) || isBlackjack([up, hole])) {
              expected += p * netOf(done(player, [up, hole], false));
              continue;
            }
            // The hole card is unknown to the player: decide on the up card alone.
            const double = ranks.reduce(
              (sum, c) => sum + standing([a, b, c], true, up, holes) / 13,
              0,
            );
            expected += p * Math.max(best(player, up, holes), double);
          }
    }
    const edge = -expected;
    expect(percent(edge)).toBe(edges.blackjack);
  });
});
