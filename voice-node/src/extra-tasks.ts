import type { Config } from "../../src/config.ts";
import { AI_ANSWER_TASK } from "../../src/domain/ai/answer-job.ts";
import type { TaskRegistry } from "../../src/ports/index.ts";
import { lazyTasks } from "../../src/runtime/lazy-tasks.ts";
import type { SharedResources } from "./voice-node.ts";

/**
 * Other features' tasks the voice-node runs as the project's long-lived worker: AI answers a
 * short-lived runtime (Workers) handed over. `edge` is checked at start; the AI code (and the
 * edge's command tree and Upstash client it pulls in) loads with the first AI job, so an idle
 * voice-node does not hold it (npm run bench, part 4).
 */
export function voiceNodeExtraTasks(edge: Config): (shared: SharedResources) => TaskRegistry {
  return (shared) =>
    lazyTasks([AI_ANSWER_TASK], async () =>
      (await import("./ai-tasks.ts")).voiceNodeAiTasks(shared, edge),
    );
}
