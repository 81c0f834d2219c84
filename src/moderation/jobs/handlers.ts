import type { JobKind } from "../../domain/moderation/index.ts";
import { lockdownJob } from "./lockdown-job.ts";
import type { JobHandler } from "./types.ts";
import { unlockJob } from "./unlock-job.ts";

/** Every kind of long moderation job, by kind. */
export const jobHandlers: Partial<Record<JobKind, JobHandler>> = {
  lockdown: lockdownJob,
  unlock: unlockJob,
};
