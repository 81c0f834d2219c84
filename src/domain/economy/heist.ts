/** How long a heist takes new members. */
export const HEIST_WINDOW_MS = 60_000;
/** A crew smaller than this does not go: everyone gets their stake back. */
export const MIN_CREW = 2;
/** The success roll is a uniform integer below this. */
export const ROLL_RANGE = 10_000;

/**
 * The chance a crew of `crew` succeeds, in basis points (1/10,000):
 * p(n) = min(0.75, 0.30 + 0.05 × n) — 40 % for two, 75 % from nine members on.
 */
export function successChance(crew: number): number {
  return Math.min(7500, 3000 + 500 * crew);
}

/** How a heist ended. */
export type HeistResult =
  | { kind: "refunded"; crew: number }
  | { kind: "success" | "failure"; crew: number; roll: number; chance: number };

/** Decides a due heist from its crew size and a roll below {@link ROLL_RANGE}. */
export function decideHeist(crew: number, roll: number): HeistResult {
  if (crew < MIN_CREW) return { kind: "refunded", crew };
  const chance = successChance(crew);
  return { kind: roll < chance ? "success" : "failure", crew, roll, chance };
}

/** What each member gets back from the escrow and the house. */
export function memberReturn(
  result: HeistResult,
  stake: bigint,
): { escrow: bigint; house: bigint } {
  switch (result.kind) {
    case "refunded":
      return { escrow: stake, house: 0n };
    case "success":
      return { escrow: stake, house: stake };
    case "failure":
      return { escrow: 0n, house: 0n };
  }
}
