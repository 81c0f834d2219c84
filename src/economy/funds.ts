import { walletOwner } from "../domain/economy/accounts.ts";
import { type Currency, formatCoins } from "../domain/economy/amounts.ts";
import { InsufficientFundsError } from "../domain/economy/errors.ts";
import { UserError } from "../interactions/index.ts";

/**
 * Runs money-moving work; a transfer that would overdraw a wallet becomes a clear message
 * for the member (the transaction has already rolled back: nothing changed).
 */
export async function withFunds<T>(
  currency: Currency,
  actorId: string,
  work: () => Promise<T>,
): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (!(error instanceof InsufficientFundsError)) throw error;
    const owner = walletOwner(error.account);
    const has = formatCoins(error.balance, currency);
    const needs = formatCoins(error.needed, currency);
    if (owner === actorId)
      throw new UserError(`You have ${has}; this needs ${needs}.`, "Not enough coins");
    if (owner)
      throw new UserError(`<@${owner}> has only ${has}; this needs ${needs}.`, "Not enough coins");
    throw new UserError("That account cannot cover this right now.", "Not enough coins");
  }
}
