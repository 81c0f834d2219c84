import { insertPreview, type ModerationJob } from "../../data/moderation/index.ts";
import {
  type LaneController,
  mapAdaptive,
  partitionTargets,
} from "../../domain/moderation/index.ts";
import { describeError } from "../../platform/logger.ts";
import type { Deps } from "../../ports/index.ts";
import { applicationIdOf } from "../actor.ts";
import { checkingBody, nothingToBanBody, previewBody } from "../massban-views.ts";
import type { JobHandler } from "./types.ts";

/** How long a preview stays confirmable once shown. */
export const PREVIEW_TTL_MS = 60_000;
/** Member lookups recorded per step. */
const CHECK_BATCH = 100;

/** Everything the skip rules need, gathered when the massban was asked for. */
export interface PreviewJobInput {
  targets: string[];
  invalid: string[];
  reason: string | null;
  deleteMessageSeconds: number;
  invokerId: string;
  invokerRoles: string[];
  botId: string;
  botRoles: string[];
  ownerId: string;
  rolePositions: [string, number][];
  /** Members the interaction already carried (`resolved.members`): no lookup needed. */
  known: Record<string, string[]>;
}

/** Lookups done so far: members with their roles, and ids that could not be checked. */
interface PreviewJobProgress {
  memberRoles: Record<string, string[]>;
  unchecked: string[];
}

const inputOf = (job: ModerationJob) => job.input as PreviewJobInput;
const progressOf = (job: ModerationJob): PreviewJobProgress => ({
  memberRoles: {},
  unchecked: [],
  ...(job.progress as Partial<PreviewJobProgress>),
});

/**
 * The ids that need a member lookup: not the invoker, Chopsticks or the owner (skipped
 * anyway), and not members the interaction already resolved. Deterministic, so `done` is a
 * position in it.
 */
export function idsToCheck(input: PreviewJobInput): string[] {
  const exempt = new Set([input.invokerId, input.botId, input.ownerId]);
  return input.targets.filter((id) => !exempt.has(id) && !(id in input.known));
}

async function checkBatch(
  deps: Deps,
  job: ModerationJob,
  ids: readonly string[],
  lanes: LaneController,
) {
  const input = inputOf(job);
  const progress = progressOf(job);
  await mapAdaptive(
    ids,
    lanes,
    () => deps.discord.pressure.held(),
    async (id) => {
      try {
        // null: not a member (a raid account that left): outranks nobody, no hierarchy check.
        const roles = await deps.discord.guilds.memberRoles(job.guildId, id);
        if (roles) progress.memberRoles[id] = roles;
      } catch (error) {
        deps.log.warn("massban.member_check_failed", {
          guild_id: job.guildId,
          error: describeError(error),
        });
        // Never banned unchecked.
        progress.unchecked.push(id);
      }
    },
  );
  return { input, progress };
}

/**
 * A massban preview: looks up the members among the targets a batch at a time, applies the
 * skip rules and stores the preview (confirmable for 60 s from when it is shown).
 */
export const massbanPreviewJob: JobHandler = {
  async advance(deps, job, recorder) {
    const input = inputOf(job);
    const toCheck = idsToCheck(input);
    if (job.done < toCheck.length) {
      const batch = toCheck.slice(job.done, job.done + CHECK_BATCH);
      const { progress } = await checkBatch(deps, job, batch, recorder.lanes);
      return recorder.record(job, { done: job.done + batch.length, progress });
    }
    const progress = progressOf(job);
    const { ban, skipped } = partitionTargets({
      targets: input.targets,
      invokerId: input.invokerId,
      invokerRoles: input.invokerRoles,
      botId: input.botId,
      botRoles: input.botRoles,
      ownerId: input.ownerId,
      rolePositions: new Map(input.rolePositions),
      memberRoles: new Map(Object.entries({ ...input.known, ...progress.memberRoles })),
      unchecked: new Set(progress.unchecked),
    });
    if (ban.length === 0)
      return recorder.end(job, "done", nothingToBanBody(skipped, input.invalid));
    const preview = await insertPreview(deps.db, {
      id: deps.random.uuid(),
      applicationId: applicationIdOf(deps),
      guildId: job.guildId,
      moderator: { id: job.moderatorId, name: job.moderatorName },
      targets: ban,
      skipped,
      invalid: input.invalid,
      reason: input.reason,
      deleteMessageSeconds: input.deleteMessageSeconds,
      expiresAt: new Date(deps.clock.now() + PREVIEW_TTL_MS),
    });
    return recorder.end(job, "done", previewBody(preview));
  },
  progressBody: (job) => checkingBody(job.done, job.total),
};
