import { refreshCachedControls } from "../../data/guild-controls-cache.ts";
import {
  abandonLockdown,
  findLockdown,
  type ModerationJob,
  recordLockdownOutcome,
} from "../../data/moderation/index.ts";
import type { Lockdown } from "../../db/schema.ts";
import {
  auditReason,
  type ChannelNote,
  type LockTarget,
  mapAdaptive,
} from "../../domain/moderation/index.ts";
import { COLORS, embed } from "../../interactions/index.ts";
import type { Deps, MessageBody } from "../../ports/index.ts";
import { type LockResult, lockChannel } from "../lockdown-runner.ts";
import { channelsProgressBody, lockdownSummaryBody } from "../lockdown-views.ts";
import { postCaseToModlog } from "../modlog-post.ts";
import type { JobHandler, StepRecorder, StepResult } from "./types.ts";

/** Channels locked per recorded step: a cut-off run redoes at most this many (idempotently). */
export const LOCK_BATCH = 24;

/** What a server lockdown job was asked to do. */
export interface LockdownJobInput {
  targets: LockTarget[];
  /** Channels the plan left out (no permission, already locked). */
  skipped: ChannelNote[];
}

/** What it has done so far. */
export interface LockdownJobProgress {
  locked: string[];
  failed: ChannelNote[];
  skipped: ChannelNote[];
}

const inputOf = (job: ModerationJob) => job.input as LockdownJobInput;
const progressOf = (job: ModerationJob): LockdownJobProgress => ({
  locked: [],
  failed: [],
  skipped: [],
  ...(job.progress as Partial<LockdownJobProgress>),
});

async function lockdownOf(deps: Deps, job: ModerationJob): Promise<Lockdown> {
  const lockdown = job.lockdownId ? await findLockdown(deps.db, job.lockdownId) : null;
  if (!lockdown) throw new Error(`lockdown job ${job.id} has no lockdown`);
  return lockdown;
}

/** Writes the outcome on the case, ends a lockdown that locked nothing, and posts the case. */
async function settleRecord(deps: Deps, lockdown: Lockdown, outcome: LockdownJobProgress) {
  if (outcome.locked.length === 0)
    await abandonLockdown(deps.db, lockdown.id, new Date(deps.clock.now()));
  await recordLockdownOutcome(deps.db, lockdown, { ...outcome });
  if (lockdown.expiresAt) await refreshCachedControls(deps, [lockdown.guildId]);
  postCaseToModlog(deps, lockdown.guildId, lockdown.caseNumber);
}

function stoppedBody(caseNumber: number, outcome: LockdownJobProgress, total: number): MessageBody {
  return {
    embeds: [
      embed(
        `Lockdown stopped — case #${caseNumber}`,
        `An unlock stopped this lockdown after **${outcome.locked.length}** of ${total} channels; the unlock restores every channel it locked, exactly.`,
        COLORS.warning,
      ),
    ],
  };
}

/**
 * Ends a lockdown job that was asked to stop (an unlock arrived while it was locking): what it
 * locked stays recorded on its case, and the unlock restores it.
 */
export async function stopLockdownJob(
  deps: Deps,
  job: ModerationJob,
  recorder: StepRecorder,
): Promise<StepResult> {
  const lockdown = await lockdownOf(deps, job);
  const outcome = progressOf(job);
  await settleRecord(deps, lockdown, outcome);
  return recorder.end(job, "cancelled", stoppedBody(lockdown.caseNumber, outcome, job.total));
}

async function lockBatch(
  deps: Deps,
  job: ModerationJob,
  lockdown: Lockdown,
  recorder: StepRecorder,
): Promise<StepResult> {
  const targets = inputOf(job).targets.slice(job.done, job.done + LOCK_BATCH);
  const moderator = { id: job.moderatorId, name: job.moderatorName };
  const audit = auditReason(lockdown.caseNumber, "Lockdown", moderator, lockdown.reason);
  const results: LockResult[] = await mapAdaptive(
    targets,
    recorder.lanes,
    () => deps.discord.pressure.held(),
    (target) => lockChannel(deps, lockdown, target, audit),
  );
  const outcome = progressOf(job);
  targets.forEach((target, i) => {
    const result = results[i];
    if (result?.kind === "locked") outcome.locked.push(target.id);
    else if (result?.kind === "skipped") outcome.skipped.push(result.note);
    else if (result) outcome.failed.push(result.note);
  });
  return recorder.record(job, { done: job.done + targets.length, progress: outcome });
}

/** A server lockdown: locks its targets a batch at a time, then records the case. */
export const lockdownJob: JobHandler = {
  async advance(deps, job, recorder) {
    if (job.cancelRequestedAt) return stopLockdownJob(deps, job, recorder);
    const lockdown = await lockdownOf(deps, job);
    if (job.done < job.total) return lockBatch(deps, job, lockdown, recorder);
    const outcome = progressOf(job);
    const skipped = [...inputOf(job).skipped, ...outcome.skipped];
    const summary = lockdownSummaryBody({
      caseNumber: lockdown.caseNumber,
      locked: outcome.locked,
      failed: outcome.failed,
      skipped,
      expiresAt: lockdown.expiresAt,
    });
    // Recorded on the case first: a run cut off here records the same again (idempotent).
    await settleRecord(deps, lockdown, { ...outcome, skipped });
    return recorder.end(job, "done", summary);
  },
  progressBody: (job) => channelsProgressBody("Locking", job.done, job.total),
};
