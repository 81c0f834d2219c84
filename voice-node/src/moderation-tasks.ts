import type { Config } from "../../src/config.ts";
import type { TaskRegistry } from "../../src/ports/index.ts";
import { createRemoteCache } from "../../src/runtime/isolate.ts";
import { moderationWorkerTasks } from "../../src/runtime/moderation-worker-tasks.ts";
import type { SharedResources } from "./voice-node.ts";

/**
 * The moderation tasks the voice-node runs as the project's long-lived worker, loaded by the
 * first moderation job (see extra-tasks.ts). Redis (the edge's names) carries the Discord
 * global budget it shares with every other process.
 */
export function voiceNodeModerationTasks(shared: SharedResources, edge: Config): TaskRegistry {
  return moderationWorkerTasks({ ...shared, config: edge, remote: createRemoteCache(edge) });
}
