import type { Currency } from "./amounts.ts";

/** How an account reads in a message: a mention for a wallet, a name for the rest. */
export function accountLabel(account: string): string {
  if (account.startsWith("user:")) return `<@${account.slice(5)}>`;
  if (account === "mint") return "the server";
  if (account === "house") return "the house";
  const escrow = /^escrow:(heist|auction):(\d+)$/.exec(account);
  if (escrow) return `${escrow[1]} #${escrow[2]}`;
  return account;
}

/** "+🪙 120" or "−🪙 40": a change in a history line. */
export function signedCoins(delta: bigint, currency: Currency): string {
  const sign = delta < 0n ? "−" : "+";
  const size = delta < 0n ? -delta : delta;
  return `${sign}${currency.emoji} ${size.toLocaleString("en-US")}`;
}
