import { slidingWindow } from "../../domain/sliding-window.ts";
import type { Clock, LimitDecision, LimitRule, RateLimiter } from "../../ports/index.ts";

/** Entries are dropped once both windows they could count towards have passed. */
const SWEEP_EVERY = 1000;

/** Sliding-window limits in isolate memory, with the same arithmetic as @upstash/ratelimit. */
export class MemoryLimiter implements RateLimiter {
  private readonly counts = new Map<string, { window: number; count: number; windowMs: number }>();
  private calls = 0;

  constructor(private readonly clock: Clock) {}

  async limit(identifier: string, rule: LimitRule): Promise<LimitDecision> {
    const now = this.clock.now();
    const windowMs = rule.windowSeconds * 1000;
    const window = Math.floor(now / windowMs);
    const key = (w: number) => `w${rule.windowSeconds}:${identifier}:${w}`;
    const current = this.counts.get(key(window))?.count ?? 0;
    const previous = this.counts.get(key(window - 1))?.count ?? 0;
    const decision = slidingWindow({ previous, current }, now, windowMs, rule.limit);
    if (decision.allowed) this.counts.set(key(window), { window, count: current + 1, windowMs });
    if (++this.calls % SWEEP_EVERY === 0) this.sweep(now);
    return decision;
  }

  async reset(identifierPrefix: string): Promise<void> {
    for (const key of [...this.counts.keys()]) {
      const identifier = key.slice(key.indexOf(":") + 1);
      if (identifier.startsWith(identifierPrefix)) this.counts.delete(key);
    }
  }

  private sweep(now: number): void {
    for (const [key, entry] of this.counts) {
      if ((entry.window + 2) * entry.windowMs <= now) this.counts.delete(key);
    }
  }
}
