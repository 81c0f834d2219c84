import { Ratelimit } from "@upstash/ratelimit";
import type { LimitDecision, LimitRule, RateLimiter } from "../../ports/index.ts";
import type { RoundTrips } from "./round-trips.ts";
import type { UpstashStore } from "./upstash-store.ts";

/** Thrown when @upstash/ratelimit gave up waiting for Redis (it would otherwise allow silently). */
export class RateLimitTimeoutError extends Error {
  override name = "RateLimitTimeoutError";
}

/** Limiter keys live under `<prefix>rl:w<window>:`, so a reset can find every window. */
export function limiterKeyPrefix(keyPrefix: string, windowSeconds: number): string {
  return `${keyPrefix}rl:w${windowSeconds}`;
}

/**
 * Sliding-window limits enforced by @upstash/ratelimit. Its Redis calls are routed through
 * {@link RoundTrips}, so limits checked together share one HTTP request with the cache reads.
 */
export class UpstashLimiter implements RateLimiter {
  private readonly limiters = new Map<string, Ratelimit>();

  constructor(
    private readonly trips: RoundTrips,
    private readonly store: UpstashStore,
    private readonly keyPrefix: string,
    private readonly timeoutMs = 250,
  ) {}

  async limit(identifier: string, rule: LimitRule): Promise<LimitDecision> {
    const result = await this.limiterFor(rule).limit(identifier);
    if (result.reason === "timeout") throw new RateLimitTimeoutError("rate limit check timed out");
    return { allowed: result.success, remaining: result.remaining, resetAt: result.reset };
  }

  async reset(identifierPrefix: string): Promise<void> {
    await this.store.deleteMatching(`${this.keyPrefix}rl:w*:${identifierPrefix}*`);
  }

  private limiterFor(rule: LimitRule): Ratelimit {
    const key = `${rule.limit}/${rule.windowSeconds}`;
    let limiter = this.limiters.get(key);
    if (!limiter) {
      limiter = new Ratelimit({
        redis: this.scriptRunner(),
        limiter: Ratelimit.slidingWindow(rule.limit, `${rule.windowSeconds} s`),
        prefix: limiterKeyPrefix(this.keyPrefix, rule.windowSeconds),
        timeout: this.timeoutMs,
        analytics: false,
        // A per-isolate block cache would survive /ratelimit reset on other isolates.
        ephemeralCache: false,
      });
      this.limiters.set(key, limiter);
    }
    return limiter;
  }

  /** The slice of the Redis client @upstash/ratelimit calls, routed into shared round trips. */
  private scriptRunner(): ConstructorParameters<typeof Ratelimit>[0]["redis"] {
    const trips = this.trips;
    const runner = {
      evalsha: (sha: string, keys: string[], args: unknown[]) =>
        trips.run((p) => p.evalsha(sha, keys, args)),
      eval: (script: string, keys: string[], args: unknown[]) =>
        trips.run((p) => p.eval(script, keys, args)),
      get: (key: string) => trips.run((p) => p.get(key)),
      set: (key: string, value: unknown) => trips.run((p) => p.set(key, value)),
    };
    // The library types this as the whole client; it only calls the methods above.
    return runner as unknown as ConstructorParameters<typeof Ratelimit>[0]["redis"];
  }
}
