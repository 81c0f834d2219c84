import {
  claimDueLockdowns,
  countLiveChannels,
  insertJob,
  isUniqueViolation,
  type ModerationJob,
  releaseLockdown,
} from "../data/moderation/index.ts";
import type { Lockdown } from "../db/schema.ts";
import type { Deps } from "../ports/index.ts";
import { applicationIdOf } from "./actor.ts";
import { driveJob, jobTimings, ownerName } from "./jobs/runner.ts";
import type { UnlockJobInput } from "./jobs/unlock-job.ts";

/** A run that died between claiming a lockdown and starting its job frees it after this long. */
const LEASE_MS = 120_000;
const BATCH = 25;
/** The reason on the unlock case and in the audit log. */
const TIMED_END = "Timed lockdown ended";

/** Creates the unlock job that ends one due lockdown; null while the guild runs an unlock. */
async function startExpiryJob(
  deps: Deps,
  lockdown: Lockdown,
  owner: string | null,
): Promise<ModerationJob | null> {
  const botId = applicationIdOf(deps);
  const input: UnlockJobInput = {
    reason: TIMED_END,
    expires: { lockdownId: lockdown.id, audit: `[case #${lockdown.caseNumber}] ${TIMED_END}` },
  };
  try {
    return await insertJob(deps.db, {
      id: deps.random.uuid(),
      applicationId: botId,
      guildId: lockdown.guildId,
      kind: "unlock",
      step: "restoring",
      total: await countLiveChannels(deps.db, lockdown.guildId, lockdown.id),
      moderator: { id: botId, name: "Timed lockdown" },
      channelId: null,
      input,
      // While it runs, the lockdown is not claimed again (see claimDueLockdowns).
      lockdownId: lockdown.id,
      token: null,
      leaseOwner: owner,
      leaseMs: jobTimings(deps).leaseMs,
    });
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
    // A server unlock runs in the guild (it restores these channels too), or another due
    // lockdown of the guild is ending: the next run or interaction tries again.
    deps.log.info("lockdown.expiry_deferred", {
      guild_id: lockdown.guildId,
      lockdown_id: lockdown.id,
    });
    return null;
  } finally {
    await releaseLockdown(deps.db, lockdown.id);
  }
}

/**
 * Ends timed lockdowns that are due (of one guild, or all). Each gets an unlock job that
 * restores its channels exactly, a batch a step under the shared Discord budget, and records
 * the `unlock` case. The scheduled run only starts the jobs: `continue-moderation-jobs` works
 * them, then the worker or the next run. An interaction in the guild (`guildId`) works them in
 * its own request while time allows. Claims use `FOR UPDATE SKIP LOCKED`, and a lockdown whose
 * job runs is not claimed again, so a lockdown is never ended twice. Returns the jobs started.
 */
export async function settleDueLockdowns(deps: Deps, now: Date, guildId?: string): Promise<number> {
  const due = await claimDueLockdowns(deps.db, {
    now,
    applicationId: applicationIdOf(deps),
    guildId,
    leaseMs: LEASE_MS,
    limit: BATCH,
  });
  let started = 0;
  for (const lockdown of due) {
    const owner = guildId ? ownerName(deps, "request") : null;
    const job = await startExpiryJob(deps, lockdown, owner);
    if (!job) continue;
    started++;
    if (owner) {
      const { leaseMs, budgetMs } = jobTimings(deps);
      await driveJob(deps, job, { owner, budgetMs, leaseMs });
    }
  }
  return started;
}
