import { and, arrayContains, count, desc, eq, sql } from "drizzle-orm";
import { type ModerationCase, moderationCaseCounters, moderationCases } from "../../db/schema.ts";
import type { CaseAction } from "../../domain/moderation/cases.ts";
import type { Database } from "../../ports/index.ts";
import type { Executor } from "./executor.ts";

/** A case to record; its number is assigned on insert. */
export interface NewCase {
  guildId: string;
  action: CaseAction;
  targets: readonly string[];
  moderatorId: string;
  reason: string | null;
  details?: Record<string, unknown>;
  undoesCaseNumber?: number | null;
  now: Date;
}

/**
 * Inserts a case with the guild's next number. Run it inside the transaction that makes the
 * action happen: the counter row stays locked until commit, so numbers never repeat or skip.
 */
export async function createCase(tx: Executor, input: NewCase): Promise<ModerationCase> {
  const [counter] = await tx
    .insert(moderationCaseCounters)
    .values({ guildId: input.guildId, next: 1 })
    .onConflictDoUpdate({
      target: moderationCaseCounters.guildId,
      set: { next: sql`${moderationCaseCounters.next} + 1` },
    })
    .returning({ next: moderationCaseCounters.next });
  const [row] = await tx
    .insert(moderationCases)
    .values({
      guildId: input.guildId,
      number: counter?.next ?? 1,
      action: input.action,
      targets: [...input.targets],
      moderatorId: input.moderatorId,
      reason: input.reason,
      details: input.details ?? {},
      undoesCaseNumber: input.undoesCaseNumber ?? null,
      createdAt: input.now,
    })
    .returning();
  if (!row) throw new Error("case insert returned nothing");
  return row;
}

const byNumber = (guildId: string, number: number) =>
  and(eq(moderationCases.guildId, guildId), eq(moderationCases.number, number));

/** A case of a guild by number, or null. */
export async function findCase(
  db: Executor,
  guildId: string,
  number: number,
): Promise<ModerationCase | null> {
  const [row] = await db.select().from(moderationCases).where(byNumber(guildId, number));
  return row ?? null;
}

/** Like {@link findCase}, locking the row until the transaction ends (undo races). */
export async function lockCase(
  tx: Executor,
  guildId: string,
  number: number,
): Promise<ModerationCase | null> {
  const [row] = await tx
    .select()
    .from(moderationCases)
    .where(byNumber(guildId, number))
    .for("update");
  return row ?? null;
}

/** Points the original case at the case that undid it. */
export async function linkUndo(
  tx: Executor,
  guildId: string,
  originalNumber: number,
  undoNumber: number,
): Promise<void> {
  await tx
    .update(moderationCases)
    .set({ undoCaseNumber: undoNumber })
    .where(byNumber(guildId, originalNumber));
}

/** Merges `patch` into a case's details. */
export async function mergeCaseDetails(
  db: Executor,
  guildId: string,
  number: number,
  patch: Record<string, unknown>,
): Promise<void> {
  await db
    .update(moderationCases)
    .set({ details: sql`${moderationCases.details} || ${JSON.stringify(patch)}::jsonb` })
    .where(byNumber(guildId, number));
}

/** Replaces a case's reason; returns the case as it was before, or null when there is none. */
export async function updateCaseReason(
  db: Database,
  guildId: string,
  number: number,
  change: { reason: string; by: string; now: Date },
): Promise<{ before: ModerationCase; after: ModerationCase } | null> {
  return db.transaction(async (tx) => {
    const before = await lockCase(tx, guildId, number);
    if (!before) return null;
    const [after] = await tx
      .update(moderationCases)
      .set({ reason: change.reason, reasonUpdatedBy: change.by, reasonUpdatedAt: change.now })
      .where(byNumber(guildId, number))
      .returning();
    return after ? { before, after } : null;
  });
}

/** One page of a guild's cases, newest first, optionally only those targeting `targetId`. */
export async function listCases(
  db: Executor,
  guildId: string,
  options: { targetId?: string; offset: number; limit: number },
): Promise<{ rows: ModerationCase[]; total: number }> {
  const where = options.targetId
    ? and(
        eq(moderationCases.guildId, guildId),
        arrayContains(moderationCases.targets, [options.targetId]),
      )
    : eq(moderationCases.guildId, guildId);
  const [rows, totals] = await Promise.all([
    db
      .select()
      .from(moderationCases)
      .where(where)
      .orderBy(desc(moderationCases.number))
      .offset(options.offset)
      .limit(options.limit),
    db.select({ total: count() }).from(moderationCases).where(where),
  ]);
  return { rows, total: totals[0]?.total ?? 0 };
}
