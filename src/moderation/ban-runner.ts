import {
  type BanJob,
  finishJob,
  type JobStep,
  markInFlight,
  recordStep,
  releaseJob,
} from "../data/moderation/index.ts";
import {
  auditReason,
  BULK_BAN_MAX,
  bannedByCase,
  type ChunkOutcome,
  classifyChunkError,
  type Failure,
  type LaneController,
  mapAdaptive,
  mapBounded,
  outcomeOfError,
  outcomeOfResult,
} from "../domain/moderation/index.ts";
import type { Progress } from "../interactions/index.ts";
import { describeError } from "../platform/logger.ts";
import type { Deps, MessageBody } from "../ports/index.ts";
import { DiscordRequestError } from "../ports/index.ts";
import { applicationIdOf, showProgress } from "./actor.ts";
import { withGlobalBudget } from "./jobs/discord-budget.ts";
import { handedOverBody, jobProgressBody, jobSummaryBody } from "./massban-views.ts";
import { postCaseToModlog } from "./modlog-post.ts";

/** Unbans go one call per user; this many are recorded (and shown) together. */
export const UNBAN_BATCH = 50;
/** Calls in flight at once for per-user work (the REST client still honours rate limits). */
export const PER_USER_CONCURRENCY = 8;
/**
 * How long one run keeps going before handing the rest to the cron trigger: Workers cut
 * post-response work off about 30 s after the response.
 */
export const RUN_BUDGET_MS = 20_000;

const moderatorOf = (job: BanJob) => ({ id: job.moderatorId, name: job.moderatorName });
const at = (deps: Deps) => new Date(deps.clock.now());

/** What the case shows of a job's progress; written with every step. */
export function caseDetailsOf(job: BanJob): Record<string, unknown> {
  return job.kind === "ban"
    ? { banned: job.doneIds, failed: job.failed }
    : { unbanned: job.doneIds, notBanned: job.goneIds, failed: job.failed };
}

/**
 * Whether each id of a chunk is banned by this case, for chunks whose fate is unknown (no
 * answer, a server error, or a run that died after sending). The audit-log reason carries the
 * case marker, so a ban made by anyone else is not mistaken for ours.
 */
async function verifyOwnBans(
  deps: Deps,
  job: BanJob,
  ids: readonly string[],
  otherwise: string,
): Promise<ChunkOutcome> {
  const found = await mapBounded(ids, PER_USER_CONCURRENCY, async (id) => {
    try {
      return bannedByCase(
        await deps.discord.guilds.banReason(job.guildId, id),
        job.caseNumber ?? 0,
      );
    } catch (error) {
      deps.log.warn("massban.verify_failed", {
        guild_id: job.guildId,
        error: describeError(error),
      });
      return false;
    }
  });
  const outcome: ChunkOutcome = { banned: [], failed: [] };
  ids.forEach((id, i) => {
    if (found[i]) outcome.banned.push(id);
    else outcome.failed.push({ id, reason: otherwise });
  });
  return outcome;
}

/** Sends one chunk of at most 200 ids to bulk-ban and says who was banned. */
export async function banChunk(deps: Deps, job: BanJob): Promise<JobStep | null> {
  const ids = job.targets.slice(job.nextIndex, job.nextIndex + BULK_BAN_MAX);
  const resumed = job.inFlight;
  if (!(await markInFlight(deps.db, job))) return null;
  const reason = auditReason(job.caseNumber ?? 0, "Massban", moderatorOf(job), job.reason);
  let outcome: ChunkOutcome;
  let verified = false;
  try {
    const result = await deps.discord.guilds.bulkBan(
      job.guildId,
      ids,
      job.deleteMessageSeconds,
      reason,
    );
    outcome = outcomeOfResult(ids, result);
  } catch (error) {
    if (!(error instanceof DiscordRequestError)) throw error;
    const kind = classifyChunkError(error.status, error.code, error.detail);
    if (kind.kind === "unknown") {
      outcome = await verifyOwnBans(deps, job, ids, `Discord did not answer: ${kind.message}`);
      verified = true;
    } else {
      outcome = outcomeOfError(ids, kind);
    }
  }
  if (resumed && !verified && outcome.failed.length > 0) {
    // The run that died may have banned these already; Discord now reports them as failed.
    const again = await verifyOwnBans(
      deps,
      job,
      outcome.failed.map((f) => f.id),
      "",
    );
    const reasons = new Map(outcome.failed.map((f) => [f.id, f.reason]));
    outcome = {
      banned: [...outcome.banned, ...again.banned],
      failed: again.failed.map((f) => ({ id: f.id, reason: reasons.get(f.id) ?? f.reason })),
    };
  }
  return { processed: ids.length, done: outcome.banned, failed: outcome.failed };
}

