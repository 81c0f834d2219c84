import type { Account } from "./accounts.ts";

/** Why coins moved; shown in `/transactions`. */
export type TransferKind =
  | "pay"
  | "daily"
  | "work"
  | "grant"
  | "take"
  | "bet"
  | "payout"
  | "purchase"
  | "refund"
  | "heist_stake"
  | "heist_return"
  | "heist_win"
  | "heist_loss"
  | "bid"
  | "bid_refund"
  | "sale";

/** One movement between two accounts. */
export interface Transfer {
  from: Account;
  to: Account;
  amount: bigint;
  kind: TransferKind;
  memo?: string | null;
}

/**
 * The transfers of one operation, applied together or not at all. `key` is the operation's
 * idempotency key (an interaction id, or a press id plus the action): a second posting with
 * the same key in the guild changes nothing.
 */
export interface Posting {
  guildId: string;
  key: string;
  actorId: string | null;
  /** What the operation belongs to: `game:12`, `heist:3`, `auction:9`, `item:4`. */
  ref?: string | null;
  transfers: readonly Transfer[];
}

const LABELS: Record<TransferKind, string> = {
  pay: "Payment",
  daily: "Daily reward",
  work: "Work",
  grant: "Granted by staff",
  take: "Taken by staff",
  bet: "Bet",
  payout: "Winnings",
  purchase: "Shop purchase",
  refund: "Refund",
  heist_stake: "Heist stake",
  heist_return: "Heist stake back",
  heist_win: "Heist winnings",
  heist_loss: "Heist lost",
  bid: "Auction bid",
  bid_refund: "Outbid: bid returned",
  sale: "Auction sale",
};

/** How a transfer kind reads in a history list. */
export function transferLabel(kind: string): string {
  return LABELS[kind as TransferKind] ?? kind;
}

/** The first account a posting would take below zero, applying its transfers in order. */
export interface Overdraft {
  account: Account;
  balance: bigint;
  needed: bigint;
}

/**
 * Applies `transfers` in order to `balances` (0 for an account not listed) and returns the
 * final balances, or the first overdraft: only accounts for which `mayGoNegative` holds may
 * dip below zero, at any step. (A stake and its payout in one posting must still be covered
 * by the wallet before the payout arrives.)
 */
export function applyInOrder(
  balances: ReadonlyMap<string, bigint>,
  transfers: readonly Transfer[],
  mayGoNegative: (account: string) => boolean,
): { ok: true; balances: Map<Account, bigint> } | { ok: false; overdraft: Overdraft } {
  const next = new Map<Account, bigint>();
  const get = (account: Account) => next.get(account) ?? balances.get(account) ?? 0n;
  for (const t of transfers) {
    if (t.amount <= 0n) throw new Error(`transfer amount must be positive, got ${t.amount}`);
    if (t.from === t.to) throw new Error(`transfer from ${t.from} to itself`);
    const from = get(t.from);
    if (from < t.amount && !mayGoNegative(t.from))
      return { ok: false, overdraft: { account: t.from, balance: from, needed: t.amount } };
    next.set(t.from, from - t.amount);
    next.set(t.to, get(t.to) + t.amount);
  }
  return { ok: true, balances: next };
}

/**
 * The accounts a posting touches, sorted: every transaction locks accounts in this order, so
 * two transactions never wait for each other in a cycle.
 */
export function accountsOf(transfers: readonly Transfer[]): Account[] {
  const accounts = new Set<Account>();
  for (const t of transfers) accounts.add(t.from).add(t.to);
  return [...accounts].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}
