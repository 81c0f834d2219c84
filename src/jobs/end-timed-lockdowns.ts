import { settleDueLockdowns } from "../moderation/index.ts";
import type { ScheduledJob } from "./scheduled-job.ts";

/** The cron side of timed lockdowns; interactions settle their own guild lazily too. */
export const endTimedLockdowns: ScheduledJob = {
  name: "end-timed-lockdowns",
  run: (deps, now) => settleDueLockdowns(deps, now),
};
