import { refreshCachedControls } from "../../data/guild-controls-cache.ts";
import {
  claimLease,
  countLiveChannels,
  findJob,
  findLockdown,
  liveChannelsAfter,
  type ModerationJob,
  recordUnlock,
} from "../../data/moderation/index.ts";
import { auditReason, type ChannelNote } from "../../domain/moderation/index.ts";
import type { Deps } from "../../ports/index.ts";
import { restoreChannels } from "../lockdown-runner.ts";
import { channelsProgressBody, unlockSummaryBody } from "../lockdown-views.ts";
import { postCaseToModlog } from "../modlog-post.ts";
import { deliverSummary } from "./deliver.ts";
import { stopLockdownJob } from "./lockdown-job.ts";
import type { JobHandler, StepRecorder, StepResult } from "./types.ts";

/** Channels restored per recorded step. */
const RESTORE_BATCH = 24;
/** How often an unlock looks again at the lockdown it waits for. */
const WAIT_POLL_MS = 250;

/** What a server unlock job was asked to do. */
export interface UnlockJobInput {
  reason: string | null;
}

/** What it has done so far; `cursor` is the last channel row it handled. */
export interface UnlockJobProgress {
  cursor: number;
  restored: string[];
  failed: ChannelNote[];
  busy: string[];
  lockdownIds: string[];
}

const progressOf = (job: ModerationJob): UnlockJobProgress => ({
  cursor: 0,
  restored: [],
  failed: [],
  busy: [],
  lockdownIds: [],
  ...(job.progress as Partial<UnlockJobProgress>),
});

/**
 * Unlock while a lockdown is still locking: the lockdown stops at once (it was asked to when
 * the unlock was created) and this unlock then restores everything it changed. A lockdown
 * whose runner died is stopped here, under its lease.
 */
async function waitForLockdown(
  deps: Deps,
  job: ModerationJob,
  recorder: StepRecorder,
): Promise<StepResult> {
  const lockJob = job.afterJobId ? await findJob(deps.db, job.afterJobId) : null;
  if (lockJob?.state === "running") {
    const orphan = await claimLease(deps.db, {
      id: lockJob.id,
      owner: recorder.owner,
      leaseMs: deps.config.MODERATION_LEASE_MS,
    });
    if (!orphan) return { kind: "wait", ms: WAIT_POLL_MS };
    const stopped = await stopLockdownJob(deps, orphan, recorder);
    if (stopped.kind !== "finished") return { kind: "wait", ms: WAIT_POLL_MS };
    await deliverSummary(deps, stopped.job, orphan.interactionToken, stopped.summary);
  }
  return recorder.record(job, {
    step: "restoring",
    total: await countLiveChannels(deps.db, job.guildId),
  });
}

async function finish(deps: Deps, job: ModerationJob, recorder: StepRecorder) {
  const progress = progressOf(job);
  const moderator = { id: job.moderatorId, name: job.moderatorName };
  const reason = (job.input as UnlockJobInput).reason;
  let caseNumber: number | null = null;
  if (progress.restored.length > 0) {
    const ids = progress.lockdownIds;
    const single = ids.length === 1 ? await findLockdown(deps.db, ids[0] ?? "") : null;
    const unlock = await recordUnlock(deps.db, {
      guildId: job.guildId,
      moderatorId: moderator.id,
      reason,
      channelIds: progress.restored,
      lockdownIds: ids,
      undoesCaseNumber: single?.caseNumber ?? null,
      now: new Date(deps.clock.now()),
    });
    caseNumber = unlock.number;
    await refreshCachedControls(deps, [job.guildId]);
    postCaseToModlog(deps, job.guildId, unlock.number);
    const recorded = await recorder.record(job, { caseNumber });
    if (recorded.kind !== "progress") return recorded;
    job = recorded.job;
  }
  const summary = unlockSummaryBody({
    caseNumber,
    restored: progress.restored,
    failed: progress.failed,
    busy: progress.busy,
  });
  return recorder.end(job, "done", summary);
}

/** A server unlock: waits for a running lockdown to stop, restores a batch at a time. */
export const unlockJob: JobHandler = {
  async advance(deps, job, recorder) {
    if (job.step === "waiting") return waitForLockdown(deps, job, recorder);
    const progress = progressOf(job);
    const rows = await liveChannelsAfter(deps.db, job.guildId, progress.cursor, RESTORE_BATCH);
    if (rows.length === 0) return finish(deps, job, recorder);
    const moderator = { id: job.moderatorId, name: job.moderatorName };
    const audit = auditReason(null, "Unlock", moderator, (job.input as UnlockJobInput).reason);
    const outcome = await restoreChannels(deps, rows, audit, null);
    progress.cursor = Math.max(...rows.map((r) => r.id));
    progress.restored.push(...outcome.restored.map((r) => r.channelId));
    progress.failed.push(...outcome.failed);
    progress.busy.push(...outcome.busy.map((r) => r.channelId));
    progress.lockdownIds = [
      ...new Set([...progress.lockdownIds, ...outcome.restored.map((r) => r.lockdownId)]),
    ];
    return recorder.record(job, {
      done: job.done + rows.length,
      total: Math.max(job.total, job.done + rows.length),
      progress,
    });
  },
  progressBody: (job) => channelsProgressBody("Unlocking", job.done, job.total),
};
