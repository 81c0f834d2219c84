import { deleteStalePreviews } from "../data/moderation/index.ts";
import type { ScheduledJob } from "./scheduled-job.ts";

/** Previews that never ran are kept a day (for questions about them), then deleted. */
const KEEP_MS = 86_400_000;

/** Deletes massban previews that were never confirmed; confirmed ones live on as jobs and cases. */
export const sweepMassbanPreviews: ScheduledJob = {
  name: "sweep-massban-previews",
  run: (deps, now) => deleteStalePreviews(deps.db, new Date(now.getTime() - KEEP_MS)),
};
