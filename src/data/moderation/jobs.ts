import { and, asc, eq, inArray, isNull, lt, ne, or, sql } from "drizzle-orm";
import { type ModerationJobRow, moderationJobs } from "../../db/schema.ts";
import type { JobKind, JobState } from "../../domain/moderation/job.ts";
import type { Database } from "../../ports/index.ts";
import type { Executor } from "./executor.ts";

/** A job row with its kind and state typed. */
export type ModerationJob = Omit<ModerationJobRow, "kind" | "state"> & {
  kind: JobKind;
  state: JobState;
};

const typed = (row: ModerationJobRow): ModerationJob => row as ModerationJob;
const leaseEnd = (leaseMs: number) => sql`now() + ${leaseMs} * interval '1 millisecond'`;

/** What a new job starts with. */
export interface NewJob {
  id: string;
  applicationId: string;
  guildId: string;
  kind: JobKind;
  step: string;
  total: number;
  moderator: { id: string; name: string };
  channelId: string | null;
  input: unknown;
  progress?: unknown;
  caseNumber?: number | null;
  lockdownId?: string | null;
  massbanRequestId?: string | null;
  afterJobId?: string | null;
  token: { token: string; expiresAt: Date } | null;
  /**
   * Take the lease at once for this owner (the request that created it runs it first); null:
   * leave it free for whoever runs jobs next (the scheduled run that only starts it).
   */
  leaseOwner: string | null;
  leaseMs: number;
}

/** Postgres' unique violation: another running job of that kind holds the guild. */
export function isUniqueViolation(error: unknown): boolean {
  for (let e: unknown = error; e && typeof e === "object"; e = (e as { cause?: unknown }).cause) {
    if ((e as { code?: unknown }).code === "23505") return true;
  }
  return false;
}

/** Inserts a running job, leased to its creator. */
export async function insertJob(db: Executor, job: NewJob): Promise<ModerationJob> {
  const [row] = await db
    .insert(moderationJobs)
    .values({
      id: job.id,
      applicationId: job.applicationId,
      guildId: job.guildId,
      kind: job.kind,
      state: "running",
      step: job.step,
      total: job.total,
      moderatorId: job.moderator.id,
      moderatorName: job.moderator.name,
      channelId: job.channelId,
      input: job.input,
      progress: job.progress ?? {},
      caseNumber: job.caseNumber ?? null,
      lockdownId: job.lockdownId ?? null,
      massbanRequestId: job.massbanRequestId ?? null,
      afterJobId: job.afterJobId ?? null,
      leaseOwner: job.leaseOwner,
      leaseUntil: job.leaseOwner === null ? null : leaseEnd(job.leaseMs),
      runs: job.leaseOwner === null ? 0 : 1,
      interactionToken: job.token?.token ?? null,
      tokenExpiresAt: job.token?.expiresAt ?? null,
    })
    .returning();
  if (!row) throw new Error("job insert returned nothing");
  return typed(row);
}

/** A job by id (null for a malformed id). */
export async function findJob(db: Executor, id: string): Promise<ModerationJob | null> {
  if (!/^[0-9a-f-]{36}$/i.test(id)) return null;
  const [row] = await db.select().from(moderationJobs).where(eq(moderationJobs.id, id));
  return row ? typed(row) : null;
}

/** The running job of `kind` in a guild, if any. */
export async function runningJob(
  db: Executor,
  scope: { applicationId: string; guildId: string; kind: JobKind },
): Promise<ModerationJob | null> {
  const [row] = await db
    .select()
    .from(moderationJobs)
    .where(
      and(
        eq(moderationJobs.applicationId, scope.applicationId),
        eq(moderationJobs.guildId, scope.guildId),
        eq(moderationJobs.kind, scope.kind),
        eq(moderationJobs.state, "running"),
      ),
    )
    .limit(1);
  return row ? typed(row) : null;
}

/** The job behind a case (its lockdown, unlock or massban), newest first. */
export async function jobOfCase(
  db: Executor,
  guildId: string,
  caseNumber: number,
): Promise<ModerationJob | null> {
  const [row] = await db
    .select()
    .from(moderationJobs)
    .where(and(eq(moderationJobs.guildId, guildId), eq(moderationJobs.caseNumber, caseNumber)))
    .orderBy(sql`${moderationJobs.createdAt} desc`)
    .limit(1);
  return row ? typed(row) : null;
}

/**
 * Takes the lease of a running job: free, expired (on the database's clock) or already ours.
 * Null when another process holds it or the job is over.
 */
