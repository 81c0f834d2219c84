import AsyncRateLimiter from "async-ratelimiter";
import type { Redis } from "ioredis";
import type { LimitDecision, LimitRule, RateLimiter } from "../../ports/index.ts";
import type { TcpStore } from "./tcp-store.ts";

/**
 * Sliding-window limits on Redis over TCP, enforced by async-ratelimiter: one atomic Lua script
 * per check keeps a sorted set of the window's request times, so the window truly slides. It
 * replaces @upstash/ratelimit on Node because that library's scripts carry an Upstash-only
 * flag (`allow-key-locking`) that stock Redis rejects. Same buckets, same rules, same keys
 * (`<prefix>rl:w<window>:<identifier>`), so `/ratelimit reset` finds them the same way.
 */
export class TcpLimiter implements RateLimiter {
  private readonly limiter: AsyncRateLimiter;

  constructor(
    redis: Redis,
    private readonly store: TcpStore,
    private readonly keyPrefix: string,
  ) {
    this.limiter = new AsyncRateLimiter({ db: redis, namespace: `${keyPrefix}rl` });
  }

  async limit(identifier: string, rule: LimitRule): Promise<LimitDecision> {
    // One set per window length: an override that changes the window must not trim the
    // entries another window still counts.
    const { remaining, reset } = await this.limiter.get({
      id: `w${rule.windowSeconds}:${identifier}`,
      max: rule.limit,
      duration: rule.windowSeconds * 1000,
    });
    // `remaining` is counted before this request; `reset` is in whole seconds, rounded down.
    const resetAt = (reset + 1) * 1000;
    if (remaining <= 0) return { allowed: false, remaining: 0, resetAt };
    return { allowed: true, remaining: remaining - 1, resetAt };
  }

  async reset(identifierPrefix: string): Promise<void> {
    await this.store.deleteMatching(`${this.keyPrefix}rl:w*:${identifierPrefix}*`);
  }
}
