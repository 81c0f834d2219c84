import type { JobKind } from "../../domain/moderation/index.ts";
import { lockdownJob } from "./lockdown-job.ts";
import { massbanJob } from "./massban-job.ts";
import { massbanPreviewJob } from "./massban-preview-job.ts";
import { massbanUndoJob } from "./massban-undo-job.ts";
import type { JobHandler } from "./types.ts";
import { unlockJob } from "./unlock-job.ts";

/** Every kind of long moderation job, by kind. */
export const jobHandlers: Record<JobKind, JobHandler> = {
  lockdown: lockdownJob,
  unlock: unlockJob,
  massban_preview: massbanPreviewJob,
  massban: massbanJob,
  massban_undo: massbanUndoJob,
};
