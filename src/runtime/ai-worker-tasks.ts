import { createNodeGuardedFetch } from "../adapters/ai/node-guarded-fetch.ts";
import { createAiServices } from "../adapters/ai/services.ts";
import { aiAnswerTask } from "../ai/index.ts";
import { AI_ANSWER_TASK, parseAllowlist } from "../domain/ai/index.ts";
import type { TaskRegistry } from "../ports/index.ts";
import { type WorkerResources, workerScopes } from "./worker-scope.ts";

/** What the long-lived worker shares with the AI tasks it runs. */
export type AiWorkerResources = WorkerResources;

/**
 * The AI tasks for the long-lived worker's job runner (the voice-node's `extraTasks`):
 * `ai_answer` finishes answers a short-lived runtime handed over. Each job gets the same
 * dependencies a request gets, with no answer cut and guild URLs guarded at connect time.
 */
export function aiWorkerTasks(resources: AiWorkerResources): TaskRegistry {
  const { config } = resources;
  const ai = createAiServices({
    config,
    guardedFetch: createNodeGuardedFetch(parseAllowlist(config.AI_PROVIDER_ALLOWLIST).origins),
    cutAfterMs: null,
  });
  return new Map([[AI_ANSWER_TASK, aiAnswerTask(workerScopes(resources, ai))]]);
}
