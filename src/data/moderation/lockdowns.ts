import { and, eq, inArray, isNotNull, isNull, lt, lte, min, notExists, or, sql } from "drizzle-orm";
import {
  type Lockdown,
  type LockdownChannel,
  lockdownChannels,
  lockdowns,
  type ModerationCase,
  moderationJobs,
} from "../../db/schema.ts";
import type { SavedOverwrite } from "../../domain/moderation/lockdown-overwrite.ts";
import type { Database } from "../../ports/index.ts";
import { createCase, linkUndo, mergeCaseDetails } from "./cases.ts";
import type { Executor } from "./executor.ts";

/** A lockdown channel row with its saved overwrite typed. */
export type LockedChannel = Omit<LockdownChannel, "savedOverwrite"> & {
  savedOverwrite: SavedOverwrite;
};

const LIVE = ["saved", "applied"];
/** Not being restored by anyone: no claim, or one that ran out. */
const unclaimed = () =>
  or(isNull(lockdownChannels.restoringUntil), lt(lockdownChannels.restoringUntil, sql`now()`));
const typed = (row: LockdownChannel): LockedChannel => row as LockedChannel;

/** Creates a lockdown and its `lockdown` case together. */
export async function createLockdown(
  db: Executor,
  input: {
    id: string;
    applicationId: string;
    guildId: string;
    scope: "channel" | "server";
    reason: string | null;
    lockedBy: string;
    channelIds: readonly string[];
    expiresAt: Date | null;
    now: Date;
  },
): Promise<{ lockdown: Lockdown; case: ModerationCase }> {
  return db.transaction(async (tx) => {
    const created = await createCase(tx, {
      guildId: input.guildId,
      action: "lockdown",
      targets: input.channelIds,
      moderatorId: input.lockedBy,
      reason: input.reason,
      details: { scope: input.scope, expiresAt: input.expiresAt?.toISOString() ?? null },
      now: input.now,
    });
    const [lockdown] = await tx
      .insert(lockdowns)
      .values({
        id: input.id,
        applicationId: input.applicationId,
        guildId: input.guildId,
        scope: input.scope,
        reason: input.reason,
        lockedBy: input.lockedBy,
        caseNumber: created.number,
        state: "active",
        expiresAt: input.expiresAt,
        createdAt: input.now,
      })
      .returning();
    if (!lockdown) throw new Error("lockdown insert returned nothing");
    return { lockdown, case: created };
  });
}

/**
 * Saves a channel's @everyone overwrite before it is touched. Null when the channel already
 * has a live lock (the partial unique index decides, so concurrent lockdowns cannot both win).
 */
export async function saveChannel(
  db: Database,
  input: {
    lockdownId: string;
    guildId: string;
    channelId: string;
    saved: SavedOverwrite;
    now: Date;
  },
): Promise<LockedChannel | null> {
  const [row] = await db
    .insert(lockdownChannels)
    .values({
      lockdownId: input.lockdownId,
      guildId: input.guildId,
      channelId: input.channelId,
      savedOverwrite: input.saved,
      state: "saved",
      createdAt: input.now,
    })
    .onConflictDoNothing()
    .returning();
  return row ? typed(row) : null;
}

/**
 * Marks a saved channel as locked; false when it was restored meanwhile, or an unlock is
 * restoring it right now (its restore may have reached Discord before this lock did, so the
 * locker puts the saved overwrite back too).
 */
export async function markApplied(db: Database, rowId: number): Promise<boolean> {
  const rows = await db
    .update(lockdownChannels)
    .set({ state: "applied" })
    .where(and(eq(lockdownChannels.id, rowId), eq(lockdownChannels.state, "saved"), unclaimed()))
    .returning({ id: lockdownChannels.id });
  return rows.length === 1;
}

/** Marks a channel Discord refused to lock: nothing changed there, so nothing to restore. */
export async function markFailed(db: Database, rowId: number, failure: string): Promise<void> {
  await db
    .update(lockdownChannels)
    .set({ state: "failed", failure })
    .where(and(eq(lockdownChannels.id, rowId), eq(lockdownChannels.state, "saved")));
}

