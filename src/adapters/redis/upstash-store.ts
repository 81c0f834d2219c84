import { Redis } from "@upstash/redis";
import type { KeyValueStore, SetOptions } from "../../ports/index.ts";
import { RoundTrips } from "./round-trips.ts";

/** Connection settings for Upstash REST. */
export interface UpstashOptions {
  url: string;
  token: string;
  /** Per HTTP request; keep it far inside Discord's 3 s. */
  timeoutMs?: number;
}

/**
 * An @upstash/redis client with a timeout on every request, one bounded retry, raw strings
 * (no JSON guessing) and no auto-pipelining (see {@link RoundTrips}).
 */
export function createUpstashClient(options: UpstashOptions): Redis {
  const timeoutMs = options.timeoutMs ?? 300;
  return new Redis({
    url: options.url,
    token: options.token,
    automaticDeserialization: false,
    enableAutoPipelining: false,
    enableTelemetry: false,
    retry: { retries: 1, backoff: () => 20 },
    signal: () => AbortSignal.timeout(timeoutMs),
  });
}

/** The cache port over Upstash, all commands sharing round trips. */
export class UpstashStore implements Omit<KeyValueStore, "backend"> {
  constructor(
    private readonly redis: Redis,
    readonly trips: RoundTrips = new RoundTrips(redis),
  ) {}

  get(key: string): Promise<string | null> {
    return this.trips.run((p) => p.get(key));
  }

  async set(key: string, value: string, options: SetOptions = {}): Promise<boolean> {
    const opts = {
      ...(options.ttlSeconds ? { ex: Math.max(1, Math.ceil(options.ttlSeconds)) } : {}),
      ...(options.onlyIfAbsent ? { nx: true as const } : {}),
    };
    const result = await this.trips.run<string | null>((p) => p.set(key, value, opts as never));
    return result === "OK";
  }

  async del(keys: readonly string[]): Promise<void> {
    if (keys.length) await this.trips.run((p) => p.del(...keys));
  }

  async deleteMatching(pattern: string): Promise<number> {
    let cursor = "0";
    let deleted = 0;
    for (let pass = 0; pass < 1000; pass++) {
      const [next, keys] = await this.redis.scan(cursor, { match: pattern, count: 500 });
      if (keys.length) deleted += await this.redis.del(...keys);
      cursor = String(next);
      if (cursor === "0") break;
    }
    return deleted;
  }

  async incrementFields(key: string, increments: Readonly<Record<string, number>>): Promise<void> {
    await Promise.all(
      Object.entries(increments).map(([field, by]) =>
        this.trips.run((p) => p.hincrby(key, field, by)),
      ),
    );
  }

  async readNumberHash(key: string): Promise<Record<string, number>> {
    const raw = await this.trips.run<string[] | Record<string, string> | null>((p) =>
      p.hgetall(key),
    );
    const out: Record<string, number> = {};
    if (Array.isArray(raw)) {
      for (let i = 0; i + 1 < raw.length; i += 2) out[raw[i] as string] = Number(raw[i + 1]);
    } else if (raw) {
      for (const [field, value] of Object.entries(raw)) out[field] = Number(value);
    }
    return out;
  }

  async ping(): Promise<number> {
    const started = performance.now();
    await this.redis.ping();
    return performance.now() - started;
  }
}
