import { and, eq, inArray, isNull, lt, lte, notExists, or, sql } from "drizzle-orm";
import {
  type MassbanRequest,
  type ModerationCase,
  massbanRequests,
  moderationJobs,
} from "../../db/schema.ts";
import type { Failure } from "../../domain/moderation/ban-outcome.ts";
import type { Skip } from "../../domain/moderation/hierarchy.ts";
import type { Database } from "../../ports/index.ts";
import { createCase, mergeCaseDetails } from "./cases.ts";
import type { Executor } from "./executor.ts";

/** A massban or undo row, with its jsonb columns typed. */
export type BanJob = Omit<MassbanRequest, "skipped" | "failed"> & {
  skipped: Skip[];
  failed: Failure[];
};

const typed = (row: MassbanRequest): BanJob => row as BanJob;

/** A preview waiting for Confirm. */
export interface NewPreview {
  id: string;
  applicationId: string;
  guildId: string;
  moderator: { id: string; name: string };
  targets: readonly string[];
  skipped: readonly Skip[];
  invalid: readonly string[];
  reason: string | null;
  deleteMessageSeconds: number;
  expiresAt: Date;
}

/** Stores a massban preview in state `pending`. */
export async function insertPreview(db: Database, p: NewPreview): Promise<BanJob> {
  const [row] = await db
    .insert(massbanRequests)
    .values({
      id: p.id,
      kind: "ban",
      applicationId: p.applicationId,
      guildId: p.guildId,
      moderatorId: p.moderator.id,
      moderatorName: p.moderator.name,
      targets: [...p.targets],
      skipped: [...p.skipped],
      invalid: [...p.invalid],
      reason: p.reason,
      deleteMessageSeconds: p.deleteMessageSeconds,
      state: "pending",
      expiresAt: p.expiresAt,
    })
    .returning();
  if (!row) throw new Error("preview insert returned nothing");
  return typed(row);
}

/** A request by id, or null (also for a malformed id). */
export async function findRequest(db: Database, id: string): Promise<BanJob | null> {
  if (!/^[0-9a-f-]{36}$/i.test(id)) return null;
  const [row] = await db.select().from(massbanRequests).where(eq(massbanRequests.id, id));
  return row ? typed(row) : null;
}

/** The interaction token a job may keep editing its message with, and until when. */
export interface JobToken {
  token: string;
  expiresAt: Date;
}

/**
 * The one transition from preview to running: only a pending, unexpired request moves, only
 * for its moderator, and the winner creates the case in the same transaction. Two presses at
 * once cannot both win: the row lock makes the second see `running`.
 */
export async function claimPreview(
  db: Database,
  input: { id: string; presserId: string; now: Date; token: JobToken },
): Promise<{ job: BanJob; case: ModerationCase } | null> {
  return db.transaction(async (tx) => {
    const [claimed] = await tx
      .update(massbanRequests)
      .set({
        state: "running",
        heartbeatAt: sql`now()`,
        interactionToken: input.token.token,
        tokenExpiresAt: input.token.expiresAt,
      })
      .where(
        and(
          eq(massbanRequests.id, input.id),
          eq(massbanRequests.state, "pending"),
          eq(massbanRequests.moderatorId, input.presserId),
          sql`${massbanRequests.expiresAt} > ${input.now}`,
        ),
      )
      .returning();
    if (!claimed) return null;
    const created = await createCase(tx, {
      guildId: claimed.guildId,
      action: "massban",
      targets: claimed.targets,
      moderatorId: claimed.moderatorId,
      reason: claimed.reason,
      details: {
        requested: claimed.targets.length,
        skipped: claimed.skipped,
        deleteMessageSeconds: claimed.deleteMessageSeconds,
      },
      now: input.now,
    });
    const [job] = await tx
      .update(massbanRequests)
      .set({ caseNumber: created.number })
      .where(eq(massbanRequests.id, claimed.id))
      .returning();
    if (!job) throw new Error("claimed request vanished");
    return { job: typed(job), case: created };
  });
}

/** Moves a pending request to `to` (cancelled, or expired once past its time). */
export async function closePreview(
  db: Database,
  id: string,
  to: "cancelled" | "expired",
  now: Date,
): Promise<BanJob | null> {
  const [row] = await db
    .update(massbanRequests)
    .set({ state: to, finishedAt: now })
    .where(
      and(
        eq(massbanRequests.id, id),
        eq(massbanRequests.state, "pending"),
        to === "expired" ? lte(massbanRequests.expiresAt, now) : undefined,
      ),
    )
    .returning();
  return row ? typed(row) : null;
}

/** Stores a running undo job. */
export async function insertUndoJob(
  db: Executor,
  job: {
    id: string;
    applicationId: string;
    guildId: string;
    moderator: { id: string; name: string };
    targets: readonly string[];
    caseNumber: number;
    undoesCaseNumber: number;
    now: Date;
    token: JobToken;
  },
): Promise<BanJob> {
  const [row] = await db
    .insert(massbanRequests)
    .values({
      id: job.id,
      kind: "unban",
      applicationId: job.applicationId,
      guildId: job.guildId,
      moderatorId: job.moderator.id,
      moderatorName: job.moderator.name,
      targets: [...job.targets],
      state: "running",
      expiresAt: job.now,
      caseNumber: job.caseNumber,
      undoesCaseNumber: job.undoesCaseNumber,
      heartbeatAt: sql`now()`,
      interactionToken: job.token.token,
      tokenExpiresAt: job.token.expiresAt,
    })
    .returning();
  if (!row) throw new Error("undo insert returned nothing");
  return typed(row);
}