/** Live (saved or applied) channel rows of a guild, optionally of one channel or lockdown. */
export async function liveChannels(
  db: Executor,
  guildId: string,
  filter: { channelId?: string; lockdownId?: string } = {},
): Promise<LockedChannel[]> {
  const rows = await db
    .select()
    .from(lockdownChannels)
    .where(
      and(
        eq(lockdownChannels.guildId, guildId),
        inArray(lockdownChannels.state, LIVE),
        filter.channelId ? eq(lockdownChannels.channelId, filter.channelId) : undefined,
        filter.lockdownId ? eq(lockdownChannels.lockdownId, filter.lockdownId) : undefined,
      ),
    )
    .orderBy(lockdownChannels.id);
  return rows.map(typed);
}

/**
 * Claims a live row for restoring by `owner` for `leaseMs` (on the database's clock): free, a
 * claim that ran out, or already `owner`'s (a resumed run of the same job). Null when it is no
 * longer live or another run is restoring it right now (`busy`).
 */
export async function claimRestore(
  db: Database,
  input: { rowId: number; owner: string; leaseMs: number },
): Promise<LockedChannel | null> {
  const [row] = await db
    .update(lockdownChannels)
    .set({
      restoringBy: input.owner,
      restoringUntil: sql`now() + ${input.leaseMs} * interval '1 millisecond'`,
    })
    .where(
      and(
        eq(lockdownChannels.id, input.rowId),
        inArray(lockdownChannels.state, LIVE),
        or(unclaimed(), eq(lockdownChannels.restoringBy, input.owner)),
      ),
    )
    .returning();
  return row ? typed(row) : null;
}

/** Marks a claimed row restored (its Discord call succeeded); false when the claim was lost. */
export async function finishRestore(
  db: Database,
  input: { rowId: number; owner: string; now: Date },
): Promise<boolean> {
  const rows = await db
    .update(lockdownChannels)
    .set({ state: "restored", restoredAt: input.now, restoringBy: null, restoringUntil: null })
    .where(
      and(
        eq(lockdownChannels.id, input.rowId),
        inArray(lockdownChannels.state, LIVE),
        eq(lockdownChannels.restoringBy, input.owner),
      ),
    )
    .returning({ id: lockdownChannels.id });
  return rows.length === 1;
}

/** Gives a claim back (the restore failed): the row stays live for a retry. */
export async function releaseRestore(
  db: Database,
  input: { rowId: number; owner: string },
): Promise<void> {
  await db
    .update(lockdownChannels)
    .set({ restoringBy: null, restoringUntil: null })
    .where(
      and(eq(lockdownChannels.id, input.rowId), eq(lockdownChannels.restoringBy, input.owner)),
    );
}

/** Ends a lockdown once none of its channels is live; null when not (yet, or already) ended. */
async function endIfDone(tx: Executor, lockdownId: string, now: Date): Promise<Lockdown | null> {
  const live = tx
    .select({ id: lockdownChannels.id })
    .from(lockdownChannels)
    .where(and(eq(lockdownChannels.lockdownId, lockdownId), inArray(lockdownChannels.state, LIVE)));
  const [ended] = await tx
    .update(lockdowns)
    .set({ state: "ended", endedAt: now })
    .where(and(eq(lockdowns.id, lockdownId), eq(lockdowns.state, "active"), notExists(live)))
    .returning();
  return ended ?? null;
}

/**
 * Records an unlock (a moderator's, or a timed lockdown's end): one `unlock` case for the
 * channels this run restored, and the end of every lockdown left without live channels, each
 * linked to the case. Whoever restores a channel records it, so concurrent runs never both do.
 */
