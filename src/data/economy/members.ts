import { and, eq, sql } from "drizzle-orm";
import { economyMembers } from "../../db/schema.ts";
import type { Transaction } from "./executor.ts";

const memberIs = (guildId: string, userId: string) =>
  and(eq(economyMembers.guildId, guildId), eq(economyMembers.userId, userId));

/** A member's timers, locked until the transaction ends. */
export interface MemberTimers {
  dailyStreak: number;
  lastDailyAt: Date | null;
  lastWorkAt: Date | null;
}

/**
 * Reads a member's timers and locks the row (creating it first), so two claims at once are
 * decided one after the other. One statement: the upsert's conflict path takes the lock.
 */
export async function lockMember(
  tx: Transaction,
  guildId: string,
  userId: string,
): Promise<MemberTimers> {
  const [row] = await tx
    .insert(economyMembers)
    .values({ guildId, userId })
    .onConflictDoUpdate({
      target: [economyMembers.guildId, economyMembers.userId],
      set: { userId: sql`excluded.user_id` },
    })
    .returning();
  if (!row) throw new Error("member upsert returned nothing");
  return row;
}

/** Records a daily claim. */
export async function recordDaily(
  tx: Transaction,
  guildId: string,
  userId: string,
  claim: { at: Date; streak: number },
): Promise<void> {
  await tx
    .update(economyMembers)
    .set({ lastDailyAt: claim.at, dailyStreak: claim.streak })
    .where(memberIs(guildId, userId));
}

/** Records a paid /work. */
export async function recordWork(
  tx: Transaction,
  guildId: string,
  userId: string,
  at: Date,
): Promise<void> {
  await tx.update(economyMembers).set({ lastWorkAt: at }).where(memberIs(guildId, userId));
}