/**
 * Lifts up to {@link UNBAN_BATCH} bans; "not banned anymore" is not a failure of the undo.
 * Sending a batch again (a run cut off before recording it) lifts nothing twice: Discord
 * answers "Unknown Ban" for those already lifted, counted as no longer banned.
 * With `lanes` (a moderation job run), the calls in flight adapt to rate-limit holds.
 */
export async function unbanBatch(
  deps: Deps,
  job: BanJob,
  lanes?: LaneController,
): Promise<JobStep> {
  const ids = job.targets.slice(job.nextIndex, job.nextIndex + UNBAN_BATCH);
  const reason = auditReason(
    job.caseNumber ?? 0,
    `Undo of massban case #${job.undoesCaseNumber}`,
    moderatorOf(job),
    job.reason,
  );
  const unbanOne = async (id: string): Promise<"done" | "gone" | Failure> => {
    try {
      return (await deps.discord.guilds.unban(job.guildId, id, reason)) ? "done" : "gone";
    } catch (error) {
      if (error instanceof DiscordRequestError) return { id, reason: error.detail };
      throw error;
    }
  };
  const results = lanes
    ? await mapAdaptive(ids, lanes, () => deps.discord.pressure.held(), unbanOne)
    : await mapBounded(ids, PER_USER_CONCURRENCY, unbanOne);
  return {
    processed: ids.length,
    done: ids.filter((_, i) => results[i] === "done"),
    gone: ids.filter((_, i) => results[i] === "gone"),
    failed: results.filter((r): r is Failure => typeof r === "object"),
  };
}

/**
 * Runs a claimed massban or undo job from its recorded position: one step at a time, each
 * recorded in Postgres before the message is edited, so a run cut off at any point leaves an
 * exact record and can be resumed. Past the budget it hands the rest to the cron trigger.
 * Returns the body for the final edit.
 */
export async function runBanJob(
  deps: Deps,
  claimed: BanJob,
  progress: Pick<Progress, "edit">,
  budgetMs = RUN_BUDGET_MS,
): Promise<MessageBody> {
  const deadline = deps.clock.now() + budgetMs;
  // Undo jobs unban one user a call: they spend the same shared global budget as other jobs.
  deps = {
    ...deps,
    discord: withGlobalBudget(deps.discord, {
      limiter: deps.limiter,
      applicationId: applicationIdOf(deps),
      now: () => deps.clock.now(),
      log: deps.log,
    }),
  };
  let job = claimed;
  while (job.nextIndex < job.targets.length) {
    if (deps.clock.now() >= deadline) {
      await releaseJob(deps.db, job);
      return handedOverBody(job);
    }
    const step = job.kind === "ban" ? await banChunk(deps, job) : await unbanBatch(deps, job);
    const next = step && (await recordStep(deps.db, job, step, caseDetailsOf));
    if (!next) {
      deps.log.warn("massban.job_taken_over", { job_id: job.id, guild_id: job.guildId });
      return jobProgressBody(job);
    }
    job = next;
    if (job.nextIndex < job.targets.length)
      await showProgress(deps, progress, jobProgressBody(job));
  }
  const finished = (await finishJob(deps.db, job, at(deps))) ?? job;
  if (finished.caseNumber !== null) postCaseToModlog(deps, finished.guildId, finished.caseNumber);
  return jobSummaryBody(finished);
}
