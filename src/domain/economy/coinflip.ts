/** A side of the coin. */
export type Side = "heads" | "tails";

/** A flip reads its value as a number below 100. */
export const COINFLIP_RANGE = 100;

/**
 * 0–48 heads, 49–97 tails, 98–99 the coin lands on its edge (nobody's side): a correct call
 * pays 2× the bet, so the house edge is exactly 2 %.
 */
export function flipResult(value: number): Side | "edge" {
  if (value < 49) return "heads";
  if (value < 98) return "tails";
  return "edge";
}

/** What a coinflip returns for `bet` (stake included): 2× on a correct call, else nothing. */
export function coinflipPayout(bet: bigint, call: Side, result: Side | "edge"): bigint {
  return call === result ? bet * 2n : 0n;
}

export function isSide(value: string): value is Side {
  return value === "heads" || value === "tails";
}
