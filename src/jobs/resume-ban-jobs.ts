import type { BanJob } from "../data/moderation/index.ts";
import { claimStaleJob } from "../data/moderation/index.ts";
import { clampMessage } from "../interactions/index.ts";
import { applicationIdOf, runBanJob } from "../moderation/index.ts";
import { describeError } from "../platform/logger.ts";
import type { Deps, MessageBody } from "../ports/index.ts";
import type { ScheduledJob } from "./scheduled-job.ts";

/** A running job without a heartbeat for this long has lost its runner. */
export const STALE_AFTER_MS = 60_000;
/** How long one cron tick spends on resumed jobs. */
const TICK_BUDGET_MS = 20_000;

/** Edits the job's original message while its interaction token still works; else nothing. */
function tokenProgress(deps: Deps, job: BanJob) {
  return {
    async edit(body: MessageBody): Promise<void> {
      const { interactionToken: token, tokenExpiresAt } = job;
      if (!token || !tokenExpiresAt || tokenExpiresAt.getTime() <= deps.clock.now()) return;
      try {
        await deps.discord.interactions.editOriginal(token, clampMessage(body));
      } catch (error) {
        deps.log.warn("massban.resume_edit_failed", {
          job_id: job.id,
          error: describeError(error),
        });
      }
    },
  };
}

/**
 * Resumes massban and undo jobs whose run was cut off (Workers end post-response work about
 * 30 s after the response) or handed over, from the position recorded in Postgres. Claims use
 * `FOR UPDATE SKIP LOCKED`, so two ticks never run the same job.
 */
export async function resumeStaleBanJobs(
  deps: Deps,
  options: { budgetMs?: number; staleMs?: number; guildId?: string } = {},
): Promise<number> {
  const budget = options.budgetMs ?? TICK_BUDGET_MS;
  const deadline = deps.clock.now() + budget;
  let resumed = 0;
  while (deps.clock.now() < deadline) {
    const job = await claimStaleJob(deps.db, {
      applicationId: applicationIdOf(deps),
      staleMs: options.staleMs ?? STALE_AFTER_MS,
      guildId: options.guildId,
    });
    if (!job) break;
    deps.log.info("massban.resumed", { job_id: job.id, guild_id: job.guildId, at: job.nextIndex });
    const progress = tokenProgress(deps, job);
    const final = await runBanJob(deps, job, progress, deadline - deps.clock.now());
    await progress.edit(final);
    resumed++;
  }
  return resumed;
}

/** The cron side of massban and undo jobs. */
export const resumeBanJobs: ScheduledJob = {
  name: "resume-ban-jobs",
  // Staleness is judged by the database's clock (see claimStaleJob), not the tick's time.
  run: (deps) => resumeStaleBanJobs(deps),
};
