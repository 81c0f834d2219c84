/** A bid must beat the current one by this many percent (at least one coin). */
export const MIN_RAISE_PERCENT = 5n;
/** A bid this close to the end pushes the end back by {@link SNIPE_EXTENSION_MS}. */
export const SNIPE_WINDOW_MS = 30_000;
export const SNIPE_EXTENSION_MS = 30_000;
/** How long an auction may run. */
export const AUCTION_MIN_SECONDS = 60;
export const AUCTION_MAX_SECONDS = 7 * 86_400;
/** The longest item description. */
export const ITEM_MAX = 100;

/** The least the next bid may be: the starting bid, or the current bid plus 5 % (≥ 1). */
export function minimumBid(startingBid: bigint, highBid: bigint | null): bigint {
  if (highBid === null) return startingBid;
  const raise = (highBid * MIN_RAISE_PERCENT + 99n) / 100n;
  return highBid + (raise < 1n ? 1n : raise);
}

/** The end after a bid at `now`: a bid in the last 30 s extends it by 30 s. */
export function endAfterBid(endsAt: number, now: number): number {
  return endsAt - now < SNIPE_WINDOW_MS ? endsAt + SNIPE_EXTENSION_MS : endsAt;
}

/** Why a duration (in seconds) is not allowed, or null. */
export function durationProblem(seconds: number): string | null {
  if (seconds < AUCTION_MIN_SECONDS) return "An auction runs for at least 1 minute.";
  if (seconds > AUCTION_MAX_SECONDS) return "An auction runs for at most 7 days.";
  return null;
}
