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
