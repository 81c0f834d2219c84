import {
  claimDueAuction,
  closeAuction,
  insertAuction,
  lockAuction,
  recordBid,
} from "../../data/economy/auctions.ts";
import type { Transaction } from "../../data/economy/executor.ts";
import { addInventory } from "../../data/economy/inventory.ts";
import { keyUsed, post } from "../../data/economy/ledger.ts";
import type { Auction } from "../../db/schema.ts";
import { escrow, wallet } from "../../domain/economy/accounts.ts";
import { type Currency, formatCoins } from "../../domain/economy/amounts.ts";
import { endAfterBid, minimumBid } from "../../domain/economy/auction.ts";
import type { Transfer } from "../../domain/economy/transfers.ts";
import { UserError } from "../../interactions/index.ts";
import type { Deps } from "../../ports/index.ts";
import { applicationOf } from "../application.ts";
import { type Outcome, ReplayedError, replayedOnThrow } from "../outcome.ts";

/** Opens an auction. No coins move until someone bids. */
export async function createAuction(
  deps: Deps,
  input: {
    guildId: string;
    sellerId: string;
    item: string;
    startingBid: bigint;
    durationSeconds: number;
    key: string;
  },
): Promise<Outcome<{ auction: Auction }>> {
  const now = deps.clock.now();
  const auction = await insertAuction(deps.db, {
    guildId: input.guildId,
    applicationId: applicationOf(deps),
    key: input.key,
    sellerId: input.sellerId,
    item: input.item,
    startingBid: input.startingBid,
    endsAt: new Date(now + input.durationSeconds * 1000),
    state: "open",
    createdAt: new Date(now),
  });
  return auction ? { status: "done", auction } : { status: "replayed" };
}

function closedProblem(auction: Auction, now: number): string | null {
  if (auction.state === "cancelled") return `Auction #${auction.id} was cancelled.`;
  if (auction.state !== "open" || auction.endsAt.getTime() <= now)
    return `Auction #${auction.id} has ended.`;
  return null;
}

/** An accepted bid: the auction after it, whom it outbid, and whether it pushed the end back. */
export interface AcceptedBid {
  auction: Auction;
  outbid: { userId: string; amount: bigint } | null;
  extended: boolean;
  balance: bigint;
}

/**
 * Places a bid: it must beat the current one by 5 % (at least 1 coin) or meet the starting
 * bid. In one transaction the previous high bidder is refunded from the escrow and the new
 * bid moves into it; a bid in the last 30 s extends the end by 30 s.
 */
export async function placeBid(
  deps: Deps,
  input: {
    guildId: string;
    auctionId: number;
    bidderId: string;
    amount: bigint;
    key: string;
    currency: Currency;
  },
): Promise<Outcome<AcceptedBid>> {
  return replayedOnThrow(() =>
    deps.db.transaction(async (tx) => {
      const auction = await lockAuction(tx, input.guildId, input.auctionId);
      if (!auction)
        throw new UserError(`There is no auction #${input.auctionId} here.`, "Unknown auction");
      const now = deps.clock.now();
      const closed = closedProblem(auction, now);
      if (closed) throw new UserError(closed, "Auction closed");
      if (auction.sellerId === input.bidderId)
        throw new UserError("You cannot bid on your own auction.", "Not allowed");
      const least = minimumBid(auction.startingBid, auction.highBid);
      if (input.amount < least) {
        if (await keyUsed(tx, input.guildId, input.key)) throw new ReplayedError();
        throw new UserError(
          `The lowest bid on auction #${auction.id} now is ${formatCoins(least, input.currency)}.`,
          "Bid too low",
        );
      }
      const pot = escrow("auction", auction.id);
      const transfers: Transfer[] = [];
      const outbid =
        auction.highBid !== null && auction.highBidderId !== null
          ? { userId: auction.highBidderId, amount: auction.highBid }
          : null;
      // The refund first: a member raising their own bid needs only the difference.
      if (outbid)
        transfers.push({
          from: pot,
          to: wallet(outbid.userId),
          amount: outbid.amount,
          kind: "bid_refund",
        });
      transfers.push({ from: wallet(input.bidderId), to: pot, amount: input.amount, kind: "bid" });
      const posted = await post(tx, {
        guildId: input.guildId,
        key: input.key,
        actorId: input.bidderId,
        ref: `auction:${auction.id}`,
        transfers,
      });
      if (!posted.applied) throw new ReplayedError();
      const endsAt = endAfterBid(auction.endsAt.getTime(), now);
      const updated = await recordBid(tx, auction, {
        bidderId: input.bidderId,
        amount: input.amount,
        endsAt: new Date(endsAt),
        at: new Date(now),
      });
      return {
        status: "done",
        auction: updated,
        outbid,
        extended: endsAt !== auction.endsAt.getTime(),
        balance: posted.balances.get(wallet(input.bidderId)) ?? 0n,
      } as const;
    }),
  );
}

/** Cancels an auction: only its seller, only while open and without a bid. */
export async function cancelAuction(
  deps: Deps,
  input: { guildId: string; auctionId: number; userId: string },
): Promise<Auction> {
  return deps.db.transaction(async (tx) => {
    const auction = await lockAuction(tx, input.guildId, input.auctionId);
    if (!auction)
      throw new UserError(`There is no auction #${input.auctionId} here.`, "Unknown auction");
    if (auction.sellerId !== input.userId)
      throw new UserError(
        `Only the seller, <@${auction.sellerId}>, can cancel this auction.`,
        "Not allowed",
      );
    const closed = closedProblem(auction, deps.clock.now());
    if (closed) throw new UserError(closed, "Auction closed");
    if (auction.bidCount > 0)
      throw new UserError("Someone has bid already: the auction runs to its end.", "Not allowed");
    return closeAuction(tx, auction.id, "cancelled", new Date(deps.clock.now()));
  });
}

/**
 * Settles an ended auction whose row the caller holds locked: the escrow goes to the seller
 * under `auction:<id>:settle` and the item into the winner's inventory; without a bid it
 * simply closes.
 */
async function settleLocked(tx: Transaction, auction: Auction, now: Date): Promise<Auction> {
  if (auction.highBid !== null && auction.highBidderId !== null) {
    const posted = await post(tx, {
      guildId: auction.guildId,
      key: `auction:${auction.id}:settle`,
      actorId: null,
      ref: `auction:${auction.id}`,
      transfers: [
        {
          from: escrow("auction", auction.id),
          to: wallet(auction.sellerId),
          amount: auction.highBid,
          kind: "sale",
          memo: auction.item,
        },
      ],
    });
    if (!posted.applied) throw new Error(`auction ${auction.id} was paid out before`);
    await addInventory(tx, {
      guildId: auction.guildId,
      userId: auction.highBidderId,
      name: auction.item,
      kind: "auction",
      price: auction.highBid,
      state: "owned",
      key: `auction:${auction.id}`,
      note: `Won at auction #${auction.id}`,
      createdAt: now,
    });
  }
  return closeAuction(tx, auction.id, "settled", now);
}

/**
 * Settles one ended auction (of one guild, or any), claimed with `SKIP LOCKED`: one being bid
 * on or settled elsewhere right now is skipped. Null when none was due and free.
 */
export async function settleNextDueAuction(
  deps: Deps,
  now: Date,
  guildId?: string,
): Promise<Auction | null> {
  return deps.db.transaction(async (tx) => {
    const auction = await claimDueAuction(tx, { now, applicationId: applicationOf(deps), guildId });
    return auction ? settleLocked(tx, auction, now) : null;
  });
}
