import { endTimedLockdowns } from "../jobs/end-timed-lockdowns.ts";
import { expireGuildControls } from "../jobs/expire-guild-controls.ts";
import { resumeBanJobs } from "../jobs/resume-ban-jobs.ts";
import { sweepMassbanPreviews } from "../jobs/sweep-massban-previews.ts";
import type { Deps } from "../ports/index.ts";
import type { Isolate } from "./isolate.ts";
import { openRequestScope, type RequestResources } from "./scope.ts";

/** A piece of due work the cron trigger settles; returns how many rows it settled. */
export interface ScheduledJob {
  name: string;
  run(deps: Deps, now: Date): Promise<number>;
}

/** Every job the cron trigger runs, in order. Each settles its own due rows. */
export const scheduledJobs: ScheduledJob[] = [
  expireGuildControls,
  endTimedLockdowns,
  resumeBanJobs,
  sweepMassbanPreviews,
];

/**
 * Runs every scheduled job once. A failing job is logged and does not stop the others:
 * its rows stay due and are retried on the next tick (or settled lazily on read).
 */
export async function runScheduledWork(
  isolate: Isolate,
  resources: RequestResources,
  now: Date,
  jobs: readonly ScheduledJob[] = scheduledJobs,
): Promise<Record<string, number | "failed">> {
  let keepAlive: Promise<void> = Promise.resolve();
  const scope = openRequestScope(isolate, resources, (work) => {
    keepAlive = work;
  });
  const results: Record<string, number | "failed"> = {};
  for (const job of jobs) {
    try {
      results[job.name] = await job.run(scope.deps, now);
    } catch (error) {
      results[job.name] = "failed";
      isolate.log.error("scheduled.job_failed", {
        job: job.name,
        error: error instanceof Error ? error.message : String(error),
      });
    }
  }
  scope.finish();
  await keepAlive;
  isolate.log.info("scheduled.done", { results });
  return results;
}
