import { refreshCachedControls } from "../../data/guild-controls-cache.ts";
import {
  abandonLockdown,
  claimLease,
  countLiveChannels,
  findJob,
  findLockdown,
  liveChannelsAfter,
  type ModerationJob,
  recordJobStep,
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
  /**
   * The end of a timed lockdown: only this lockdown's channels are restored, with this
   * audit-log reason; nobody ran a command, so its case in the modlog is the only message.
   */
  expires?: { lockdownId: string; audit: string };
}

/** What it has done so far; `cursor` is the last channel row it handled. */
export interface UnlockJobProgress {
  cursor: number;
  restored: string[];
  failed: ChannelNote[];
  busy: string[];
  lockdownIds: string[];
}

const inputOf = (job: ModerationJob) => job.input as UnlockJobInput;

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
    total: await countLiveChannels(deps.db, job.guildId, inputOf(job).expires?.lockdownId),
  });
}

class LeaseLost extends Error {}

/** The unlock case and the job's note of it commit together: a resumed run never records twice. */
async function recordCase(deps: Deps, job: ModerationJob, recorder: StepRecorder) {
  const progress = progressOf(job);
  const reason = inputOf(job).reason;
  const ids = progress.lockdownIds;
  const single = ids.length === 1 ? await findLockdown(deps.db, ids[0] ?? "") : null;
  const recorded = await deps.db.transaction(async (tx) => {
    const unlock = await recordUnlock(tx, {
      guildId: job.guildId,
      moderatorId: job.moderatorId,
      reason,
      channelIds: progress.restored,
      lockdownIds: ids,
      undoesCaseNumber: single?.caseNumber ?? null,
      now: new Date(deps.clock.now()),
    });
    const next = await recordJobStep(tx, job, recorder.owner, deps.config.MODERATION_LEASE_MS, {
      caseNumber: unlock.number,
    });
    // The lease went elsewhere: roll the case back; the new holder records it.
    if (!next) throw new LeaseLost();
    return next;
  });
  await refreshCachedControls(deps, [job.guildId]);
  if (recorded.caseNumber !== null) postCaseToModlog(deps, job.guildId, recorded.caseNumber);
  return recorded;
}

async function finish(deps: Deps, job: ModerationJob, recorder: StepRecorder): Promise<StepResult> {
  const progress = progressOf(job);
  const expires = inputOf(job).expires;
  // A timed end whose channels another run (a moderator's unlock) restored: it recorded them.
  if (expires && progress.restored.length === 0 && progress.failed.length === 0) {
    await abandonLockdown(deps.db, expires.lockdownId, new Date(deps.clock.now()));
    await refreshCachedControls(deps, [job.guildId]);
  }
  if (progress.restored.length > 0 && job.caseNumber === null) {
    try {
      job = await recordCase(deps, job, recorder);
    } catch (error) {
      if (error instanceof LeaseLost) return { kind: "lost" };
      throw error;
    }
  }
  const summary = unlockSummaryBody({
    caseNumber: job.caseNumber,
    restored: progress.restored,
    failed: progress.failed,
    busy: progress.busy,
  });
  return recorder.end(job, "done", summary);
}

/**
 * A server unlock (or a timed lockdown's end): waits for a running lockdown to stop, then
 * restores a batch at a time.
 */
export const unlockJob: JobHandler = {
  async advance(deps, job, recorder) {
    if (job.step === "waiting") return waitForLockdown(deps, job, recorder);
    const progress = progressOf(job);
    const input = inputOf(job);
    const rows = await liveChannelsAfter(
      deps.db,
      job.guildId,
      progress.cursor,
      RESTORE_BATCH,
      input.expires?.lockdownId,
    );
    if (rows.length === 0) return finish(deps, job, recorder);
    const moderator = { id: job.moderatorId, name: job.moderatorName };
    const audit = input.expires?.audit ?? auditReason(null, "Unlock", moderator, input.reason);
    // The run's adaptive lanes, like its other calls; claims carry the job's id.
    const outcome = await restoreChannels(deps, rows, audit, null, {
      lanes: recorder.lanes,
      owner: `job:${job.id}`,
    });
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