export async function recordUnlock(
  db: Executor,
  input: {
    guildId: string;
    moderatorId: string;
    reason: string | null;
    channelIds: readonly string[];
    lockdownIds: readonly string[];
    undoesCaseNumber: number | null;
    now: Date;
  },
): Promise<ModerationCase> {
  return db.transaction(async (tx) => {
    const unlock = await createCase(tx, {
      guildId: input.guildId,
      action: "unlock",
      targets: input.channelIds,
      moderatorId: input.moderatorId,
      reason: input.reason,
      undoesCaseNumber: input.undoesCaseNumber,
      now: input.now,
    });
    // A fixed order: two unlocks touching the same lockdowns cannot deadlock.
    for (const id of [...new Set(input.lockdownIds)].sort()) {
      await endIfDone(tx, id, input.now);
      // Ended now, or just before by a run that restored nothing: link it to this case.
      const [ended] = await tx
        .update(lockdowns)
        .set({ endCaseNumber: unlock.number })
        .where(
          and(eq(lockdowns.id, id), eq(lockdowns.state, "ended"), isNull(lockdowns.endCaseNumber)),
        )
        .returning();
      if (ended) await linkUndo(tx, ended.guildId, ended.caseNumber, unlock.number);
    }
    return unlock;
  });
}

/** Ends a lockdown with no live channel left, without a case (nothing was restored by us). */
export async function abandonLockdown(db: Database, lockdownId: string, now: Date): Promise<void> {
  await db.transaction((tx) => endIfDone(tx, lockdownId, now));
}

/** Records what a lockdown did on its case. */
export async function recordLockdownOutcome(
  db: Database,
  lockdown: Lockdown,
  outcome: Record<string, unknown>,
): Promise<void> {
  await mergeCaseDetails(db, lockdown.guildId, lockdown.caseNumber, outcome);
}

/**
 * Leases due timed lockdowns (of one guild, or all) for settling: rows locked by another
 * claimer are skipped, and a lease older than `leaseMs` (a run that died) can be taken over.
 * Due-ness is domain time (`now`); the lease is real time, on the database's clock.
 */
export async function claimDueLockdowns(
  db: Database,
  input: { now: Date; applicationId: string; guildId?: string; leaseMs: number; limit: number },
): Promise<Lockdown[]> {
  const due = db
    .select({ id: lockdowns.id })
    .from(lockdowns)
    .where(
      and(
        eq(lockdowns.state, "active"),
        eq(lockdowns.applicationId, input.applicationId),
        isNotNull(lockdowns.expiresAt),
        lte(lockdowns.expiresAt, input.now),
        or(
          isNull(lockdowns.settlingAt),
          lt(lockdowns.settlingAt, sql`now() - ${input.leaseMs} * interval '1 millisecond'`),
        ),
        input.guildId ? eq(lockdowns.guildId, input.guildId) : undefined,
        // A server lockdown still locking (a job) ends once its job is over.
        notExists(
          db
            .select({ id: moderationJobs.id })
            .from(moderationJobs)
            .where(
              and(eq(moderationJobs.lockdownId, lockdowns.id), eq(moderationJobs.state, "running")),
            ),
        ),
      ),
    )
    .orderBy(lockdowns.expiresAt)
    .limit(input.limit)
    .for("update", { skipLocked: true });
  return db
    .update(lockdowns)
    .set({ settlingAt: sql`now()` })
    .where(inArray(lockdowns.id, due))
    .returning();
}

/** Gives a lease back at once, so the next tick (or interaction) can retry. */
export async function releaseLockdown(db: Database, id: string): Promise<void> {
  await db.update(lockdowns).set({ settlingAt: null }).where(eq(lockdowns.id, id));
}

/** The lockdown a row belongs to. */
export async function findLockdown(db: Executor, id: string): Promise<Lockdown | null> {
  const [row] = await db.select().from(lockdowns).where(eq(lockdowns.id, id));
  return row ?? null;
}

/** When the guild's next timed lockdown ends (ms), or null; read with the guild's controls. */
export async function nextLockdownEnd(db: Executor, guildId: string): Promise<number | null> {
  const [row] = await db
    .select({ at: min(lockdowns.expiresAt) })
    .from(lockdowns)
    .where(and(eq(lockdowns.guildId, guildId), eq(lockdowns.state, "active")));
  return row?.at ? new Date(row.at).getTime() : null;
}
