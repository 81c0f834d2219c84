import type { ModerationCase } from "../../db/schema.ts";
import type { Database } from "../../ports/index.ts";
import { createCase, linkUndo, lockCase } from "./cases.ts";
import { insertJob, type ModerationJob } from "./jobs.ts";
import { type BanJob, findJobOfCase, insertUndoJob, type JobToken } from "./massban-requests.ts";

/** Why an undo did not start, or the job that did. */
export type UndoStart =
  | {
      kind: "started";
      job: BanJob;
      /** The durable moderation job that lifts the bans, leased to the request that starts it. */
      moderationJob: ModerationJob;
      undoCase: ModerationCase;
      original: ModerationCase;
    }
  | { kind: "missing" }
  | { kind: "not-massban"; action: string }
  | { kind: "undone"; by: number }
  | { kind: "running" }
  | { kind: "empty" };

/**
 * Starts undoing a massban case: checks it, creates the `unban` case linked both ways, the
 * request that records each unban and the moderation job that works it, in one transaction
 * holding the original case's row lock, so two undos cannot both start (and the legacy resume
 * never sees the request without its job).
 */
export async function startUndo(
  db: Database,
  input: {
    jobId: string;
    applicationId: string;
    guildId: string;
    caseNumber: number;
    moderator: { id: string; name: string };
    reason: string | null;
    now: Date;
    token: JobToken;
    /** The moderation job's id, lease holder and where the command ran. */
    run: { jobId: string; owner: string; leaseMs: number; channelId: string | null };
  },
): Promise<UndoStart> {
  return db.transaction(async (tx): Promise<UndoStart> => {
    const original = await lockCase(tx, input.guildId, input.caseNumber);
    if (!original) return { kind: "missing" };
    if (original.action !== "massban") return { kind: "not-massban", action: original.action };
    if (original.undoCaseNumber !== null) return { kind: "undone", by: original.undoCaseNumber };
    const banJob = await findJobOfCase(tx, input.guildId, input.caseNumber);
    if (banJob?.state !== "done") return { kind: "running" };
    if (banJob.doneIds.length === 0) return { kind: "empty" };
    const undoCase = await createCase(tx, {
      guildId: input.guildId,
      action: "unban",
      targets: banJob.doneIds,
      moderatorId: input.moderator.id,
      reason: input.reason,
      details: { requested: banJob.doneIds.length },
      undoesCaseNumber: original.number,
      now: input.now,
    });
    await linkUndo(tx, input.guildId, original.number, undoCase.number);
    const job = await insertUndoJob(tx, {
      id: input.jobId,
      applicationId: input.applicationId,
      guildId: input.guildId,
      moderator: input.moderator,
      targets: banJob.doneIds,
      caseNumber: undoCase.number,
      undoesCaseNumber: original.number,
      now: input.now,
      token: input.token,
    });
    const moderationJob = await insertJob(tx, {
      id: input.run.jobId,
      applicationId: input.applicationId,
      guildId: input.guildId,
      kind: "massban_undo",
      step: "unbanning",
      total: job.targets.length,
      moderator: input.moderator,
      channelId: input.run.channelId,
      input: {},
      caseNumber: undoCase.number,
      massbanRequestId: job.id,
      token: input.token,
      leaseOwner: input.run.owner,
      leaseMs: input.run.leaseMs,
    });
    return {
      kind: "started",
      job,
      moderationJob,
      undoCase,
      original: { ...original, undoCaseNumber: undoCase.number },
    };
  });
}
