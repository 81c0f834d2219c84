import { and, asc, eq, lte } from "drizzle-orm";
import { economyHeistMembers, economyHeists, type Heist } from "../../db/schema.ts";
import type { Executor, Transaction } from "./executor.ts";

/** A heist to open. */
export type NewHeist = typeof economyHeists.$inferInsert;

/** Opens a heist; null when its key was used before (the same interaction again). */
export async function insertHeist(tx: Transaction, heist: NewHeist): Promise<Heist | null> {
  const [row] = await tx.insert(economyHeists).values(heist).onConflictDoNothing().returning();
  return row ?? null;
}

/** A heist of the guild, locked until the transaction ends (joins wait for each other). */
export async function lockHeist(
  tx: Transaction,
  guildId: string,
  id: number,
): Promise<Heist | null> {
  const [row] = await tx
    .select()
    .from(economyHeists)
    .where(and(eq(economyHeists.guildId, guildId), eq(economyHeists.id, id)))
    .for("update");
  return row ?? null;
}

/**
 * One open heist past its window (of one guild, or all), locked; rows another settler holds
 * are skipped, so two settlers never take the same heist.
 */
export async function claimDueHeist(
  tx: Transaction,
  input: { now: Date; applicationId: string; guildId?: string },
): Promise<Heist | null> {
  const [row] = await tx
    .select()
    .from(economyHeists)
    .where(
      and(
        eq(economyHeists.state, "open"),
        eq(economyHeists.applicationId, input.applicationId),
        lte(economyHeists.dueAt, input.now),
        input.guildId ? eq(economyHeists.guildId, input.guildId) : undefined,
      ),
    )
    .orderBy(economyHeists.dueAt)
    .limit(1)
    .for("update", { skipLocked: true });
  return row ?? null;
}

/** Adds a member to the crew; false when they were already in it. */
export async function addCrewMember(
  tx: Transaction,
  heistId: number,
  userId: string,
  at: Date,
): Promise<boolean> {
  const rows = await tx
    .insert(economyHeistMembers)
    .values({ heistId, userId, joinedAt: at })
    .onConflictDoNothing()
    .returning({ userId: economyHeistMembers.userId });
  return rows.length === 1;
}

/** The crew, in the order they joined. */
export async function crewOf(db: Executor, heistId: number): Promise<string[]> {
  const rows = await db
    .select({ userId: economyHeistMembers.userId })
    .from(economyHeistMembers)
    .where(eq(economyHeistMembers.heistId, heistId))
    .orderBy(asc(economyHeistMembers.joinedAt), asc(economyHeistMembers.userId));
  return rows.map((r) => r.userId);
}

/** Records how the heist ended: the state transition that makes settling it final. */
export async function closeHeist(
  tx: Transaction,
  id: number,
  outcome: Record<string, unknown>,
  at: Date,
): Promise<Heist> {
  const [row] = await tx
    .update(economyHeists)
    .set({ state: "settled", outcome, settledAt: at })
    .where(and(eq(economyHeists.id, id), eq(economyHeists.state, "open")))
    .returning();
  if (!row) throw new Error(`heist ${id} was not open`);
  return row;
}

/** Where the heist's message is. */
export async function setHeistMessage(
  db: Executor,
  id: number,
  message: { channelId: string; messageId: string },
): Promise<void> {
  await db.update(economyHeists).set(message).where(eq(economyHeists.id, id));
}

/** A heist of the guild. */
export async function findHeist(db: Executor, guildId: string, id: number): Promise<Heist | null> {
  const [row] = await db
    .select()
    .from(economyHeists)
    .where(and(eq(economyHeists.guildId, guildId), eq(economyHeists.id, id)));
  return row ?? null;
}