export async function claimLease(
  db: Database,
  input: { id: string; owner: string; leaseMs: number },
): Promise<ModerationJob | null> {
  const [row] = await db
    .update(moderationJobs)
    .set({
      leaseOwner: input.owner,
      leaseUntil: leaseEnd(input.leaseMs),
      runs: sql`${moderationJobs.runs} + case when ${moderationJobs.leaseOwner} is distinct from ${input.owner} then 1 else 0 end`,
    })
    .where(
      and(
        eq(moderationJobs.id, input.id),
        eq(moderationJobs.state, "running"),
        or(
          isNull(moderationJobs.leaseUntil),
          lt(moderationJobs.leaseUntil, sql`now()`),
          eq(moderationJobs.leaseOwner, input.owner),
        ),
      ),
    )
    .returning();
  return row ? typed(row) : null;
}

/**
 * Records a step and extends the lease, only while `owner` holds it and nobody moved the job
 * since (`done` as read). Null when the lease was lost: the caller stops at once.
 */
export async function recordJobStep(
  db: Executor,
  job: ModerationJob,
  owner: string,
  leaseMs: number,
  step: { step?: string; done?: number; total?: number; progress?: unknown; caseNumber?: number },
): Promise<ModerationJob | null> {
  const [row] = await db
    .update(moderationJobs)
    .set({
      step: step.step ?? job.step,
      done: step.done ?? job.done,
      total: step.total ?? job.total,
      progress: step.progress ?? job.progress,
      caseNumber: step.caseNumber ?? job.caseNumber,
      leaseUntil: leaseEnd(leaseMs),
      updatedAt: sql`now()`,
    })
    .where(
      and(
        eq(moderationJobs.id, job.id),
        eq(moderationJobs.state, "running"),
        eq(moderationJobs.leaseOwner, owner),
        eq(moderationJobs.done, job.done),
      ),
    )
    .returning();
  return row ? typed(row) : null;
}

/** Ends a job (done, cancelled or failed), keeping its summary and forgetting the token. */
export async function endJob(
  db: Executor,
  job: ModerationJob,
  owner: string,
  end: { state: Exclude<JobState, "running">; summary: unknown; progress?: unknown },
): Promise<ModerationJob | null> {
  const [row] = await db
    .update(moderationJobs)
    .set({
      state: end.state,
      step: end.state,
      summary: end.summary,
      progress: end.progress ?? job.progress,
      leaseOwner: null,
      leaseUntil: null,
      interactionToken: null,
      finishedAt: sql`now()`,
      updatedAt: sql`now()`,
    })
    .where(
      and(
        eq(moderationJobs.id, job.id),
        eq(moderationJobs.state, "running"),
        eq(moderationJobs.leaseOwner, owner),
      ),
    )
    .returning();
  return row ? typed(row) : null;
}

/** Gives the lease back at once, so the worker or the next scheduled run can go on. */
export async function releaseLease(db: Executor, id: string, owner: string): Promise<void> {
  await db
    .update(moderationJobs)
    .set({ leaseOwner: null, leaseUntil: null })
    .where(and(eq(moderationJobs.id, id), eq(moderationJobs.leaseOwner, owner)));
}

/** Asks a running job to stop at its next step (an unlock stopping a lockdown). */
export async function requestCancel(db: Executor, id: string): Promise<void> {
  await db
    .update(moderationJobs)
    .set({ cancelRequestedAt: sql`coalesce(${moderationJobs.cancelRequestedAt}, now())` })
    .where(and(eq(moderationJobs.id, id), eq(moderationJobs.state, "running")));
}

/** Running jobs nobody holds (free or expired lease), oldest first. */
export async function unleasedJobs(
  db: Executor,
  scope: { applicationId: string; limit: number },
): Promise<string[]> {
  const rows = await db
    .select({ id: moderationJobs.id })
    .from(moderationJobs)
    .where(
      and(
        eq(moderationJobs.applicationId, scope.applicationId),
        eq(moderationJobs.state, "running"),
        or(isNull(moderationJobs.leaseUntil), lt(moderationJobs.leaseUntil, sql`now()`)),
      ),
    )
    .orderBy(asc(moderationJobs.createdAt))
    .limit(scope.limit);
  return rows.map((r) => r.id);
}

/**
 * Deletes finished jobs (done, cancelled or failed) that ended before `before`, at most
 * `limit` a call so one scheduled run stays short; the cases keep what they did.
 */
export async function deleteFinishedJobs(
  db: Executor,
  input: { before: Date; limit: number },
): Promise<number> {
  const old = db
    .select({ id: moderationJobs.id })
    .from(moderationJobs)
    .where(and(ne(moderationJobs.state, "running"), lt(moderationJobs.finishedAt, input.before)))
    .limit(input.limit);
  const rows = await db
    .delete(moderationJobs)
    .where(inArray(moderationJobs.id, old))
    .returning({ id: moderationJobs.id });
  return rows.length;
}
