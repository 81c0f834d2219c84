import { deleteFinishedJobs } from "../data/moderation/index.ts";
import type { ScheduledJob } from "./scheduled-job.ts";

/** Finished moderation jobs are kept this long for `/case view`, then deleted. */
export const KEEP_FINISHED_JOBS_MS = 30 * 86_400_000;
/** Rows deleted per run at most; a backlog goes over the next runs. */
const BATCH = 1000;

/**
 * Deletes moderation jobs (lockdowns, unlocks, massbans, undos) that finished more than 30
 * days ago. Their cases keep what they did; `/case view` just no longer shows the job's steps.
 */
export const pruneModerationJobs: ScheduledJob = {
  name: "prune-moderation-jobs",
  run: (deps, now) =>
    deleteFinishedJobs(deps.db, {
      before: new Date(now.getTime() - KEEP_FINISHED_JOBS_MS),
      limit: BATCH,
    }),
};
