import { type Currency, MAX_AMOUNT } from "./amounts.ts";

/** A guild's economy settings. */
export interface EconomySettings {
  currency: Currency;
  dailyAmount: bigint;
  minBet: bigint;
  maxBet: bigint;
  workMin: bigint;
  workMax: bigint;
}

/** What a guild gets until an admin runs `/economy config`. */
export const DEFAULT_SETTINGS: EconomySettings = {
  currency: { name: "coins", emoji: "🪙" },
  dailyAmount: 250n,
  minBet: 10n,
  maxBet: 100_000n,
  workMin: 50n,
  workMax: 200n,
};

/** Longest currency name and emoji text accepted (a custom emoji is `<:name:id>`). */
export const CURRENCY_NAME_MAX = 32;
export const CURRENCY_EMOJI_MAX = 64;

/** Settings an admin asked to change; absent fields stay as they are. */
export type SettingsChange = Partial<
  Omit<EconomySettings, "currency"> & { currencyName: string; currencyEmoji: string }
>;

/** Applies a change; returns the new settings or what is wrong with them. */
export function applySettingsChange(
  current: EconomySettings,
  change: SettingsChange,
): { ok: true; settings: EconomySettings } | { ok: false; problem: string } {
  const name = change.currencyName?.trim() ?? current.currency.name;
  const emoji = change.currencyEmoji?.trim() ?? current.currency.emoji;
  const next: EconomySettings = {
    currency: { name, emoji },
    dailyAmount: change.dailyAmount ?? current.dailyAmount,
    minBet: change.minBet ?? current.minBet,
    maxBet: change.maxBet ?? current.maxBet,
    workMin: change.workMin ?? current.workMin,
    workMax: change.workMax ?? current.workMax,
  };
  if (!name || name.length > CURRENCY_NAME_MAX)
    return {
      ok: false,
      problem: `The currency name must be 1 to ${CURRENCY_NAME_MAX} characters.`,
    };
  if (!emoji || emoji.length > CURRENCY_EMOJI_MAX || /\s/.test(emoji))
    return { ok: false, problem: "The currency emoji must be one emoji (or a custom emoji)." };
  if (/[@`*_~|]/.test(name))
    return { ok: false, problem: "The currency name may not contain @ or formatting characters." };
  for (const [label, value] of [
    ["daily amount", next.dailyAmount],
    ["minimum bet", next.minBet],
    ["maximum bet", next.maxBet],
    ["minimum work pay", next.workMin],
    ["maximum work pay", next.workMax],
  ] as const) {
    if (value < 1n || value > MAX_AMOUNT)
      return { ok: false, problem: `The ${label} must be between 1 and ${MAX_AMOUNT}.` };
  }
  if (next.minBet > next.maxBet)
    return { ok: false, problem: "The minimum bet may not be above the maximum bet." };
  if (next.workMin > next.workMax)
    return { ok: false, problem: "The minimum work pay may not be above the maximum." };
  return { ok: true, settings: next };
}
