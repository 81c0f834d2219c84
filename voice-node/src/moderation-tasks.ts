import type { Config } from "../../src/config.ts";
import type { TaskRegistry } from "../../src/ports/index.ts";
import { moderationWorkerTasks } from "../../src/runtime/moderation-worker-tasks.ts";
import { openNodeRemoteCache } from "../../src/runtime/node-redis.ts";
import type { SharedResources } from "./voice-node.ts";

/**
 * The moderation tasks the voice-node runs as the project's long-lived worker, loaded by the
 * first moderation job (see extra-tasks.ts). Redis, as the edge reaches it (REDIS_URL over TCP
 * when self-hosted, Upstash otherwise), carries the Discord global budget the worker shares
 * with every other process; the connection lives as long as the process.
 */
export async function voiceNodeModerationTasks(
  shared: SharedResources,
  edge: Config,
): Promise<TaskRegistry> {
  const redis = await openNodeRemoteCache(edge, shared.log);
  shared.log.info("moderation.worker_cache", { cache: redis.label });
  return moderationWorkerTasks({ ...shared, config: edge, remote: redis.remote });
}
