import { and, count, eq, ne, notInArray, sql, sum } from "drizzle-orm";
import type { AnyPgColumn } from "drizzle-orm/pg-core";
import { economyAccounts, economyEntries, economyTransfers } from "../../db/schema.ts";
import type { Executor } from "./executor.ts";

/** What the ledger check found: counts, and one line per broken rule (none when sound). */
export interface LedgerAudit {
  accounts: number;
  transfers: number;
  entries: number;
  problems: string[];
}

const bigintOf = (value: unknown): bigint => BigInt(String(value ?? 0));

/**
 * Checks the ledger's rules (of one guild, or all): each guild's accounts sum to zero; each
 * account's balance equals the sum of its entries; no wallet or escrow is below zero; each
 * transfer has exactly its two entries, −amount and +amount.
 */
export async function auditLedger(db: Executor, guildId?: string): Promise<LedgerAudit> {
  const inGuild = (column: AnyPgColumn) => (guildId ? eq(column, guildId) : undefined);
  const entryTotals = db
    .select({
      guildId: economyEntries.guildId,
      account: economyEntries.account,
      total: sum(economyEntries.delta).as("total"),
    })
    .from(economyEntries)
    .where(inGuild(economyEntries.guildId))
    .groupBy(economyEntries.guildId, economyEntries.account)
    .as("entry_totals");

  const [guildSums, drift, negative, badTransfers, [accounts], [transfers], [entries]] =
    await Promise.all([
      db
        .select({ guildId: economyAccounts.guildId, total: sum(economyAccounts.balance) })
        .from(economyAccounts)
        .where(inGuild(economyAccounts.guildId))
        .groupBy(economyAccounts.guildId)
        .having(ne(sum(economyAccounts.balance), sql`0`)),
      db
        .select({
          guildId: sql<string>`coalesce(${economyAccounts.guildId}, ${entryTotals.guildId})`,
          account: sql<string>`coalesce(${economyAccounts.account}, ${entryTotals.account})`,
          balance: economyAccounts.balance,
          total: entryTotals.total,
        })
        .from(economyAccounts)
        .fullJoin(
          entryTotals,
          and(
            eq(economyAccounts.guildId, entryTotals.guildId),
            eq(economyAccounts.account, entryTotals.account),
          ),
        )
        .where(
          and(
            guildId
              ? sql`coalesce(${economyAccounts.guildId}, ${entryTotals.guildId}) = ${guildId}`
              : undefined,
            sql`coalesce(${economyAccounts.balance}, 0) <> coalesce(${entryTotals.total}, 0)`,
          ),
        ),
      db
        .select()
        .from(economyAccounts)
        .where(
          and(
            inGuild(economyAccounts.guildId),
            sql`${economyAccounts.balance} < 0`,
            notInArray(economyAccounts.account, ["mint", "house"]),
          ),
        ),
      // One pass over transfers joined to their entries (a hash join, not a lookup per row).
      db
        .select({ id: economyTransfers.id })
        .from(economyTransfers)
        .leftJoin(economyEntries, eq(economyEntries.transferId, economyTransfers.id))
        .where(inGuild(economyTransfers.guildId))
        .groupBy(economyTransfers.id)
        .having(
          sql`count(${economyEntries.id}) <> 2 or not coalesce(bool_and(
            (${economyEntries.account} = ${economyTransfers.fromAccount} and ${economyEntries.delta} = -${economyTransfers.amount})
            or (${economyEntries.account} = ${economyTransfers.toAccount} and ${economyEntries.delta} = ${economyTransfers.amount})
          ), false) or sum(${economyEntries.delta}) <> 0`,
        )
        .limit(20),
      db.select({ n: count() }).from(economyAccounts).where(inGuild(economyAccounts.guildId)),
      db.select({ n: count() }).from(economyTransfers).where(inGuild(economyTransfers.guildId)),
      db.select({ n: count() }).from(economyEntries).where(inGuild(economyEntries.guildId)),
    ]);

  const problems = [
    ...guildSums.map((g) => `guild ${g.guildId}: accounts sum to ${bigintOf(g.total)}, not 0`),
    ...drift.map(
      (d) =>
        `guild ${d.guildId} ${d.account}: balance ${d.balance ?? "missing"} but entries sum to ${bigintOf(d.total)}`,
    ),
    ...negative.map((n) => `guild ${n.guildId} ${n.account}: balance ${n.balance} is below 0`),
    ...badTransfers.map((t) => `transfer ${t.id}: its entries do not match it`),
  ];
  return {
    accounts: accounts?.n ?? 0,
    transfers: transfers?.n ?? 0,
    entries: entries?.n ?? 0,
    problems,
  };
}
