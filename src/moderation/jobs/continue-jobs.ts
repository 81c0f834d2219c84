import { unleasedJobs } from "../../data/moderation/index.ts";
import type { Deps, TaskHandler } from "../../ports/index.ts";
import { applicationIdOf } from "../actor.ts";
import { jobTimings, ownerName, type RunOutcome, runModerationJob } from "./runner.ts";

const BATCH = 10;

/**
 * The scheduled side of long moderation jobs: works every running job nobody holds (handed
 * over, or its process died and its lease ran out) until the tick's budget is spent, then
 * hands the rest on. Leases make a job run in one process at a time. A scheduled run has the
 * same window as a request's waitUntil (~30 s on Workers), so it gets the same budget,
 * MODERATION_RUN_BUDGET_MS (20 s by default).
 */
export async function continueModerationJobs(
  deps: Deps,
  budgetMs = jobTimings(deps).budgetMs,
): Promise<number> {
  const deadline = deps.clock.now() + budgetMs;
  const ids = await unleasedJobs(deps.db, { applicationId: applicationIdOf(deps), limit: BATCH });
  let advanced = 0;
  for (const id of ids) {
    const left = deadline - deps.clock.now();
    if (left <= 0) break;
    const outcome = await runModerationJob(deps, id, {
      owner: ownerName(deps, "scheduled"),
      budgetMs: left,
      leaseMs: jobTimings(deps).leaseMs,
    });
    if (outcome !== "busy") advanced++;
  }
  return advanced;
}

/** The worker's hold on one job: until done, or this long before re-queueing itself. */
const WORKER_RUN_MS = 5 * 60_000;
const LEASE_POLL_MS = 500;

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function jobIdOf(payload: unknown): string | null {
  const id = (payload as { jobId?: unknown } | null)?.jobId;
  return typeof id === "string" ? id : null;
}

/**
 * The `moderation_job` task for the long-lived worker (the voice-node's job runner). A job
 * whose lease a dead process still holds (the worker itself, killed mid-job and restarted)
 * is waited for until the lease runs out, at most two leases long; after that the scheduled
 * run is there too.
 */
export function moderationJobTask(
  openScope: () => { deps: Deps; finish(): Promise<void> },
): TaskHandler {
  return async function moderationJob(payload) {
    const { deps, finish } = openScope();
    try {
      const id = jobIdOf(payload);
      if (!id) {
        deps.log.error("moderation.job_malformed");
        return;
      }
      const { leaseMs } = jobTimings(deps);
      const owner = ownerName(deps, "worker");
      const giveUpAt = deps.clock.now() + 2 * leaseMs + LEASE_POLL_MS;
      let outcome: RunOutcome = "busy";
      while (outcome === "busy" && deps.clock.now() < giveUpAt) {
        outcome = await runModerationJob(deps, id, { owner, budgetMs: WORKER_RUN_MS, leaseMs });
        if (outcome === "busy") await pause(LEASE_POLL_MS);
      }
      deps.log.info("moderation.worker_run", { job_id: id, outcome });
    } finally {
      await finish();
    }
  };
}
