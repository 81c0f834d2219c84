import { connectTcpRedis } from "../adapters/redis/tcp-client.ts";
import { TcpLimiter } from "../adapters/redis/tcp-limiter.ts";
import { TcpStore } from "../adapters/redis/tcp-store.ts";
import type { RemoteCache } from "../adapters/resilient-cache.ts";
import type { Config } from "../config.ts";
import type { Logger } from "../ports/index.ts";
import { createRemoteCache } from "./isolate.ts";

/** The process's Redis side and how to let go of it. */
export interface NodeRemoteCache {
  remote: RemoteCache | null;
  /** Human-readable, for the start-up banner. */
  label: string;
  close(): Promise<void>;
}

/**
 * Redis for the Node process: over TCP when `REDIS_URL` is set (self-host, compose), else
 * Upstash REST when configured, else none (memory only). One client for the whole process.
 */
export async function openNodeRemoteCache(config: Config, log: Logger): Promise<NodeRemoteCache> {
  if (config.REDIS_URL) {
    const client = await connectTcpRedis({ url: config.REDIS_URL, log });
    const store = new TcpStore(client);
    return {
      remote: { store, limiter: new TcpLimiter(client, store, config.REDIS_KEY_PREFIX) },
      label: `Redis over TCP (${redactedHost(config.REDIS_URL)})`,
      async close() {
        client.disconnect();
      },
    };
  }
  const remote = createRemoteCache(config);
  return {
    remote,
    label: remote ? "Upstash Redis" : "in-memory",
    close: async () => undefined,
  };
}

/** `host:port` of a Redis URL, never its password. */
function redactedHost(url: string): string {
  const { hostname, port } = new URL(url);
  return `${hostname}:${port || "6379"}`;
}
