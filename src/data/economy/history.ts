import { and, count, desc, eq } from "drizzle-orm";
import { economyEntries, economyTransfers } from "../../db/schema.ts";
import type { Account } from "../../domain/economy/accounts.ts";
import type { Executor } from "./executor.ts";

/** One line of an account's history. */
export interface HistoryLine {
  transferId: number;
  delta: bigint;
  kind: string;
  /** The account on the other side. */
  counterparty: string;
  memo: string | null;
  ref: string | null;
  at: Date;
}

/** An account's ledger entries, newest first, with what each transfer was. */
export async function accountHistory(
  db: Executor,
  guildId: string,
  account: Account,
  page: { offset: number; limit: number },
): Promise<{ rows: HistoryLine[]; total: number }> {
  const mine = and(eq(economyEntries.guildId, guildId), eq(economyEntries.account, account));
  const [rows, [total]] = await Promise.all([
    db
      .select({
        transferId: economyTransfers.id,
        delta: economyEntries.delta,
        kind: economyTransfers.kind,
        from: economyTransfers.fromAccount,
        to: economyTransfers.toAccount,
        memo: economyTransfers.memo,
        ref: economyTransfers.ref,
        at: economyTransfers.createdAt,
      })
      .from(economyEntries)
      .innerJoin(economyTransfers, eq(economyTransfers.id, economyEntries.transferId))
      .where(mine)
      .orderBy(desc(economyEntries.id))
      .offset(page.offset)
      .limit(page.limit),
    db.select({ n: count() }).from(economyEntries).where(mine),
  ]);
  return {
    rows: rows.map((r) => ({
      transferId: r.transferId,
      delta: r.delta,
      kind: r.kind,
      counterparty: r.delta < 0n ? r.to : r.from,
      memo: r.memo,
      ref: r.ref,
      at: r.at,
    })),
    total: total?.n ?? 0,
  };
}
