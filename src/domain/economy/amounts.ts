/** The largest amount any command accepts: 10^12 coins. */
export const MAX_AMOUNT = 1_000_000_000_000n;

/** How a guild names its coins. */
export interface Currency {
  name: string;
  emoji: string;
}

/** An amount as typed, checked: a positive whole number of coins up to {@link MAX_AMOUNT}. */
export type AmountCheck = { ok: true; amount: bigint } | { ok: false; problem: string };

/**
 * Checks a user-supplied amount. Discord sends integer options as JSON numbers; a forged
 * request may send anything, so every shape is checked here.
 */
export function checkAmount(value: unknown, what = "The amount"): AmountCheck {
  if (typeof value === "bigint") return bounded(value, what);
  if (typeof value === "string" && /^-?\d+$/.test(value.trim()))
    return bounded(BigInt(value.trim()), what);
  if (typeof value !== "number" || !Number.isFinite(value))
    return { ok: false, problem: `${what} must be a whole number.` };
  if (!Number.isInteger(value)) return { ok: false, problem: `${what} must be a whole number.` };
  if (!Number.isSafeInteger(value)) return { ok: false, problem: tooLarge(what) };
  return bounded(BigInt(value), what);
}

function bounded(amount: bigint, what: string): AmountCheck {
  if (amount <= 0n) return { ok: false, problem: `${what} must be at least 1.` };
  if (amount > MAX_AMOUNT) return { ok: false, problem: tooLarge(what) };
  return { ok: true, amount };
}

function tooLarge(what: string): string {
  return `${what} may be at most ${MAX_AMOUNT.toLocaleString("en-US")}.`;
}

/** "🪙 1,250 coins": every amount a member sees carries the guild's currency. */
export function formatCoins(amount: bigint, currency: Currency): string {
  return `${currency.emoji} **${amount.toLocaleString("en-US")}** ${currency.name}`;
}

/** `amount × numerator / denominator`, rounded down: payouts never round in the player's favour. */
export function scale(amount: bigint, numerator: bigint, denominator: bigint): bigint {
  return (amount * numerator) / denominator;
}