/** The massban job behind a case, or null. */
export async function findJobOfCase(
  db: Executor,
  guildId: string,
  caseNumber: number,
): Promise<BanJob | null> {
  const [row] = await db
    .select()
    .from(massbanRequests)
    .where(and(eq(massbanRequests.guildId, guildId), eq(massbanRequests.caseNumber, caseNumber)));
  return row ? typed(row) : null;
}

/** Marks a chunk as sent: if the run dies before recording it, a resume re-checks it. */
export async function markInFlight(db: Database, job: BanJob): Promise<boolean> {
  const rows = await db
    .update(massbanRequests)
    .set({ inFlight: true, heartbeatAt: sql`now()` })
    .where(and(eq(massbanRequests.id, job.id), eq(massbanRequests.nextIndex, job.nextIndex)))
    .returning({ id: massbanRequests.id });
  return rows.length === 1;
}

/** What one step of a job did. */
export interface JobStep {
  processed: number;
  done: readonly string[];
  gone?: readonly string[];
  failed: readonly Failure[];
}

/**
 * Records a step, and the case's details with it, in one transaction: the case always lists
 * exactly who was banned. `next_index` moves only if nobody else moved it since this run read
 * the row (a second runner then stops instead of double-counting). Null when lost.
 */
export async function recordStep(
  db: Database,
  job: BanJob,
  step: JobStep,
  caseDetails: (job: BanJob) => Record<string, unknown>,
): Promise<BanJob | null> {
  return db.transaction(async (tx) => {
    const [row] = await tx
      .update(massbanRequests)
      .set({
        nextIndex: job.nextIndex + step.processed,
        doneIds: [...job.doneIds, ...step.done],
        goneIds: [...job.goneIds, ...(step.gone ?? [])],
        failed: [...job.failed, ...step.failed],
        inFlight: false,
        heartbeatAt: sql`now()`,
      })
      .where(and(eq(massbanRequests.id, job.id), eq(massbanRequests.nextIndex, job.nextIndex)))
      .returning();
    if (!row) return null;
    const next = typed(row);
    if (next.caseNumber !== null)
      await mergeCaseDetails(tx, next.guildId, next.caseNumber, caseDetails(next));
    return next;
  });
}

/** Ends a job: no more resumes, and the interaction token is forgotten. */
export async function finishJob(db: Database, job: BanJob, now: Date): Promise<BanJob | null> {
  const [row] = await db
    .update(massbanRequests)
    .set({
      state: "done",
      finishedAt: now,
      heartbeatAt: null,
      interactionToken: null,
      tokenExpiresAt: null,
    })
    .where(and(eq(massbanRequests.id, job.id), eq(massbanRequests.state, "running")))
    .returning();
  return row ? typed(row) : null;
}

/** Hands a job over to the cron trigger, which resumes it on its next tick. */
export async function releaseJob(db: Database, job: BanJob): Promise<void> {
  await db
    .update(massbanRequests)
    .set({ heartbeatAt: null })
    .where(and(eq(massbanRequests.id, job.id), eq(massbanRequests.nextIndex, job.nextIndex)));
}

/**
 * Claims one running job whose runner has gone quiet (no heartbeat for `staleMs`, or released),
 * skipping rows another claimer holds; the claim is the fresh heartbeat. Heartbeats are leases
 * in real time, so they use the database's clock: an instance with a skewed clock (or a test
 * moving its clock) cannot mistake a live run for a dead one.
 */
export async function claimStaleJob(
  db: Database,
  scope: { applicationId: string; staleMs: number; guildId?: string },
): Promise<BanJob | null> {
  const { staleMs, guildId } = scope;
  const candidate = db
    .select({ id: massbanRequests.id })
    .from(massbanRequests)
    .where(
      and(
        eq(massbanRequests.state, "running"),
        eq(massbanRequests.applicationId, scope.applicationId),
        or(
          isNull(massbanRequests.heartbeatAt),
          lt(massbanRequests.heartbeatAt, sql`now() - ${staleMs} * interval '1 millisecond'`),
        ),
        guildId ? eq(massbanRequests.guildId, guildId) : undefined,
        // A massban run as a moderation job is carried on by its job (lease and all).
        notExists(
          db
            .select({ id: moderationJobs.id })
            .from(moderationJobs)
            .where(eq(moderationJobs.massbanRequestId, massbanRequests.id)),
        ),
      ),
    )
    .orderBy(massbanRequests.createdAt)
    .limit(1)
    .for("update", { skipLocked: true });
  const [row] = await db
    .update(massbanRequests)
    .set({ heartbeatAt: sql`now()` })
    .where(sql`${massbanRequests.id} = (${candidate})`)
    .returning();
  return row ? typed(row) : null;
}

/** Deletes previews that never ran (pending, expired or cancelled) and expired before `before`. */
export async function deleteStalePreviews(db: Database, before: Date): Promise<number> {
  const rows = await db
    .delete(massbanRequests)
    .where(
      and(
        inArray(massbanRequests.state, ["pending", "expired", "cancelled"]),
        lt(massbanRequests.expiresAt, before),
      ),
    )
    .returning({ id: massbanRequests.id });
  return rows.length;
}
