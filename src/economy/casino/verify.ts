import type { FairSeed, GameRow } from "../../db/schema.ts";
import { blackjackPayout, type Move, replayHand } from "../../domain/economy/blackjack.ts";
import { seedHash } from "../../domain/economy/fairness.ts";
import { handOf, shoeFor } from "./blackjack.ts";
import { type Choice, INSTANT_GAMES, type InstantGameName } from "./instant-games.ts";

/** A recorded game recomputed from its revealed seed. */
export interface Recomputation {
  /** SHA-256 of the revealed seed equals the hash published before the game. */
  hashMatches: boolean;
  /** The recomputed outcome and payout equal the recorded ones. */
  outcomeMatches: boolean;
  outcome: unknown;
  payout: bigint;
}

/** Stable JSON (sorted keys) so two equal outcomes compare equal. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(",")}]`;
  if (value && typeof value === "object")
    return `{${Object.keys(value)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonical((value as Record<string, unknown>)[k])}`)
      .join(",")}}`;
  return JSON.stringify(value);
}

/**
 * Recomputes a settled game from its seed exactly as docs/fairness.md describes, and compares
 * it with what was recorded (and paid) when it was played.
 */
export async function recomputeGame(game: GameRow, seed: FairSeed): Promise<Recomputation> {
  const hashMatches = (await seedHash(seed.seed)) === seed.seedHash;
  if (game.game === "blackjack") {
    const cards = await shoeFor(seed.seed, game.userId, game.nonce);
    const hand = replayHand(cards, game.moves as Move[]);
    const payout = blackjackPayout(game.bet, hand);
    const recorded = handOf(game).hand;
    return {
      hashMatches,
      outcomeMatches: canonical(hand) === canonical(recorded) && payout === game.payout,
      outcome: hand,
      payout,
    };
  }
  const play = await INSTANT_GAMES[game.game as InstantGameName](
    seed.seed,
    game.userId,
    game.nonce,
    game.choice as Choice,
    game.bet,
  );
  return {
    hashMatches,
    outcomeMatches:
      canonical(play.outcome) === canonical(game.outcome) && play.payout === game.payout,
    outcome: play.outcome,
    payout: play.payout,
  };
}
