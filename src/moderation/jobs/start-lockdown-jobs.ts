import {
  countLiveChannels,
  createLockdown,
  insertJob,
  isUniqueViolation,
  type ModerationJob,
  requestCancel,
  runningJob,
} from "../../data/moderation/index.ts";
import {
  type ChannelNote,
  INTERACTION_TOKEN_TTL_MS,
  jobStateLine,
  type LockTarget,
} from "../../domain/moderation/index.ts";
import { UserError } from "../../interactions/index.ts";
import type { Deps } from "../../ports/index.ts";
import { applicationIdOf, type Moderator } from "../actor.ts";
import type { LockdownJobInput } from "./lockdown-job.ts";
import { driveJob, jobTimings, ownerName } from "./runner.ts";
import type { UnlockJobInput } from "./unlock-job.ts";

/** Where a command runs: its guild, channel and interaction token. */
export interface JobOrigin {
  guildId: string;
  channelId: string | null;
  token: string;
  moderator: Moderator;
}

const tokenOf = (deps: Deps, origin: JobOrigin) => ({
  token: origin.token,
  expiresAt: new Date(deps.clock.now() + INTERACTION_TOKEN_TTL_MS),
});

function busyRefusal(job: ModerationJob): UserError {
  const what = job.kind === "lockdown" ? "A server lockdown" : "A server unlock";
  const caseText = job.caseNumber ? ` (case #${job.caseNumber})` : "";
  return new UserError(
    `${what} is already running in this server${caseText}: ${jobStateLine(job)}. Nothing was changed; \`/case view\` follows it.`,
    "Already running",
  );
}

/** Refuses while a server lockdown or unlock is running in the guild. */
export async function refuseWhileRunning(deps: Deps, guildId: string): Promise<void> {
  const applicationId = applicationIdOf(deps);
  for (const kind of ["lockdown", "unlock"] as const) {
    const running = await runningJob(deps.db, { applicationId, guildId, kind });
    if (running) throw busyRefusal(running);
  }
}

/**
 * Creates a server lockdown (its case and its job, in one transaction) and works it in this
 * request while time allows. A second server lockdown, or one during an unlock, is refused
 * and changes nothing (the partial unique index settles two at once).
 */
export async function startServerLockdown(
  deps: Deps,
  origin: JobOrigin,
  plan: {
    targets: LockTarget[];
    skipped: ChannelNote[];
    reason: string | null;
    expiresAt: Date | null;
  },
): Promise<void> {
  await refuseWhileRunning(deps, origin.guildId);
  const { leaseMs, budgetMs } = jobTimings(deps);
  const owner = ownerName(deps, "request");
  const input: LockdownJobInput = { targets: plan.targets, skipped: plan.skipped };
  let job: ModerationJob;
  try {
    job = await deps.db.transaction(async (tx) => {
      const { lockdown } = await createLockdown(tx, {
        id: deps.random.uuid(),
        applicationId: applicationIdOf(deps),
        guildId: origin.guildId,
        scope: "server",
        reason: plan.reason,
        lockedBy: origin.moderator.id,
        channelIds: plan.targets.map((t) => t.id),
        expiresAt: plan.expiresAt,
        now: new Date(deps.clock.now()),
      });
      return insertJob(tx, {
        id: deps.random.uuid(),
        applicationId: applicationIdOf(deps),
        guildId: origin.guildId,
        kind: "lockdown",
        step: "locking",
        total: plan.targets.length,
        moderator: origin.moderator,
        channelId: origin.channelId,
        input,
        caseNumber: lockdown.caseNumber,
        lockdownId: lockdown.id,
        token: tokenOf(deps, origin),
        leaseOwner: owner,
        leaseMs,
      });
    });
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
    await refuseWhileRunning(deps, origin.guildId);
    throw error;
  }
  await driveJob(deps, job, { owner, budgetMs, leaseMs });
}

/**
 * Creates a server unlock and works it in this request while time allows. During a running
 * lockdown it stops that lockdown at once and then restores everything it changed.
 */
export async function startServerUnlock(
  deps: Deps,
  origin: JobOrigin,
  input: { reason: string | null; nothingLocked: string },
): Promise<void> {
  const applicationId = applicationIdOf(deps);
  const guildId = origin.guildId;
  const unlocking = await runningJob(deps.db, { applicationId, guildId, kind: "unlock" });
  if (unlocking) throw busyRefusal(unlocking);
  const locking = await runningJob(deps.db, { applicationId, guildId, kind: "lockdown" });
  const live = await countLiveChannels(deps.db, guildId);
  if (!locking && live === 0) throw new UserError(input.nothingLocked, "Not locked");
  const { leaseMs, budgetMs } = jobTimings(deps);
  const owner = ownerName(deps, "request");
  const jobInput: UnlockJobInput = { reason: input.reason };
  let job: ModerationJob;
  try {
    job = await deps.db.transaction(async (tx) => {
      if (locking) await requestCancel(tx, locking.id);
      return insertJob(tx, {
        id: deps.random.uuid(),
        applicationId,
        guildId,
        kind: "unlock",
        step: locking ? "waiting" : "restoring",
        total: live,
        moderator: origin.moderator,
        channelId: origin.channelId,
        input: jobInput,
        afterJobId: locking?.id ?? null,
        token: tokenOf(deps, origin),
        leaseOwner: owner,
        leaseMs,
      });
    });
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
    const again = await runningJob(deps.db, { applicationId, guildId, kind: "unlock" });
    if (again) throw busyRefusal(again);
    throw error;
  }
  await driveJob(deps, job, { owner, budgetMs, leaseMs });
}
