import {
  COINFLIP_RANGE,
  coinflipPayout,
  flipResult,
  type Side,
} from "../../domain/economy/coinflip.ts";
import { drawOne, drawRounds } from "../../domain/economy/fairness.ts";
import {
  POCKETS,
  parseRouletteBet,
  pocketColor,
  rouletteMultiplier,
} from "../../domain/economy/roulette.ts";
import { REEL_STRIP, reelSymbols, slotsMultiplier } from "../../domain/economy/slots.ts";

/** The games decided in one draw: no moves, settled when they start. */
export type InstantGameName = "coinflip" | "slots" | "roulette";

/** What the player chose, as stored on the game: `{ call }` or `{ bet }`. */
export type Choice = Record<string, string>;

/** An instant game's result: what happened (stored and shown) and what it returns. */
export interface InstantPlay {
  outcome: Record<string, unknown>;
  payout: bigint;
}

type Play = (
  seed: string,
  userId: string,
  nonce: number,
  choice: Choice,
  bet: bigint,
) => Promise<InstantPlay>;

/**
 * How each instant game turns its seed, member and nonce into an outcome (docs/fairness.md
 * spells out the same mappings; scripts/verify-game.mjs recomputes them independently).
 */
export const INSTANT_GAMES: Record<InstantGameName, Play> = {
  async coinflip(seed, userId, nonce, choice, bet) {
    const value = await drawOne(seed, userId, nonce, COINFLIP_RANGE);
    const result = flipResult(value);
    const call = choice.call as Side;
    return { outcome: { value, result }, payout: coinflipPayout(bet, call, result) };
  },
  async slots(seed, userId, nonce, _choice, bet) {
    const values = await drawRounds(seed, userId, nonce, 3, REEL_STRIP.length);
    const symbols = reelSymbols(values);
    const multiplier = slotsMultiplier(symbols);
    return {
      outcome: { values, symbols, multiplier: Number(multiplier) },
      payout: bet * multiplier,
    };
  },
  async roulette(seed, userId, nonce, choice, bet) {
    const pocket = await drawOne(seed, userId, nonce, POCKETS);
    const parsed = parseRouletteBet(choice.bet ?? "");
    if (!parsed) throw new Error(`stored roulette bet ${choice.bet} does not parse`);
    const multiplier = rouletteMultiplier(parsed, pocket);
    return {
      outcome: { pocket, color: pocketColor(pocket), multiplier: Number(multiplier) },
      payout: bet * multiplier,
    };
  },
};
