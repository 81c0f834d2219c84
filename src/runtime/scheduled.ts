import { type ScheduledJob, type ScheduledResults, scheduledJobs } from "../jobs/index.ts";
import type { Isolate } from "./isolate.ts";
import { openRequestScope, type RequestResources } from "./scope.ts";

/** @deprecated Import from `src/jobs/index.ts`; kept while other branches move over. */
export type { ScheduledJob, ScheduledResults } from "../jobs/index.ts";

/**
 * Runs every scheduled job once. A failing job is logged and does not stop the others:
 * its rows stay due and are retried on the next tick (or settled lazily on read).
 */
export async function runScheduledWork(
  isolate: Isolate,
  resources: RequestResources,
  now: Date,
  jobs: readonly ScheduledJob[] = scheduledJobs,
): Promise<ScheduledResults> {
  let keepAlive: Promise<void> = Promise.resolve();
  const scope = openRequestScope(isolate, resources, (work) => {
    keepAlive = work;
  });
  const results: ScheduledResults = {};
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
