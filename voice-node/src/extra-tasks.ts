import type { Config } from "../../src/config.ts";
import { AI_ANSWER_TASK } from "../../src/domain/ai/answer-job.ts";
import { MODERATION_JOB_TASK } from "../../src/domain/moderation/job.ts";
import type { TaskRegistry } from "../../src/ports/index.ts";
import { lazyTasks } from "../../src/runtime/lazy-tasks.ts";
import type { SharedResources } from "./voice-node.ts";

/**
 * Other features' tasks the voice-node runs as the project's long-lived worker: AI answers a
 * short-lived runtime (Workers) handed over, and long moderation jobs (lockdowns, unlocks,
 * massbans) handed over by a request or left by a process that died. `edge` is checked at start; the AI code (and the
 * edge's command tree and Upstash client it pulls in) loads with the first AI job, so an idle
 * voice-node does not hold it (npm run bench, part 4).
 */
export function voiceNodeExtraTasks(edge: Config): (shared: SharedResources) => TaskRegistry {
  return (shared) =>
    new Map([
      ...lazyTasks([AI_ANSWER_TASK], async () =>
        (await import("./ai-tasks.ts")).voiceNodeAiTasks(shared, edge),
      ),
      ...lazyTasks([MODERATION_JOB_TASK], async () =>
        (await import("./moderation-tasks.ts")).voiceNodeModerationTasks(shared, edge),
      ),
    ]);
}
