import { MODERATION_JOB_TASK } from "../domain/moderation/index.ts";
import { moderationJobTask } from "../moderation/index.ts";
import type { TaskRegistry } from "../ports/index.ts";
import { type WorkerResources, workerScopes } from "./worker-scope.ts";

/** What the long-lived worker shares with the moderation tasks it runs. */
export type ModerationWorkerResources = WorkerResources;

/**
 * The moderation tasks for the long-lived worker's job runner (the voice-node's
 * `extraTasks`): `moderation_job` carries on server lockdowns, unlocks and massbans that a
 * request's `waitUntil` handed over, each job with the dependencies a request gets.
 */
export function moderationWorkerTasks(resources: ModerationWorkerResources): TaskRegistry {
  return new Map([[MODERATION_JOB_TASK, moderationJobTask(workerScopes(resources))]]);
}
