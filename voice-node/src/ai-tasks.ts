import type { Config } from "../../src/config.ts";
import type { TaskRegistry } from "../../src/ports/index.ts";
import { aiWorkerTasks } from "../../src/runtime/ai-worker-tasks.ts";
import { createRemoteCache } from "../../src/runtime/isolate.ts";
import type { SharedResources } from "./voice-node.ts";

/**
 * The AI tasks the voice-node runs as the project's long-lived worker. Loaded by the first AI
 * job (see main.ts): the AI adapters, the edge's command tree and the Upstash client stay out
 * of an idle voice-node's memory.
 */
export function voiceNodeAiTasks(shared: SharedResources, edge: Config): TaskRegistry {
  return aiWorkerTasks({ ...shared, config: edge, remote: createRemoteCache(edge) });
}
