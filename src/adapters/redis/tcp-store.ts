import type { Redis } from "ioredis";
import type { KeyValueStore, SetOptions } from "../../ports/index.ts";

/** The cache port over Redis on TCP (ioredis): the self-hosted twin of `UpstashStore`. */
export class TcpStore implements Omit<KeyValueStore, "backend"> {
  constructor(private readonly redis: Redis) {}

  get(key: string): Promise<string | null> {
    return this.redis.get(key);
  }

  async set(key: string, value: string, options: SetOptions = {}): Promise<boolean> {
    const args: (string | number)[] = [key, value];
    if (options.ttlSeconds) args.push("EX", Math.max(1, Math.ceil(options.ttlSeconds)));
    if (options.onlyIfAbsent) args.push("NX");
    return (await this.redis.call("SET", ...args)) === "OK";
  }

  async del(keys: readonly string[]): Promise<void> {
    if (keys.length) await this.redis.del(...keys);
  }

  async deleteMatching(pattern: string): Promise<number> {
    let cursor = "0";
    let deleted = 0;
    for (let pass = 0; pass < 1000; pass++) {
      const [next, keys] = await this.redis.scan(cursor, "MATCH", pattern, "COUNT", 500);
      if (keys.length) deleted += await this.redis.del(...keys);
      cursor = next;
      if (cursor === "0") break;
    }
    return deleted;
  }

  async incrementFields(key: string, increments: Readonly<Record<string, number>>): Promise<void> {
    const entries = Object.entries(increments);
    if (entries.length === 0) return;
    const pipeline = this.redis.pipeline();
    for (const [field, by] of entries) pipeline.hincrby(key, field, by);
    const results = (await pipeline.exec()) ?? [];
    const failed = results.find(([error]) => error);
    if (failed?.[0]) throw failed[0];
  }

  async readNumberHash(key: string): Promise<Record<string, number>> {
    const raw = await this.redis.hgetall(key);
    return Object.fromEntries(Object.entries(raw).map(([field, value]) => [field, Number(value)]));
  }

  async ping(): Promise<number> {
    const started = performance.now();
    await this.redis.ping();
    return performance.now() - started;
  }
}
