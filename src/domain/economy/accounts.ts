/** A ledger account of a guild: a member's wallet or one of the guild's system accounts. */
export type Account = `user:${string}` | "mint" | "house" | `escrow:${EscrowKind}:${number}`;

/** What an escrow account holds coins for. */
export type EscrowKind = "heist" | "auction";

/** New coins come from `mint` (daily, work, grants); spent coins return to it. */
export const MINT = "mint" satisfies Account;
/** The other side of every game and heist payout. */
export const HOUSE = "house" satisfies Account;

/** A member's wallet. */
export function wallet(userId: string): Account {
  return `user:${userId}`;
}

/** The account holding a heist's stakes or an auction's high bid. */
export function escrow(kind: EscrowKind, id: number): Account {
  return `escrow:${kind}:${id}`;
}

/** The member a wallet belongs to, or null for a system account. */
export function walletOwner(account: string): string | null {
  return account.startsWith("user:") ? account.slice(5) : null;
}

/**
 * Only `mint` and `house` may go below zero (a CHECK constraint says the same): together
 * they mirror every coin held by members and escrows, so a guild's accounts sum to zero.
 */
export function mayGoNegative(account: string): boolean {
  return account === MINT || account === HOUSE;
}
