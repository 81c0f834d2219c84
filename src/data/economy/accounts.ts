import { and, count, desc, eq, gt, like } from "drizzle-orm";
import { economyAccounts } from "../../db/schema.ts";
import type { Executor } from "./executor.ts";

/** A wallet on the leaderboard. */
export interface Standing {
  userId: string;
  balance: bigint;
}

const wallets = (guildId: string) =>
  and(
    eq(economyAccounts.guildId, guildId),
    like(economyAccounts.account, "user:%"),
    gt(economyAccounts.balance, 0n),
  );

/** Wallets with coins, richest first (ties by account, so pages are stable), and how many. */
export async function richest(
  db: Executor,
  guildId: string,
  page: { offset: number; limit: number },
): Promise<{ rows: Standing[]; total: number }> {
  const [rows, [total]] = await Promise.all([
    db
      .select({ account: economyAccounts.account, balance: economyAccounts.balance })
      .from(economyAccounts)
      .where(wallets(guildId))
      .orderBy(desc(economyAccounts.balance), economyAccounts.account)
      .offset(page.offset)
      .limit(page.limit),
    db.select({ n: count() }).from(economyAccounts).where(wallets(guildId)),
  ]);
  return {
    rows: rows.map((r) => ({ userId: r.account.slice("user:".length), balance: r.balance })),
    total: total?.n ?? 0,
  };
}
