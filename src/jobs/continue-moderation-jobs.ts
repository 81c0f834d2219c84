import { continueModerationJobs } from "../moderation/index.ts";
import type { ScheduledJob } from "./scheduled-job.ts";

/** The scheduled side of long moderation jobs (lockdowns, unlocks, massbans). */
export const continueModerationJobsJob: ScheduledJob = {
  name: "continue-moderation-jobs",
  run: (deps) => continueModerationJobs(deps),
};
