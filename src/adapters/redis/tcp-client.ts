import IORedis, { type Redis } from "ioredis";
import { describeError } from "../../platform/logger.ts";
import type { Logger } from "../../ports/index.ts";

// ioredis is CommonJS: under Node's ESM loader the class is the default export, and also its
// `Redis` property (TOOLCHAIN.md).
const RedisClass = (IORedis as unknown as { Redis?: typeof Redis }).Redis ?? IORedis;

/** Settings of {@link connectTcpRedis}. */
export interface TcpRedisOptions {
  url: string;
  log: Logger;
  /** Per command; keep it far inside Discord's 3 s. Default 300 ms. */
  commandTimeoutMs?: number;
  /** How long start-up waits for the first connection before serving from memory. */
  readyWithinMs?: number;
}

/**
 * An ioredis client for the request path: every command has a timeout, nothing queues while
 * the connection is down (a command fails at once and the circuit breaker serves from memory),
 * and reconnection goes on in the background with a capped backoff.
 */
export async function connectTcpRedis(options: TcpRedisOptions): Promise<Redis> {
  const client = new RedisClass(options.url, {
    connectTimeout: 1000,
    commandTimeout: options.commandTimeoutMs ?? 300,
    enableOfflineQueue: false,
    maxRetriesPerRequest: 1,
    enableAutoPipelining: true,
    retryStrategy: (attempt) => Math.min(attempt * 200, 5000),
  });
  // The breaker logs the outage once; each failed reconnect is only worth a debug line.
  client.on("error", (error: unknown) =>
    options.log.debug("redis.connection_error", { error: describeError(error) }),
  );
  await waitForReady(client, options.readyWithinMs ?? 1000);
  return client;
}

/** Resolves on the first `ready`, or after `ms` (Redis down at start must not stop start-up). */
function waitForReady(client: Redis, ms: number): Promise<void> {
  if (client.status === "ready") return Promise.resolve();
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      client.off("ready", done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    client.once("ready", done);
  });
}
