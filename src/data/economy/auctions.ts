import { and, asc, count, desc, eq, gt, lte } from "drizzle-orm";
import { type Auction, economyAuctionBids, economyAuctions } from "../../db/schema.ts";
import type { Executor, Transaction } from "./executor.ts";

/** An auction to open. */
export type NewAuction = typeof economyAuctions.$inferInsert;

/** Opens an auction; null when its key was used before (the same interaction again). */
export async function insertAuction(db: Executor, auction: NewAuction): Promise<Auction | null> {
  const [row] = await db.insert(economyAuctions).values(auction).onConflictDoNothing().returning();
  return row ?? null;
}

/** An auction of the guild, locked until the transaction ends: bids on it take turns. */
export async function lockAuction(
  tx: Transaction,
  guildId: string,
  id: number,
): Promise<Auction | null> {
  const [row] = await tx
    .select()
    .from(economyAuctions)
    .where(and(eq(economyAuctions.guildId, guildId), eq(economyAuctions.id, id)))
    .for("update");
  return row ?? null;
}

/** An auction of the guild. */
export async function findAuction(
  db: Executor,
  guildId: string,
  id: number,
): Promise<Auction | null> {
  const [row] = await db
    .select()
    .from(economyAuctions)
    .where(and(eq(economyAuctions.guildId, guildId), eq(economyAuctions.id, id)));
  return row ?? null;
}

/** Records an accepted bid: the new high bid, the bid log, and the (maybe extended) end. */
export async function recordBid(
  tx: Transaction,
  auction: Auction,
  bid: { bidderId: string; amount: bigint; endsAt: Date; at: Date },
): Promise<Auction> {
  await tx.insert(economyAuctionBids).values({
    auctionId: auction.id,
    bidderId: bid.bidderId,
    amount: bid.amount,
    createdAt: bid.at,
  });
  const [row] = await tx
    .update(economyAuctions)
    .set({
      highBid: bid.amount,
      highBidderId: bid.bidderId,
      bidCount: auction.bidCount + 1,
      endsAt: bid.endsAt,
    })
    .where(eq(economyAuctions.id, auction.id))
    .returning();
  if (!row) throw new Error(`auction ${auction.id} vanished`);
  return row;
}

/**
 * One open auction past its end (of one guild, or all), locked; rows another settler (or a
 * bid) holds are skipped, so two settlers never take the same auction.
 */
export async function claimDueAuction(
  tx: Transaction,
  input: { now: Date; applicationId: string; guildId?: string },
): Promise<Auction | null> {
  const [row] = await tx
    .select()
    .from(economyAuctions)
    .where(
      and(
        eq(economyAuctions.state, "open"),
        eq(economyAuctions.applicationId, input.applicationId),
        lte(economyAuctions.endsAt, input.now),
        input.guildId ? eq(economyAuctions.guildId, input.guildId) : undefined,
      ),
    )
    .orderBy(economyAuctions.endsAt)
    .limit(1)
    .for("update", { skipLocked: true });
  return row ?? null;
}

/** Ends an open auction (`settled` or `cancelled`): the transition that makes it final. */
export async function closeAuction(
  tx: Transaction,
  id: number,
  state: "settled" | "cancelled",
  at: Date,
): Promise<Auction> {
  const [row] = await tx
    .update(economyAuctions)
    .set({ state, settledAt: at })
    .where(and(eq(economyAuctions.id, id), eq(economyAuctions.state, "open")))
    .returning();
  if (!row) throw new Error(`auction ${id} was not open`);
  return row;
}

/** Open auctions of a guild, ending soonest first, and how many. */
export async function openAuctions(
  db: Executor,
  guildId: string,
  now: Date,
  page: { offset: number; limit: number },
): Promise<{ rows: Auction[]; total: number }> {
  const open = and(
    eq(economyAuctions.guildId, guildId),
    eq(economyAuctions.state, "open"),
    gt(economyAuctions.endsAt, now),
  );
  const [rows, [total]] = await Promise.all([
    db
      .select()
      .from(economyAuctions)
      .where(open)
      .orderBy(asc(economyAuctions.endsAt), asc(economyAuctions.id))
      .offset(page.offset)
      .limit(page.limit),
    db.select({ n: count() }).from(economyAuctions).where(open),
  ]);
  return { rows, total: total?.n ?? 0 };
}

/** The latest bids of an auction, newest first. */
export async function latestBids(
  db: Executor,
  auctionId: number,
  limit: number,
): Promise<{ bidderId: string; amount: bigint; at: Date }[]> {
  const rows = await db
    .select()
    .from(economyAuctionBids)
    .where(eq(economyAuctionBids.auctionId, auctionId))
    .orderBy(desc(economyAuctionBids.id))
    .limit(limit);
  return rows.map((r) => ({ bidderId: r.bidderId, amount: r.amount, at: r.createdAt }));
}

/** Where the auction's message is. */
export async function setAuctionMessage(
  db: Executor,
  id: number,
  message: { channelId: string; messageId: string },
): Promise<void> {
  await db.update(economyAuctions).set(message).where(eq(economyAuctions.id, id));
}
