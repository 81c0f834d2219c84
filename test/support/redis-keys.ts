import { createRedisClient } from "./redis-client.ts";

/**
 * Deletes every key starting with `prefix` from the Redis at `redisUrl` (SCAN, not KEYS, so a
 * shared Redis is not blocked); returns how many went. For cleaning up after a run.
 */
export async function deleteKeysWithPrefix(redisUrl: string, prefix: string): Promise<number> {
  if (!prefix) throw new Error("refusing to delete every key: the prefix is empty");
  const redis = createRedisClient(redisUrl, { maxRetriesPerRequest: 1, connectTimeout: 2000 });
  let deleted = 0;
  try {
    let cursor = "0";
    do {
      const [next, keys] = await redis.scan(cursor, "MATCH", `${prefix}*`, "COUNT", 500);
      if (keys.length > 0) deleted += await redis.del(...keys);
      cursor = next;
    } while (cursor !== "0");
  } finally {
    redis.disconnect();
  }
  return deleted;
}
